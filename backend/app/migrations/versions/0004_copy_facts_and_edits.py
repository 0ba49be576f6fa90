"""copy versions keep the auction facts record, the advertiser's corrections and the hand-edited fields

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 09:46:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("copyversion", schema=None) as batch_op:
        batch_op.add_column(sa.Column("facts", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("fact_corrections", sa.JSON(), nullable=False, server_default="{}"))
        batch_op.add_column(sa.Column("edited_fields", sa.JSON(), nullable=False, server_default="[]"))


def downgrade() -> None:
    with op.batch_alter_table("copyversion", schema=None) as batch_op:
        batch_op.drop_column("edited_fields")
        batch_op.drop_column("fact_corrections")
        batch_op.drop_column("facts")
