"""Request and response shapes of accounts."""

import uuid

from pydantic import BaseModel, ConfigDict, Field, field_validator
from pydantic_core import PydanticCustomError

from app.auth.emails import BadEmail, normalise_email
from app.auth.models import UserRole
from app.auth.passwords import PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH

_PASSWORD_RULE = (
    f"At least {PASSWORD_MIN_LENGTH} characters, not a common password and not easy to guess "
    "(a few unrelated words work well)"
)


class UserCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"example": {"email": "jane@smith-auctions.example", "password": "a long passphrase"}},
    )

    email: str = Field(max_length=320, json_schema_extra={"format": "email"})
    password: str = Field(min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH, description=_PASSWORD_RULE)

    @field_validator("email")
    @classmethod
    def _valid_email(cls, value: str) -> str:
        try:
            return normalise_email(value)
        except BadEmail as exc:
            raise PydanticCustomError("email", str(exc)) from None


class RegistrationAccepted(BaseModel):
    """The same answer whether or not the address already had an account, so sign-up reveals neither."""

    email: str
    detail: str = "Sign in with this email and password to continue."


class PasswordChange(BaseModel):
    model_config = ConfigDict(extra="forbid")

    current_password: str = Field(min_length=1, max_length=PASSWORD_MAX_LENGTH)
    new_password: str = Field(
        min_length=PASSWORD_MIN_LENGTH, max_length=PASSWORD_MAX_LENGTH, description=_PASSWORD_RULE
    )


class UserPublic(BaseModel):
    id: uuid.UUID
    email: str
    role: UserRole


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"  # noqa: S105 - the OAuth2 token type, not a secret
