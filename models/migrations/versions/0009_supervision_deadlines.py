"""三函 deadlines run from the 督办函: problems already listed in an issued 督办函 get their
整改时限 recomputed (the later of their own and the letter's issue date + 15 days, 7 when 严重),
with an audit row each. 预警函 already issued stay as issued.

Revision ID: 0009
Revises: 0006
Create Date: 2026-12-01
"""

import json
from datetime import date, datetime, timedelta

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0006"
branch_labels = None
depends_on = None

ACCOUNT = "系统升级"
SENT = ("已签发", "已反馈", "已办结")

setting = sa.table("setting", sa.column("key", sa.String), sa.column("value", sa.Text))
letter = sa.table(
    "letter",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("status", sa.String),
    sa.column("number", sa.String),
    sa.column("issued_on", sa.Date),
)
letter_problem = sa.table("letter_problem", sa.column("letter_id", sa.Integer), sa.column("problem_id", sa.Integer))
problem = sa.table(
    "problem",
    sa.column("id", sa.Integer),
    sa.column("severity", sa.String),
    sa.column("deadline", sa.Date),
    sa.column("version", sa.Integer),
    sa.column("updated_at", sa.DateTime),
)
audit = sa.table(
    "audit_log",
    sa.column("at", sa.DateTime),
    sa.column("account", sa.String),
    sa.column("action", sa.String),
    sa.column("entity", sa.String),
    sa.column("entity_id", sa.Integer),
    sa.column("changes", sa.Text),
    sa.column("note", sa.String),
)


def _days(conn, key: str, default: int) -> int:
    value = conn.execute(sa.select(setting.c.value).where(setting.c.key == key)).scalar()
    try:
        return max(1, int(value)) if value is not None else default
    except ValueError:
        return default


def _date_text(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def upgrade() -> None:
    conn = op.get_bind()
    ordinary = _days(conn, "supervision_deadline_days", 15)
    serious = _days(conn, "supervision_deadline_days_serious", 7)
    rows = conn.execute(
        sa.select(problem.c.id, problem.c.severity, problem.c.deadline, problem.c.version,
                  letter.c.number, letter.c.issued_on)
        .select_from(problem.join(letter_problem, letter_problem.c.problem_id == problem.c.id)
                     .join(letter, letter.c.id == letter_problem.c.letter_id))
        .where(letter.c.kind == "督办函", letter.c.status.in_(SENT), letter.c.issued_on.is_not(None))
        .order_by(problem.c.id, letter.c.issued_on, letter.c.id)
    ).all()
    now = datetime.now().replace(microsecond=0)
    seen: set[int] = set()
    for pid, severity, deadline, version, number, issued_on in rows:
        if pid in seen:  # only the first 督办函 that listed it gives the time
            continue
        seen.add(pid)
        new = max(deadline, issued_on + timedelta(days=serious if severity == "严重" else ordinary))
        if new == deadline:
            continue
        conn.execute(problem.update().where(problem.c.id == pid)
                     .values(deadline=new, version=(version or 0) + 1, updated_at=now))
        conn.execute(audit.insert().values(
            at=now, account=ACCOUNT, action="deadline", entity="problem", entity_id=pid,
            changes=json.dumps({"deadline": [deadline.isoformat(), new.isoformat()]}, ensure_ascii=False),
            note=f"升级：整改时限自{number}签发之日（{_date_text(issued_on)}）起计算",
        ))


def downgrade() -> None:
    """The old deadlines are in the audit rows; they are not put back."""
