"""问责查办: the county's decision on a 预警函 whose final deadline passed with problems still open
(docs/accountability.md); the open cases themselves are computed, a row is written when one is decided

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "accountability_case",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("letter_id", sa.Integer(), nullable=False),
        sa.Column("org_id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("final_deadline", sa.Date(), nullable=False),
        sa.Column("problem_ids", sa.String(length=400), nullable=False),
        sa.Column("proposed", sa.String(length=100), nullable=False),
        sa.Column("measure", sa.String(length=200), nullable=False),
        sa.Column("decided_on", sa.Date(), nullable=False),
        sa.Column("decided_by", sa.String(length=50), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
                  nullable=False),
        sa.ForeignKeyConstraint(["letter_id"], ["letter.id"],
                                name=op.f("fk_accountability_case_letter_id_letter")),
        sa.ForeignKeyConstraint(["org_id"], ["organization.id"],
                                name=op.f("fk_accountability_case_org_id_organization")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_accountability_case")),
        sa.UniqueConstraint("letter_id", name=op.f("uq_accountability_case_letter_id")),
    )
    with op.batch_alter_table("accountability_case", schema=None) as batch_op:
        batch_op.create_index("ix_accountability_case_org_id_year", ["org_id", "year"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("accountability_case", schema=None) as batch_op:
        batch_op.drop_index("ix_accountability_case_org_id_year")
    op.drop_table("accountability_case")
