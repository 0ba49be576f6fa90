"""HTTP endpoints for accounts: register, sign in and out, change the password, who am I."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.security import OAuth2PasswordRequestForm

from app.auth.deps import CurrentUser
from app.auth.schemas import PasswordChange, RegistrationAccepted, Token, UserCreate, UserPublic
from app.auth.service import (
    InvalidCredentials,
    WeakPassword,
    WrongPassword,
    account_email,
    authenticate,
    change_password,
    register_user,
    revoke_tokens,
)
from app.core.deps import SessionDep, SettingsDep
from app.core.errors import Forbidden, InvalidInput, NotAuthenticated, RateLimited, error_responses
from app.core.security import create_access_token
from app.ratelimit.deps import enforce_login_limit, enforce_rate_limit, rate_limit

router = APIRouter(prefix="/auth", tags=["auth"])

LoginForm = Annotated[OAuth2PasswordRequestForm, Depends()]


async def limit_login_attempts(request: Request, form: LoginForm) -> None:
    """Sign-in attempts are limited per address, per account and address, and per account (higher)."""
    try:
        account = account_email(form.username)
    except InvalidInput:
        account = form.username.strip().lower()  # refused by the sign-in itself; still counted here
    await enforce_login_limit(request, account[:320])


async def limit_password_changes(request: Request) -> None:
    """A stolen token must not buy unlimited guesses at the current password."""
    await enforce_rate_limit(request, "login")


@router.post(
    "/register",
    status_code=status.HTTP_202_ACCEPTED,
    summary="Create an advertiser account",
    response_model=RegistrationAccepted,
    dependencies=[rate_limit("login")],
    responses=error_responses(Forbidden, InvalidInput, WeakPassword, RateLimited),
)
async def register(body: UserCreate, session: SessionDep, settings: SettingsDep) -> RegistrationAccepted:
    """The same answer whether or not the address already has an account, so sign-up never reveals
    who has one: sign in next. Passwords need 10+ characters and must not be common or easy to guess.
    Off when the server runs with ALLOW_SIGNUP=false."""
    await register_user(session, settings, body.email, body.password)
    return RegistrationAccepted(email=body.email)


@router.post(
    "/login",
    summary="Sign in with email (as `username`) and password; returns a bearer token",
    response_model=Token,
    dependencies=[Depends(limit_login_attempts)],
    form_limits={"max_fields": 8, "max_files": 0, "max_part_size": 8 * 1024},
    responses=error_responses(InvalidCredentials, InvalidInput, RateLimited),
)
async def login(form: LoginForm, session: SessionDep, settings: SettingsDep) -> Token:
    """OAuth2 password flow, so the Authorize button in /docs works."""
    user = await authenticate(session, form.username, form.password)
    return Token(access_token=create_access_token(user.id, user.token_version, settings))


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out everywhere: every token issued so far stops working",
    response_class=Response,
    responses=error_responses(NotAuthenticated, RateLimited),
)
async def logout(user: CurrentUser, session: SessionDep) -> Response:
    await revoke_tokens(session, user)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/password",
    summary="Change the password; every earlier token stops working and a fresh one is returned",
    response_model=Token,
    dependencies=[Depends(limit_password_changes)],
    responses=error_responses(NotAuthenticated, WrongPassword, InvalidInput, WeakPassword, RateLimited),
)
async def password(body: PasswordChange, user: CurrentUser, session: SessionDep, settings: SettingsDep) -> Token:
    version = await change_password(session, user, body.current_password, body.new_password)
    return Token(access_token=create_access_token(user.id, version, settings))


@router.get(
    "/me",
    summary="The signed-in account",
    response_model=UserPublic,
    responses=error_responses(NotAuthenticated, RateLimited),
)
async def me(user: CurrentUser) -> UserPublic:
    return UserPublic(id=user.id, email=user.email, role=user.role)
