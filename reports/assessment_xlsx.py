"""The yearly assessment of the townships' 党建, its 三函 part (年度党建考核), as one workbook
(docs/accountability.md "The yearly assessment").

Per township-level committee: problems found in the year, rectified on time, late (逾期整改),
still open, 预警函 and their deductions, 问责查办 cases and the measures decided, the score (the
setting assessment_base minus the deductions) and the rank. The rules are printed under the table.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import rules
from models.actor import Actor
from models.services import access
from models.services import supervision as sv
from models.services.orgs import townships
from models.services.stats import township_index
from models.settings import get_setting
from models.supervision import Letter, Problem, ProblemStatus, WarningConsequence

from .xlsx import BORDER, HEADER_FILL, _save, header_height, print_ready, row_height

HEADERS = ["名次", "乡镇（单位）", "发现问题", "按期整改", "逾期整改", "未整改", "预警函", "预警扣分",
           "问责查办", "问责措施", "问责扣分", "得分", "重点任务", "按时报送", "逾期或未报送"]
WIDTHS = [6.0, 16.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 7.0, 24.0, 7.0, 7.0, 7.0, 7.0, 7.0]
TITLE_ROWS = 3


@dataclass
class AssessmentLine:
    township: str
    found: int = 0
    on_time: int = 0
    late: int = 0
    open: int = 0
    warnings: int = 0
    warning_deduction: Decimal = Decimal(0)
    cases: int = 0
    measures: list[str] = field(default_factory=list)
    case_deduction: Decimal = Decimal(0)
    score: Decimal = Decimal(0)
    rank: int = 0
    #: the year's month tasks due by the date counted at, and the township's receipts (docs/task-receipts.md)
    tasks: int = 0
    tasks_on_time: int = 0
    tasks_late: int = 0


def _number(d: Decimal) -> int | float:
    return int(d) if d == d.to_integral_value() else float(d)


def rules_text(session: Session) -> list[str]:
    """The scoring rules as printed under the table (from the settings)."""
    base = get_setting(session, "assessment_base")
    per_warning = get_setting(session, "warning_deduction")
    per_case = get_setting(session, "accountability_deduction")
    days = get_setting(session, "warning_deadline_days")
    return [
        f"1. 得分＝基础分{base}分－预警扣分－问责扣分，最低为0分。",
        f"2. 预警扣分：每份工作预警函扣{per_warning}分（签发时记录，作废的预警函不扣分）。",
        f"3. 问责扣分：预警函签发后{days}日为最后整改期限，期满仍未整改的问题转入问责查办，每起扣{per_case}分；"
        f"建议措施按乡镇当年问责查办次数依次为：{'、'.join(sv.measures(session))}。",
        "4. 按期整改：在整改时限内销号；逾期整改：超过整改时限才销号，不计为按期整改；未整改：截至统计日未销号。",
        "5. 名次按得分从高到低排列，得分相同的并列。",
        "6. 重点任务：当年完成时限已到的月度重点任务；按时报送：在完成时限前报送完成情况；逾期或未报送：超过完成时限才报送或仍未报送（不计分，供考核参考）。",
    ]


def assessment_lines(session: Session, actor: Actor, year: int, as_of: date | None = None) -> list[AssessmentLine]:
    """One line per township-level committee, ranked (county accounts only)."""
    access.require_county_view(actor, "年度党建考核")
    as_of = min(as_of or date.today(), date(year, 12, 31))
    town = township_index(session)
    towns = townships(session)
    lines = {t.id: AssessmentLine(t.short_name or t.name) for t in towns}
    for org_id, deadline, status, closed_on in session.execute(
        select(Problem.org_id, Problem.deadline, Problem.status, Problem.closed_on)
        .where(Problem.in_force, Problem.found_on >= date(year, 1, 1), Problem.found_on <= as_of)
    ):
        line = lines.get(town.get(org_id) or 0)
        if line is None:
            continue
        line.found += 1
        closed = status == ProblemStatus.CLOSED and (closed_on is None or closed_on <= as_of)
        if not closed:
            line.open += 1
        elif rules.rectified_late(deadline, closed_on):
            line.late += 1
        else:
            line.on_time += 1
    for recipient, deduction in session.execute(
        select(Letter.recipient_id, WarningConsequence.deduction)
        .join(Letter, Letter.id == WarningConsequence.letter_id)
        .where(WarningConsequence.voided.is_(False), WarningConsequence.year == year,
               Letter.issued_on <= as_of)
    ):
        line = lines.get(town.get(recipient) or 0)
        if line is not None:
            line.warnings += 1
            line.warning_deduction += Decimal(deduction)
    per_case = Decimal(get_setting(session, "accountability_deduction"))
    cases = defaultdict(list)
    for c in sv.accountability_cases(session, actor, as_of + timedelta(days=1), year):
        cases[c.township_id].append(c)
    for tid, found in cases.items():
        line = lines.get(tid)
        if line is None:
            continue
        line.cases = len(found)
        line.case_deduction = per_case * len(found)
        line.measures = [f"{c.measure}（已决定）" if c.decided_on is not None and c.decided_on <= as_of else f"{c.proposed}（建议）"
                         for c in found]
    _task_receipts(session, actor, year, as_of, lines, town)
    base = Decimal(get_setting(session, "assessment_base"))
    for line in lines.values():
        line.score = max(Decimal(0), base - line.warning_deduction - line.case_deduction)
    ordered = sorted(lines.values(), key=lambda x: (-x.score, x.township))
    for n, line in enumerate(ordered, start=1):
        line.rank = ordered[n - 2].rank if n > 1 and ordered[n - 2].score == line.score else n
    return ordered


def _task_receipts(session: Session, actor: Actor, year: int, as_of: date, lines: dict[int, AssessmentLine],
                   town: dict[int, int]) -> None:
    """Each township's receipts for the year's month tasks due by `as_of`: on time or not."""
    from models.services.supervision.receipts import _lines
    from models.supervision import MonthTask

    tasks = session.scalars(select(MonthTask).where(
        MonthTask.withdrawn.is_(False), MonthTask.due_on.is_not(None),
        MonthTask.due_on >= date(year, 1, 1), MonthTask.due_on < as_of))
    for r in _lines(session, actor, tasks, as_of):
        line = lines.get(r.township.id)
        if line is None:
            continue
        line.tasks += 1
        if r.receipt is not None and r.task.due_on is not None and r.receipt.reported_on <= r.task.due_on:
            line.tasks_on_time += 1
        else:
            line.tasks_late += 1


def export_assessment(session: Session, actor: Actor, path: str | Path, year: int,
                      as_of: date | None = None) -> Path:
    """The assessment workbook: a merged title, 填报单位 and the date counted at, the table, the rules."""
    lines = assessment_lines(session, actor, year, as_of)
    as_of = min(as_of or date.today(), date(year, 12, 31))
    unit = get_setting(session, "agency_name")
    wb = Workbook()
    ws = wb.create_sheet("三函考核")
    wb.remove(wb.worksheets[0])  # the empty default sheet
    for i, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    last = get_column_letter(len(HEADERS))
    ws["A1"] = f"{year}年度基层党建工作考核（“三函”部分）"
    ws["A1"].font = Font(bold=True, size=16)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.merge_cells(f"A1:{last}1")
    ws.row_dimensions[1].height = 30
    ws["A2"] = f"填报单位：{unit}　　统计截至：{as_of.year}年{as_of.month}月{as_of.day}日"
    ws.merge_cells(f"A2:{last}2")
    for col, h in enumerate(HEADERS, start=1):
        c = ws.cell(row=TITLE_ROWS, column=col, value=h)
        c.font, c.fill, c.border = Font(bold=True), HEADER_FILL, BORDER
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[TITLE_ROWS].height = header_height(HEADERS, WIDTHS)
    wrap = Alignment(wrap_text=True, vertical="top")
    row = TITLE_ROWS
    for line in lines:
        row += 1
        values: list[Any] = [line.rank, line.township, line.found, line.on_time, line.late, line.open, line.warnings,
                  _number(line.warning_deduction), line.cases, "；".join(line.measures),
                  _number(line.case_deduction), _number(line.score), line.tasks, line.tasks_on_time,
                  line.tasks_late]
        for col, v in enumerate(values, start=1):
            c = ws.cell(row=row, column=col, value=v)
            c.border = BORDER
            if col == 10:
                c.alignment = wrap
        height = row_height(values, WIDTHS, (9,))
        if height is not None:
            ws.row_dimensions[row].height = height
    row += 2
    ws.cell(row=row, column=1, value="考核规则").font = Font(bold=True)
    for text in rules_text(session):
        row += 1
        ws.cell(row=row, column=1, value=text).alignment = Alignment(wrap_text=True, vertical="top")
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=len(HEADERS))
        ws.row_dimensions[row].height = 30
    ws.freeze_panes = f"A{TITLE_ROWS + 1}"
    print_ready(ws, WIDTHS, title_rows=TITLE_ROWS)
    path = Path(path)
    _save(wb, path)
    return path
