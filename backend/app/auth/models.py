"""Accounts: who may sign in, and what they may see."""

import uuid
from datetime import datetime
from enum import StrEnum

from sqlmodel import Field, SQLModel

from app.core.clock import utcnow
from app.core.db_types import utc_column


class UserRole(StrEnum):
    advertiser = "advertiser"  # sees and changes only their own campaigns
    admin = "admin"  # HiBid staff: sees every campaign


class User(SQLModel, table=True):
    # "user" is a reserved word in PostgreSQL; a plain name avoids quoting everywhere.
    __tablename__ = "user_account"

    id: uuid.UUID = Field(default_factory=uuid.uuid4, primary_key=True)
    email: str = Field(max_length=320, unique=True, index=True)
    password_hash: str = Field(max_length=255)
    role: UserRole = Field(default=UserRole.advertiser, max_length=20)
    is_active: bool = True
    # Part of every token; sign-out and a password change bump it, so earlier tokens stop working.
    token_version: int = 0
    created_at: datetime = Field(default_factory=utcnow, sa_column=utc_column(nullable=False))

    @property
    def is_admin(self) -> bool:
        return self.role == UserRole.admin
