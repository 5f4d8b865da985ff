"""What `dangjian check` reports for the supervision cycle: overdue problems, replies not
received, month tasks not reported by their 完成时限 (docs/task-receipts.md) and 问责查办 cases
not yet decided (docs/accountability.md), in the actor's township."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ...actor import Actor
from ...org import Organization
from ...supervision import (
    Letter,
    LetterStatus,
)
from .. import access
from .common import date_text
from .problems import overdue_problems
from .receipts import unreported_tasks


def overdue_findings(session: Session, actor: Actor, today: date) -> list[tuple[str, str, str]]:
    """(kind, organization, message) for `check`: overdue problems and replies not received,
    in the actor's township."""
    out = []
    for p in overdue_problems(session, actor, today):
        out.append(("逾期问题", p.org.name,
                    f"{p.category}：{p.description}（整改时限{date_text(p.deadline)}，{p.status.value}）"))
    q = (select(Letter).join(Organization, Organization.id == Letter.recipient_id)
         .where(Letter.status == LetterStatus.ISSUED, Letter.reply_deadline < today))
    for x in session.scalars(
        access.limit(session, actor, q, Organization.path).order_by(Letter.reply_deadline, Letter.id)
    ):
        out.append(("逾期未反馈", x.recipient.name, f"{x.number}（反馈时限{date_text(x.reply_deadline)}）"))
    for line in unreported_tasks(session, actor, today):
        out.append(("逾期未报送任务", line.township.name,
                    f"{line.task.title}（完成时限{date_text(line.task.due_on)}）"))

    from .accountability import accountability_cases

    for c in accountability_cases(session, actor, today, open_only=True):
        out.append(("问责查办待决定", c.township,
                    f"{c.letter_number}最后整改期限{date_text(c.final_deadline)}已过，{len(c.problems)}个问题仍未整改；"
                    f"建议：{c.proposed}（accountability decide --id {c.id}）"))
    return out
