"""Evaluations that stand up to review: each branch meeting of a 民主评议 round recorded (应到, 实到,
public raters), 双议双评 cadres who are not Party members, the matter put to 商议/审议

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('evaluation_meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('round_id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('held_on', sa.Date(), nullable=False),
    sa.Column('expected', sa.Integer(), nullable=False),
    sa.Column('present', sa.Integer(), nullable=False),
    sa.Column('absent_note', sa.String(length=500), nullable=True),
    sa.Column('public_invited', sa.Integer(), nullable=False),
    sa.Column('public_present', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], name=op.f('fk_evaluation_meeting_org_id_organization')),
    sa.ForeignKeyConstraint(['round_id'], ['evaluation_round.id'],
                            name=op.f('fk_evaluation_meeting_round_id_evaluation_round')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_evaluation_meeting')),
    sa.UniqueConstraint('round_id', 'org_id', name='uq_evaluation_meeting_branch')
    )
    with op.batch_alter_table('evaluation_sheet', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_name', sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column('person_id_number', sa.String(length=18), nullable=True))
    with op.batch_alter_table('evaluation_approval', schema=None) as batch_op:
        batch_op.add_column(sa.Column('matter', sa.String(length=200), nullable=True))
    with op.batch_alter_table('cadre_post', schema=None) as batch_op:
        batch_op.add_column(sa.Column('person_name', sa.String(length=50), nullable=True))
        batch_op.add_column(sa.Column('person_id_number', sa.String(length=18), nullable=True))
        batch_op.alter_column('member_id', existing_type=sa.Integer(), nullable=True)
        batch_op.create_index('ix_cadre_post_person_id_number', ['person_id_number'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('cadre_post', schema=None) as batch_op:
        batch_op.drop_index('ix_cadre_post_person_id_number')
        batch_op.alter_column('member_id', existing_type=sa.Integer(), nullable=False)
        batch_op.drop_column('person_id_number')
        batch_op.drop_column('person_name')
    with op.batch_alter_table('evaluation_approval', schema=None) as batch_op:
        batch_op.drop_column('matter')
    with op.batch_alter_table('evaluation_sheet', schema=None) as batch_op:
        batch_op.drop_column('person_id_number')
        batch_op.drop_column('person_name')
    op.drop_table('evaluation_meeting')
