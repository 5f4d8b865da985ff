"""Blank import templates (`dangjian template KIND`): the exact headers of docs/interfaces.md in row 1 of
the first sheet, drop-down lists on the columns that take one of a few words, notes on a second
sheet, both print-ready.

The lists come from the enumerations the import checks against, and the problem categories from
the settings (models/settings.py `problem_categories`, read by supervision.categories), so a county
that changed its categories gets its own list. They are kept on a hidden sheet "选项" (an inline
list may not exceed 255 characters, which the 56 民族 already do) and offered with a warning, not
a refusal: the import still checks every value and names the row and column of a bad one.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from sqlalchemy.orm import Session

from models.actor import Actor
from models.enums import (
    ETHNIC_GROUPS,
    Education,
    Gender,
    MemberCategory,
    OrgKind,
    PartyStatus,
    Sector,
)
from models.pairing import ActivityKind, PairingStatus, PairingType
from models.supervision import ProblemSource, ProblemStatus, Severity

from .imports import Importer
from .registry import get_importer
from .xlsx import _save, header_height, print_ready, style_header

#: the data rows a template formats and validates
TEMPLATE_ROWS = 2000
CHOICE_SHEET = "选项"
YES_NO = ["是", "否"]


def _problem_categories(session: Session) -> list[str]:
    from models.services.supervision import categories

    return categories(session)


Choices = list[str] | Callable[[Session], list[str]]

#: kind → header → the words offered (a list, or read from the database)
CHOICES: dict[str, dict[str, Choices]] = {
    "orgs": {"组织类别": [k.value for k in OrgKind], "单位属性": [s.value for s in Sector]},
    "members": {
        "性别": [g.value for g in Gender],
        "民族": list(ETHNIC_GROUPS),
        "学历": [e.value for e in Education],
        "人员类别": [c.value for c in MemberCategory],
        "党籍状态": [s.value for s in PartyStatus],
        "是否失联": YES_NO,
        "是否流动党员": YES_NO,
    },
    "problems": {
        "来源": [s.value for s in ProblemSource],
        "问题类别": _problem_categories,
        "严重程度": [s.value for s in Severity],
        "状态": [s.value for s in ProblemStatus],
    },
    "pairings": {"结对类型": [t.value for t in PairingType], "状态": [s.value for s in PairingStatus]},
    "activities": {"活动类型": [k.value for k in ActivityKind]},
    "tasks": {},
}


def template_choices(session: Session, kind: str) -> dict[str, list[str]]:
    """The drop-down lists of one template kind: header → words."""
    out = {}
    for header, choices in CHOICES.get(kind, {}).items():
        words = choices(session) if callable(choices) else choices
        if words:
            out[header] = list(words)
    return out


def template_widths(importer: Importer) -> list[float]:
    """The export's widths for the roster and the organization list (an export is a filled
    template); otherwise a date 10.5 and other columns by their header, wrapping past 14."""
    from . import roster

    known = {"members": roster.MEMBER_WIDTHS, "orgs": roster.ORG_WIDTHS}.get(importer.kind)
    if known is not None and len(known) >= len(importer.headers):
        return list(known[: len(importer.headers)])
    return [10.5 if ("日期" in h or "时限" in h) else min(14, max(6, len(h) * 2 + 1)) for h in importer.headers]


def write_template(session: Session, actor: Actor, kind: str, path: str | Path) -> Path:
    """The blank template of one import kind. Any account may write one: it holds no data, only
    the headers and the lists (the actor is taken for the rule that every user action names it)."""
    del actor  # nothing to check: a template shows no record
    importer = get_importer(kind)
    return write_importer_template(importer, path, template_choices(session, kind))


def write_importer_template(importer: Importer, path: str | Path,
                            choices: dict[str, list[str]] | None = None) -> Path:
    path = Path(path)
    choices = choices or {}
    wb = Workbook()
    ws = wb.active
    ws.title = "导入"
    ws.append(importer.headers)
    style_header(ws, len(importer.headers))
    ws.freeze_panes = "A2"
    widths = template_widths(importer)
    last = TEMPLATE_ROWS + 1
    for i, (h, width) in enumerate(zip(importer.headers, widths, strict=True), start=1):
        letter = get_column_letter(i)
        ws.column_dimensions[letter].width = width
        if h in importer.text_columns:
            for r in range(2, last + 1):
                ws.cell(row=r, column=i).number_format = "@"
    ws.row_dimensions[1].height = header_height(importer.headers, widths)
    print_ready(ws, widths)
    if choices:
        lists = wb.create_sheet(CHOICE_SHEET)
        lists.sheet_state = "hidden"
        for col, (header, words) in enumerate(choices.items(), start=1):
            if header not in importer.headers:
                continue
            lists.cell(row=1, column=col, value=header)
            for r, word in enumerate(words, start=2):
                lists.cell(row=r, column=col, value=word)
            src = get_column_letter(col)
            target = get_column_letter(importer.headers.index(header) + 1)
            dv = DataValidation(
                type="list", formula1=f"'{CHOICE_SHEET}'!${src}$2:${src}${len(words) + 1}",
                allow_blank=True, showDropDown=False, showErrorMessage=True, errorStyle="warning",
                errorTitle=header, error=f"“{header}”请从下拉列表中选择：{'、'.join(words[:12])}"
                + ("等" if len(words) > 12 else ""),
                promptTitle=header, prompt="请从下拉列表中选择", showInputMessage=False,
            )
            dv.add(f"{target}2:{target}{last}")
            ws.add_data_validation(dv)
        print_ready(lists, [12] * max(1, len(choices)))
    help_ws = wb.create_sheet("填写说明", 1)
    help_ws.append(["列", "说明", "示例"])
    style_header(help_ws, 3)
    notes = importer.notes or {}
    example = importer.example or [None] * len(importer.headers)
    wrap = Alignment(wrap_text=True, vertical="top")
    for h, ex in zip(importer.headers, example, strict=False):
        need = "必填。" if h in importer.required else ""
        offered = f"可从下拉列表选择：{'、'.join(choices[h])}" if h in choices and len(choices[h]) <= 12 else (
            "可从下拉列表选择" if h in choices else "")
        help_ws.append([h, (need + notes.get(h, "") + ("；" if notes.get(h) and offered else "") + offered)
                        or None, ex])
        help_ws.cell(row=help_ws.max_row, column=2).alignment = wrap
    help_ws.append([])
    help_ws.append(["日期", "可填 Excel 日期，或 2026-03-05、2026/3/5、2026.3.5、2026年3月5日", None])
    help_ws.column_dimensions["A"].width = 16
    help_ws.column_dimensions["B"].width = 60
    help_ws.column_dimensions["C"].width = 30
    print_ready(help_ws, [16, 60, 30])
    _save(wb, path)
    return path
