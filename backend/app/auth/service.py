"""Accounts: sign-up, sign-in, the user behind a token, and the first admin."""

import logging
import uuid

from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import async_sessionmaker
from sqlmodel import col, select
from sqlmodel.ext.asyncio.session import AsyncSession

from app.auth.emails import BadEmail, lookup_email
from app.auth.models import User, UserRole
from app.auth.passwords import password_problem
from app.core.config import Settings
from app.core.errors import AppError, Forbidden, InvalidInput, NotAuthenticated
from app.core.security import dummy_hash, hash_password, read_token, verify_password
from app.core.transactions import commit
from app.core.workers import run_password

logger = logging.getLogger(__name__)


class InvalidCredentials(AppError):
    status_code = 401
    code = "invalid_credentials"


class WrongPassword(AppError):
    status_code = 403
    code = "wrong_password"


class WeakPassword(InvalidInput):
    code = "weak_password"


def account_email(email: str) -> str:
    """The stored spelling to look an account up by; 422 for invisible or control characters."""
    try:
        return lookup_email(email)
    except BadEmail as exc:
        raise InvalidInput(str(exc), code="invalid_email") from None


async def find_user_by_email(session: AsyncSession, email: str) -> User | None:
    return (await session.exec(select(User).where(User.email == account_email(email)))).first()


async def require_strong_password(password: str, email: str) -> None:
    """422 `weak_password` with the reason and what works, for a common or easily guessed password."""
    problem = await run_password(password_problem, password, (email, email.partition("@")[0]))
    if problem:
        raise WeakPassword(problem)


async def register_user(session: AsyncSession, settings: Settings, email: str, password: str) -> None:
    """Create an advertiser account unless the address has one already; the caller cannot tell which.

    403 when sign-up is off, 422 for a weak password. A taken address costs the same hashing time as
    a new one and changes nothing: its owner signs in as before; anyone else gets "Wrong email or password".
    """
    if not settings.allow_signup:
        raise Forbidden(
            "Sign-up is switched off on this server; ask HiBid staff for an account.", code="signup_disabled"
        )
    email = account_email(email)
    await require_strong_password(password, email)
    password_hash = await run_password(hash_password, password)  # hashed either way, so both answers take as long
    if await find_user_by_email(session, email):
        logger.info("sign-up for an existing address ignored")
        return
    user = User(email=email, password_hash=password_hash)
    try:
        # A savepoint, so a concurrent sign-up with the same email loses quietly and the session stays usable.
        # The row is added inside it: begin_nested() first flushes what is pending, outside the savepoint.
        async with session.begin_nested():
            session.add(user)
            await session.flush()
    except IntegrityError:  # the savepoint's rollback took the new row back out of the session
        logger.info("sign-up for an existing address ignored")
        return
    await commit(session)
    logger.info("user registered", extra={"user_id": str(user.id)})


async def authenticate(session: AsyncSession, email: str, password: str) -> User:
    """The user with this email and password; one message for an unknown email and a wrong password."""
    user = await find_user_by_email(session, email)
    # Always verify a hash so an unknown email takes as long as a wrong password.
    ok = await run_password(verify_password, password, user.password_hash if user else dummy_hash())
    if user is None or not ok or not user.is_active:
        raise InvalidCredentials("Wrong email or password.")
    return user


async def _next_token_version(session: AsyncSession, user: User, **changes: object) -> int:
    """Bump the account's token_version in one statement (concurrent bumps never meet on one value)."""
    statement = (
        update(User)
        .where(col(User.id) == user.id)
        .values(token_version=col(User.token_version) + 1, **changes)
        .returning(col(User.token_version))
    )
    version = int((await session.execute(statement)).scalar_one())
    await commit(session)
    await session.refresh(user)
    return version


async def revoke_tokens(session: AsyncSession, user: User) -> None:
    """Sign out everywhere: every token issued to the account so far stops working."""
    await _next_token_version(session, user)
    logger.info("tokens revoked", extra={"user_id": str(user.id)})


async def change_password(session: AsyncSession, user: User, current_password: str, new_password: str) -> int:
    """Check the current password, store the new one and revoke every earlier token; returns the new version."""
    if not await run_password(verify_password, current_password, user.password_hash):
        raise WrongPassword("The current password is not right; nothing was changed.")
    await require_strong_password(new_password, user.email)
    if await run_password(verify_password, new_password, user.password_hash):
        raise WeakPassword("The new password is the same as the current one; choose a different one.")
    password_hash = await run_password(hash_password, new_password)
    version = await _next_token_version(session, user, password_hash=password_hash)
    logger.info("password changed", extra={"user_id": str(user.id)})
    return version


async def user_for_token(session: AsyncSession, settings: Settings, token: str | None) -> User:
    """The active user a bearer token belongs to; 401 for a missing, forged, expired or revoked token."""
    claims = read_token(token, settings) if token else None
    if claims is None:
        raise NotAuthenticated()
    user = await session.get(User, claims.user_id)
    if user is None or not user.is_active or user.token_version != claims.version:
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
                email=account_email(settings.first_admin_email),
                password_hash=await run_password(hash_password, settings.first_admin_password),
                role=UserRole.admin,
            )
        )
        try:
            await commit(session)
        except IntegrityError:  # another replica created it first (the failed commit was rolled back)
            return
    logger.info("first admin created")
