"""the records find the problems: member lifecycle (转正 decisions, 失联 and contact attempts,
transfers out of and into the county, 转正 date unknown), the leadership register of each
organization, and the findings the records propose (数据核查)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06
"""

import sqlalchemy as sa
from alembic import op

revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('check', sa.String(length=30), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('month', sa.String(length=7), nullable=False),
    sa.Column('as_of', sa.Date(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('category', sa.String(length=30), nullable=False),
    sa.Column('severity', sa.Enum('一般', '严重', name='severity', native_enum=False, length=20), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('evidence', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('待处理', '已采纳', '已排除', '已消除', name='findingstatus', native_enum=False, length=20), nullable=False),
    sa.Column('reason', sa.String(length=400), nullable=True),
    sa.Column('problem_id', sa.Integer(), nullable=True),
    sa.Column('decided_by', sa.String(length=50), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], name=op.f('fk_finding_org_id_organization')),
    sa.ForeignKeyConstraint(['problem_id'], ['problem.id'], name=op.f('fk_finding_problem_id_problem')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_finding')),
    sa.UniqueConstraint('key', name=op.f('uq_finding_key'))
    )
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.create_index('ix_finding_month', ['month'], unique=False)

    op.create_table('member_event',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('转正', '延长预备期', '取消预备党员资格', '失去联系', '联系尝试', '恢复联系', '组织关系转出', '组织关系转入', '停止党籍', name='membereventkind', native_enum=False, length=20), nullable=False),
    sa.Column('happened_on', sa.Date(), nullable=False),
    sa.Column('place', sa.String(length=100), nullable=True),
    sa.Column('letter_no', sa.String(length=50), nullable=True),
    sa.Column('receipt_on', sa.Date(), nullable=True),
    sa.Column('new_end', sa.Date(), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_member_event_member_id_member')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member_event'))
    )
    with op.batch_alter_table('member_event', schema=None) as batch_op:
        batch_op.create_index('ix_member_event_member_id', ['member_id'], unique=False)

    op.create_table('org_leader',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('org_id', sa.Integer(), nullable=False),
    sa.Column('post', sa.Enum('书记', '副书记', '委员', name='leaderpost', native_enum=False, length=20), nullable=False),
    sa.Column('member_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=50), nullable=False),
    sa.Column('start_on', sa.Date(), nullable=False),
    sa.Column('end_on', sa.Date(), nullable=True),
    sa.Column('chosen_by', sa.String(length=30), nullable=True),
    sa.Column('note', sa.String(length=200), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.Column('updated_at', sa.DateTime(), server_default=sa.text('(CURRENT_TIMESTAMP)'), nullable=False),
    sa.ForeignKeyConstraint(['member_id'], ['member.id'], name=op.f('fk_org_leader_member_id_member')),
    sa.ForeignKeyConstraint(['org_id'], ['organization.id'], name=op.f('fk_org_leader_org_id_organization')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_org_leader'))
    )
    with op.batch_alter_table('org_leader', schema=None) as batch_op:
        batch_op.create_index('ix_org_leader_org_id', ['org_id'], unique=False)

    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.add_column(sa.Column('units', sa.Integer(), nullable=True))

    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.add_column(sa.Column('full_on_unknown', sa.Boolean(), server_default=sa.text('false'), nullable=False))
        batch_op.add_column(sa.Column('probation_end', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('lost_on', sa.Date(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_column('lost_on')
        batch_op.drop_column('probation_end')
        batch_op.drop_column('full_on_unknown')

    with op.batch_alter_table('organization', schema=None) as batch_op:
        batch_op.drop_column('units')

    with op.batch_alter_table('org_leader', schema=None) as batch_op:
        batch_op.drop_index('ix_org_leader_org_id')

    op.drop_table('org_leader')
    with op.batch_alter_table('member_event', schema=None) as batch_op:
        batch_op.drop_index('ix_member_event_member_id')

    op.drop_table('member_event')
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_index('ix_finding_month')

    op.drop_table('finding')
