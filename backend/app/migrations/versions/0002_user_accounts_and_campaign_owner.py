"""user accounts and campaign owner

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25 18:06:29.176241
"""

from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

import app.core.db_types

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OWNER_FK = "fk_campaign_owner_id_user_account"


def upgrade() -> None:
    op.create_table(
        "user_account",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("email", sqlmodel.sql.sqltypes.AutoString(length=320), nullable=False),
        sa.Column("password_hash", sqlmodel.sql.sqltypes.AutoString(length=255), nullable=False),
        sa.Column("role", sa.Enum("advertiser", "admin", name="userrole"), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", app.core.db_types.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_account_email"), ["email"], unique=True)

    # No account existed before this revision, so no campaign can have a real owner yet.
    op.execute("UPDATE campaign SET owner_id = NULL WHERE owner_id IS NOT NULL")
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.create_foreign_key(OWNER_FK, "user_account", ["owner_id"], ["id"], ondelete="SET NULL")


def downgrade() -> None:
    with op.batch_alter_table("campaign", schema=None) as batch_op:
        batch_op.drop_constraint(OWNER_FK, type_="foreignkey")
    with op.batch_alter_table("user_account", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_user_account_email"))
    op.drop_table("user_account")
    sa.Enum(name="userrole").drop(op.get_bind(), checkfirst=True)
