"""撤销问题: a problem recorded by mistake is withdrawn (kept on record, left out of the letters,
the lights and the statistics) and can be restored; existing problems stay in force

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('problem', schema=None) as batch_op:
        batch_op.add_column(sa.Column('withdrawn_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('problem', schema=None) as batch_op:
        batch_op.drop_column('withdrawn_on')
