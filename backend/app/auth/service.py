"""Accounts: sign-up, sign-in, the user behind a token, and the first admin."""

import logging
import uuid

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.auth.models import User, UserRole
from app.auth.security import dummy_hash, hash_password, read_token, verify_password
from app.core.config import Settings
from app.core.errors import AppError, Conflict, Forbidden, NotAuthenticated
from app.core.workers import run_cpu

logger = logging.getLogger(__name__)


class InvalidCredentials(AppError):
    status_code = 401
    code = "invalid_credentials"


def normalise_email(email: str) -> str:
    return email.strip().lower()


async def find_user_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.exec(select(User).where(User.email == normalise_email(email)))).first()


async def register_user(session: AsyncSession, settings: Settings, email: str, password: str) -> User:
    """Create an advertiser account; 403 when sign-up is off, 409 when the email is taken."""
    if not settings.allow_signup:
        raise Forbidden(
            "Sign-up is switched off on this server; ask HiBid staff for an account.", code="signup_disabled"
        )
    taken = Conflict("An account with this email already exists; sign in instead.", code="email_taken")
    if await find_user_by_email(session, email):
        raise taken
    user = User(email=normalise_email(email), password_hash=await run_cpu(hash_password, password))
    session.add(user)
    try:
        # A savepoint, so a concurrent sign-up with the same email is a 409 and the session stays usable.
        async with session.begin_nested():
            await session.flush()
    except IntegrityError as exc:
        raise taken from exc
    logger.info("user registered", extra={"user_id": str(user.id)})
    return user


async def authenticate(session: AsyncSession, email: str, password: str) -> User:
    """The user with this email and password; one message for an unknown email and a wrong password."""
    user = await find_user_by_email(session, email)
    # Always verify a hash so an unknown email takes as long as a wrong password.
    ok = await run_cpu(verify_password, password, user.password_hash if user else dummy_hash())
    if user is None or not ok or not user.is_active:
        raise InvalidCredentials("Wrong email or password.")
    return user


async def user_for_token(session: AsyncSession, settings: Settings, token: str | None) -> User:
    """The active user a bearer token belongs to; 401 for a missing, forged or expired token."""
    user_id = read_token(token, settings) if token else None
    if user_id is None:
        raise NotAuthenticated()
    user = await session.get(User, user_id)
    if user is None or not user.is_active:
        raise NotAuthenticated()
    return user


def owner_filter(user: User) -> uuid.UUID | None:
    """Whose campaigns a user may see: their own, or everyone's (None) for an admin."""
    return None if user.role == UserRole.admin else user.id


async def ensure_first_admin(sessionmaker: async_sessionmaker[AsyncSession], settings: Settings) -> None:
    """Create FIRST_ADMIN_EMAIL as admin if no account has that email.

    Idempotent and safe when several replicas start at once: the unique email decides who wins.
    An existing account with that email is left as it is (never promoted, password never reset).
    """
    if not settings.first_admin_email or not settings.first_admin_password:
        return
    async with sessionmaker() as session:
        existing = await find_user_by_email(session, settings.first_admin_email)
        if existing is not None:
            if existing.role != UserRole.admin:
                logger.warning("FIRST_ADMIN_EMAIL belongs to a non-admin account; left unchanged")
            return
        session.add(
            User(
                email=normalise_email(settings.first_admin_email),
                password_hash=await run_cpu(hash_password, settings.first_admin_password),
                role=UserRole.admin,
            )
        )
        try:
            await session.commit()
        except IntegrityError:
            await session.rollback()  # another replica created it first
            return
    logger.info("first admin created")
