"""任务回执: a township's receipt per month task (完成 / 部分完成 / 未完成, date, note, who reported,
the county's confirmation) and its evidence files, kept in the database (docs/task-receipts.md)

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def _stamps() -> list[sa.Column]:
    return [
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
        sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    ]


def upgrade() -> None:
    op.create_table(
        'task_receipt',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('task_id', sa.Integer(), nullable=False),
        sa.Column('org_id', sa.Integer(), nullable=False),
        sa.Column('status', sa.Enum('完成', '部分完成', '未完成', name='receiptstatus', native_enum=False,
                                    length=20), nullable=False),
        sa.Column('reported_on', sa.Date(), nullable=False),
        sa.Column('note', sa.Text(), nullable=True),
        sa.Column('reported_by', sa.String(length=50), nullable=False),
        sa.Column('confirmed_by', sa.String(length=50), nullable=True),
        sa.Column('confirmed_at', sa.DateTime(), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['org_id'], ['organization.id'], name=op.f('fk_task_receipt_org_id_organization')),
        sa.ForeignKeyConstraint(['task_id'], ['month_task.id'], name=op.f('fk_task_receipt_task_id_month_task')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_task_receipt')),
        sa.UniqueConstraint('task_id', 'org_id', name='uq_task_receipt_task_id_org_id'),
    )
    with op.batch_alter_table('task_receipt', schema=None) as batch_op:
        batch_op.create_index('ix_task_receipt_org_id', ['org_id'], unique=False)

    op.create_table(
        'receipt_evidence',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('receipt_id', sa.Integer(), nullable=False),
        sa.Column('name', sa.String(length=200), nullable=False),
        sa.Column('kind', sa.String(length=10), nullable=False),
        sa.Column('size', sa.Integer(), nullable=False),
        sa.Column('sha256', sa.String(length=64), nullable=False),
        sa.Column('content', sa.LargeBinary(), nullable=False),
        sa.Column('added_by', sa.String(length=50), nullable=False),
        sa.Column('withdrawn_at', sa.DateTime(), nullable=True),
        sa.Column('withdrawn_by', sa.String(length=50), nullable=True),
        sa.Column('withdraw_reason', sa.String(length=200), nullable=True),
        *_stamps(),
        sa.ForeignKeyConstraint(['receipt_id'], ['task_receipt.id'],
                                name=op.f('fk_receipt_evidence_receipt_id_task_receipt')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_receipt_evidence')),
    )
    with op.batch_alter_table('receipt_evidence', schema=None) as batch_op:
        batch_op.create_index('ix_receipt_evidence_receipt_id', ['receipt_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('receipt_evidence', schema=None) as batch_op:
        batch_op.drop_index('ix_receipt_evidence_receipt_id')
    op.drop_table('receipt_evidence')
    with op.batch_alter_table('task_receipt', schema=None) as batch_op:
        batch_op.drop_index('ix_task_receipt_org_id')
    op.drop_table('task_receipt')
