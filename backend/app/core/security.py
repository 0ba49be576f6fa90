"""Password hashing (argon2 via pwdlib) and signed, expiring access tokens (JWT, HS256)."""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

import jwt
from fastapi.security import OAuth2PasswordBearer
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.core.clock import utcnow
from app.core.config import Settings

ALGORITHM = "HS256"
TOKEN_TYPE = "access"  # noqa: S105 - a claim value, not a secret
CLOCK_SKEW_S = 10  # replicas' clocks differ a little: a token issued "just now" elsewhere is still valid here

# auto_error=False: a missing token is answered by our own 401 body, not FastAPI's.
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/auth/login", auto_error=False)

# argon2id at OWASP's recommended setting (19 MiB, 2 passes, 1 lane): ~0.1 s a sign-in on a small
# server instead of ~0.5 s at the library default (64 MiB, 4 lanes), which queued logins under load.
# Hashes store their parameters, so older hashes still verify if this changes.
_hasher = PasswordHash((Argon2Hasher(time_cost=2, memory_cost=19_456, parallelism=1),))


def hash_password(password: str) -> str:
    """Argon2id hash (blocking, ~tens of ms: call it from a worker thread)."""
    return _hasher.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    """Constant-time check of a password against its hash (blocking)."""
    try:
        return _hasher.verify(password, password_hash)
    except Exception:  # a malformed stored hash is a failed login, never a 500
        return False


@lru_cache(maxsize=1)
def dummy_hash() -> str:
    """A hash to verify against when the email is unknown, so both failures take as long."""
    return _hasher.hash(uuid.uuid4().hex)


@dataclass(frozen=True)
class TokenClaims:
    user_id: uuid.UUID
    version: int  # the account's token_version when the token was issued


def create_access_token(
    user_id: uuid.UUID, token_version: int, settings: Settings, *, expires_in: timedelta | None = None
) -> str:
    """A signed token for the account; it stops working once the account's token_version moves on."""
    now = utcnow()
    lifetime = expires_in if expires_in is not None else timedelta(minutes=settings.access_token_expire_minutes)
    claims = {"sub": str(user_id), "ver": token_version, "type": TOKEN_TYPE, "iat": now, "exp": now + lifetime}
    return jwt.encode(claims, settings.secret_key, algorithm=ALGORITHM)


def read_token(token: str, settings: Settings) -> TokenClaims | None:
    """The claims of a valid, unexpired token of ours; None for anything else."""
    try:
        claims = jwt.decode(
            token,
            settings.secret_key,
            algorithms=[ALGORITHM],
            options={"require": ["exp", "sub", "ver"]},
            leeway=CLOCK_SKEW_S,
        )
    except jwt.PyJWTError:
        return None
    version = claims.get("ver")
    if claims.get("type") != TOKEN_TYPE or not isinstance(version, int) or isinstance(version, bool):
        return None
    try:
        return TokenClaims(uuid.UUID(str(claims["sub"])), version)
    except ValueError:
        return None


def bearer_subject(authorization: str | None, settings: Settings) -> uuid.UUID | None:
    """The user id from an `Authorization: Bearer <jwt>` header, if it holds a valid token."""
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    claims = read_token(token.strip(), settings)
    return claims.user_id if claims else None
