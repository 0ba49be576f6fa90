"""HTTP endpoints for accounts: register, sign in, who am I."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, status
from fastapi.security import OAuth2PasswordRequestForm

from app.auth.schemas import Token, UserCreate, UserPublic
from app.auth.security import create_access_token
from app.auth.service import InvalidCredentials, authenticate, register_user
from app.core.deps import CurrentUser, SessionDep, SettingsDep
from app.core.errors import Conflict, Forbidden, InvalidInput, NotAuthenticated, RateLimited, error_responses
from app.ratelimit.deps import enforce_rate_limit, rate_limit

router = APIRouter(prefix="/auth", tags=["auth"])

LoginForm = Annotated[OAuth2PasswordRequestForm, Depends()]


async def limit_login_attempts(request: Request, form: LoginForm) -> None:
    """Sign-in attempts are limited per IP and per account, so passwords cannot be guessed at speed."""
    await enforce_rate_limit(request, "login", [f"email:{form.username.strip().lower()[:320]}"])


@router.post(
    "/register",
    status_code=status.HTTP_201_CREATED,
    summary="Create an advertiser account",
    response_model=UserPublic,
    dependencies=[rate_limit("login")],
    responses=error_responses(Forbidden, Conflict, InvalidInput, RateLimited),
)
async def register(body: UserCreate, session: SessionDep, settings: SettingsDep) -> UserPublic:
    """Passwords need at least 10 characters. Off when the server runs with ALLOW_SIGNUP=false."""
    user = await register_user(session, settings, body.email, body.password)
    return UserPublic(id=user.id, email=user.email, role=user.role)


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
    return Token(access_token=create_access_token(user.id, settings))


@router.get(
    "/me",
    summary="The signed-in account",
    response_model=UserPublic,
    responses=error_responses(NotAuthenticated, RateLimited),
)
async def me(user: CurrentUser) -> UserPublic:
    return UserPublic(id=user.id, email=user.email, role=user.role)
