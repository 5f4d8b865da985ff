"""the audit log becomes a hash chain (seq, hash, audit_head); existing rows are hashed

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

import hashlib
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

AUDIT_MESSAGE = "审计日志不可修改"
GENESIS = "0" * 64
CONTENT = ("at", "account", "action", "entity", "entity_id", "changes", "note")

SQLITE_TRIGGERS = [
    f"""CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END""",
    f"""CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, '{AUDIT_MESSAGE}'); END""",
]
PG_TRIGGER = """CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
        FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"""


def _text(value):
    if value is None:
        return "\x00"
    if isinstance(value, datetime):
        return value.isoformat(" ")
    return str(value)


def _hash(prev, seq, row):
    # the same as models.audit.chain_hash at this revision (a migration keeps its own copy)
    parts = [prev, str(seq), *(_text(row[k]) for k in CONTENT)]
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()


def _drop_triggers(sqlite: bool) -> None:
    if sqlite:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_update")
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_delete")
    else:
        op.execute("DROP TRIGGER IF EXISTS audit_log_no_change ON audit_log")


def _create_triggers(sqlite: bool) -> None:
    for sql in SQLITE_TRIGGERS if sqlite else [PG_TRIGGER]:
        op.execute(sql)


def upgrade() -> None:
    bind = op.get_bind()
    sqlite = bind.dialect.name == "sqlite"
    op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("verified_seq", sa.Integer(), nullable=False),
        sa.Column("verified_hash", sa.String(length=64), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    _drop_triggers(sqlite)
    op.add_column("audit_log", sa.Column("seq", sa.Integer(), nullable=True))
    op.add_column("audit_log", sa.Column("hash", sa.String(length=64), nullable=True))
    log = sa.table("audit_log", sa.column("id", sa.Integer), sa.column("at", sa.DateTime),
                   *(sa.column(c) for c in CONTENT[1:]), sa.column("seq", sa.Integer),
                   sa.column("hash", sa.String))
    rows = bind.execute(sa.select(log.c.id, *(log.c[c] for c in CONTENT)).order_by(log.c.id)).mappings()
    prev, updates = GENESIS, []
    for seq, row in enumerate(rows, start=1):
        prev = _hash(prev, seq, row)
        updates.append({"b_id": row["id"], "seq": seq, "hash": prev})
    if updates:
        bind.execute(
            sa.update(log).where(log.c.id == sa.bindparam("b_id"))
            .values(seq=sa.bindparam("seq"), hash=sa.bindparam("hash")),
            updates,
        )
        bind.execute(sa.text("INSERT INTO audit_head (id, seq, hash, verified_seq, verified_hash) "
                             "VALUES (1, :s, :h, :s, :h)"), {"s": len(updates), "h": prev})
    op.create_index("ix_audit_log_seq", "audit_log", ["seq"], unique=True)
    _create_triggers(sqlite)


def downgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    _drop_triggers(sqlite)
    op.drop_index("ix_audit_log_seq", table_name="audit_log")
    with op.batch_alter_table("audit_log") as batch:
        batch.drop_column("hash")
        batch.drop_column("seq")
    op.drop_table("audit_head")
    _create_triggers(sqlite)
