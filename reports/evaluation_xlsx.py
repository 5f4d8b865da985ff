"""Evaluation workbooks: fill-in sheets for branch secretaries (and their import), results."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import idcard, values
from models.actor import Actor
from models.errors import DomainError, ValidationError
from models.evaluation import EvaluationRound, EvaluationSheet, SubjectKind
from models.services import access
from models.services import evaluation as ev

from .imports import ImportResult, read_table
from .xlsx import (
    BORDER,
    HEADER_FILL,
    RowError,
    WorkbookError,
    _save,
    header_height,
    print_ready,
    row_height,
    text_row,
    write_error_report,
)

KEY = "评价表编号"
BRANCH = "党支部"
ID_NUMBER = "公民身份号码"
KIND = "类型"
TOTAL = "总分"
LEVEL = "等次"
SELF = "个人自评"
SELF_SUMMARY = "自评摘要"
SELF_WORDS = {"已完成": True, "完成": True, "是": True, "未完成": False, "否": False}
#: 民主评议: the second sheet of the fill-in workbook, a row per branch meeting (services/evaluation/meetings.py)
MEETINGS = "支部党员大会"
MEETING_KEY = "党组织编号"
MEETING_HEADERS = [MEETING_KEY, BRANCH] + list(ev.MEETING_FIELDS.values())


def has_meetings(defn: ev.Definition) -> bool:
    """A scheme whose rules read the branch meeting (turnout, public raters)."""
    return defn.subject is SubjectKind.MEMBER and (defn.min_turnout is not None or defn.min_public_share is not None)


def self_headers(defn: ev.Definition) -> list[str]:
    """民主评议: the 个人自评 columns a branch fills (已完成 / 未完成, summary)."""
    return [SELF, SELF_SUMMARY] if defn.self_assessment and defn.subject is SubjectKind.MEMBER else []


@dataclass(frozen=True)
class Column:
    """One entry column: an item's points, a group's score, or a group's votes for one grade."""

    header: str
    kind: str  # item | score | votes
    name: str  # item or group name
    grade: str | None = None


def entry_columns(defn: ev.Definition) -> list[Column]:
    cols = [Column(ev.item_label(i), "item", i.name) for i in defn.items]
    for g in defn.raters:
        if g.mode == "score":
            cols.append(Column(f"{g.name}(分)", "score", g.name))
        else:
            cols += [Column(f"{g.name}-{grade}", "votes", g.name, grade) for grade in g.grades]
    return cols


def subject_header(defn: ev.Definition) -> str:
    return "姓名" if defn.subject is SubjectKind.MEMBER else "党组织"


def fixed_headers(defn: ev.Definition) -> list[str]:
    if defn.subject is SubjectKind.MEMBER:
        return [KEY, BRANCH, "姓名", ID_NUMBER, KIND]
    return [KEY, "所属党组织", "党组织"]


def cell_values(defn: ev.Definition, row: ev.SheetRow) -> list[Any]:
    """The entry columns' values of one sheet, as a clerk typed them (blank when not entered)."""
    out: list[Any] = []
    for col in entry_columns(defn):
        if col.kind == "item":
            v = row.items.get(col.name)
        elif col.kind == "score":
            v = (row.raters.get(col.name) or {}).get("score")
        else:
            v = ((row.raters.get(col.name) or {}).get("votes") or {}).get(col.grade)
        out.append(_number(v))
    return out


def _number(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, int):
        return v
    d = Decimal(str(v))
    return int(d) if d == d.to_integral_value() else float(d)


def entry_from_cells(defn: ev.Definition, cells: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any], list[tuple[str, Any, str]]]:
    """(items, raters, [(column, value, reason)]) from {header: cell}; blanks are not entered."""
    items: dict[str, Any] = {}
    raters: dict[str, Any] = {}
    errors: list[tuple[str, Any, str]] = []
    for col in entry_columns(defn):
        raw = cells.get(col.header)
        if values.is_blank(raw):
            continue
        if col.kind == "votes":
            try:
                n = values.parse_count(raw, "票数")
            except ValueError as exc:
                errors.append((col.header, values.text(raw), str(exc)))
                continue
            raters.setdefault(col.name, {}).setdefault("votes", {})[col.grade] = n
            continue
        d = parse_points(raw)
        if d is None:
            errors.append((col.header, values.text(raw), "不是数字"))
        elif values.check_number(d, "分数", None, Decimal(100000)):
            errors.append((col.header, values.text(raw), values.check_number(d, "分数", None, Decimal(100000))))
        elif col.kind == "item":
            items[col.name] = str(d)
        else:
            raters.setdefault(col.name, {})["score"] = str(d)
    return items, raters, errors


def parse_points(value: Any) -> Decimal | None:
    """Points exactly as typed: a float cell goes through its shortest text form (89.95, not 89.9499…)."""
    if isinstance(value, bool):
        return None
    try:
        d = Decimal(repr(value) if isinstance(value, float) else str(value).strip())
    except InvalidOperation:
        return None
    return d if d.is_finite() else None


# ---------------------------------------------------------------- fill-in workbook


def _visible(session: Session, actor: Actor, org_ids: list[int] | None, mask: bool
             ) -> tuple[list[int] | None, bool]:
    """The organization filter narrowed to the actor's township, and masking as the actor must see."""
    access.require_read(actor)
    visible = access.visible_org_ids(session, actor)
    if visible is not None:
        org_ids = visible if org_ids is None else [i for i in org_ids if i in set(visible)]
    return org_ids, mask or access.masks_id_numbers(actor)


def export_fill_sheets(session: Session, actor: Actor, round_id: int, path: str | Path,
                       org_ids: list[int] | None = None, mask: bool = True) -> int:
    """One sheet, a row per subject: name, (masked) ID number, the entry columns; the key column A
    (评价表编号) is hidden and is what the import goes by. With `actor`: only what it may see."""
    org_ids, mask = _visible(session, actor, org_ids, mask)
    rnd = session.get(EvaluationRound, round_id)
    defn = ev.definition_of(rnd.scheme)
    rows = ev.sheet_rows(session, round_id, org_ids)
    headers = fixed_headers(defn) + [c.header for c in entry_columns(defn)] + self_headers(defn) + [TOTAL, LEVEL]
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("评价表")
    ws.freeze_panes = "C2"
    widths: list[float] = [10, 16, 8, 19, 12] if defn.subject is SubjectKind.MEMBER else [10, 16, 24]
    # score and vote columns hold small numbers: narrow, their headers wrap
    widths += [7.5] * (len(headers) - len(widths) - 2) + [7, 8]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.column_dimensions["A"].hidden = True
    print_ready(ws, widths[1:])  # the hidden key column does not print
    ws.row_dimensions[1].height = header_height(headers, widths)
    ws.append(text_row(ws, [_head(ws, h) for h in headers]))
    for r in rows:
        if defn.subject is SubjectKind.MEMBER:
            number = r.id_number or ""
            fixed = [r.sheet_id, r.org_name, r.subject_name, idcard.masked(number) if mask and number else number,
                     "正式党员" if r.graded else "预备党员（不评定等次）"]
        else:
            fixed = [r.sheet_id, r.org_name, r.subject_name]
        selfs = ([] if not self_headers(defn) else
                 ["" if r.self_done is None else "已完成" if r.self_done else "未完成", r.self_summary])
        ws.append(text_row(ws, fixed + cell_values(defn, r) + selfs + [_score(ws, r.total), r.final_level]))
    if has_meetings(defn):
        _meeting_sheet(wb, session, round_id, rows)
    _save(wb, Path(path))
    return len(rows)


def _meeting_sheet(wb: Workbook, session: Session, round_id: int, rows: list[ev.SheetRow],
                   prefill: bool = True) -> None:
    """支部党员大会: a row per branch (its key in the hidden column A): the meeting as recorded, or
    (prefill: the fill-in workbook) 应到 filled with the branch's full members for the secretary to
    complete."""
    ws = wb.create_sheet(MEETINGS)
    widths = [10, 16, 11, 9, 7, 30, 8, 8]
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    ws.column_dimensions["A"].hidden = True
    print_ready(ws, widths[1:])
    ws.row_dimensions[1].height = header_height(MEETING_HEADERS, widths)
    ws.append([_head(ws, h) for h in MEETING_HEADERS])
    meetings = ev.meetings_of(session, round_id)
    branches: dict[int, tuple[str, int]] = {}
    for r in rows:
        name, full = branches.get(r.org_id, (r.org_name, 0))
        branches[r.org_id] = (name, full + (1 if r.graded else 0))
    for oid, (name, full) in branches.items():
        m = meetings.get(oid)
        if m is None:
            ws.append(text_row(ws, [oid, name, None, full if prefill else None, None,
                                    "未记录" if not prefill else None, None, None]))
        else:
            ws.append(text_row(ws, [oid, name, m.held_on, m.expected, m.present, m.absent_note,
                                    m.public_invited, m.public_present]))


def read_meetings(path: Path, round_id: int, org_ids: set[int]) -> tuple[dict[int, dict[str, Any]], list[RowError]]:
    """The 支部党员大会 sheet of a filled workbook: org id → the meeting's fields (checked with the
    service's own rules); a row with neither 会议日期 nor 实到 is not filled in and is skipped."""
    from .sheetreader import read_workbook

    sheet = next((s for s in read_workbook(path) if s.name == MEETINGS), None)
    if sheet is None or not sheet.rows:
        return {}, []
    header = [values.text(h) for h in sheet.rows[0]]
    keys = {label: key for key, label in ev.MEETING_FIELDS.items()}
    out: dict[int, dict[str, Any]] = {}
    errors: list[RowError] = []
    for n, cells in enumerate(sheet.rows[1:], start=2):
        src = dict(zip(header, cells, strict=False))
        raw = {keys[h]: v for h, v in src.items() if h in keys}
        if values.is_blank(raw.get("held_on")) and values.is_blank(raw.get("present")):
            continue
        try:
            oid = values.parse_int(src.get(MEETING_KEY))
        except ValueError:
            oid = None
        if oid is None or oid not in org_ids:
            errors.append(RowError(n, f"{MEETINGS}·{MEETING_KEY}", values.text(src.get(MEETING_KEY)),
                                   "不是本评价的党支部（不要删除或改动此列）"))
            continue
        try:
            out[oid] = ev.meeting_values(raw)
        except ValidationError as exc:
            for e in exc.errors:
                label = e.field
                errors.append(RowError(n, f"{MEETINGS}·{label}", values.text(src.get(label)), e.reason))
    return out, errors


def _score(ws, total: Decimal | None) -> Cell | None:
    """A total as a number with one decimal, cut toward zero as shown everywhere (display_score)."""
    if total is None:
        return None
    cell = WriteOnlyCell(ws, value=float(ev.display_score(total)))
    cell.number_format = "0.0"
    return cell


def _wrapped(ws, value: Any, wrap: Alignment) -> Any:
    if not isinstance(value, str):
        return value
    cell = WriteOnlyCell(ws, value=value)
    cell.alignment = wrap
    return cell


def _head(ws, text: str) -> Cell:
    cell = WriteOnlyCell(ws, value=text)
    cell.font, cell.fill, cell.border = Font(bold=True), HEADER_FILL, BORDER
    cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    return cell


def import_fill_sheets(session: Session, actor: Actor, path: str | Path, keep_valid: bool = False,
                       dry_run: bool = False, report: str | Path | None = None) -> ImportResult:
    """Read a filled workbook back: every row checked (row, column, value, reason); nothing is
    written when any row is bad unless keep_valid. Totals and levels are recomputed, not read."""
    path = Path(path)
    try:
        header, records = read_table(path, KEY)
    except WorkbookError as exc:
        if "找不到列" not in str(exc):
            raise
        raise DomainError(f"“{path.name}”第1行缺少列：{KEY}（请使用 evaluate export 导出的评价表）") from None
    result = ImportResult("evaluation", rows=len(records), dry_run=dry_run)
    ids: dict[int, int] = {}
    errors: list[RowError] = []
    for row, src in records:
        try:
            sid = values.parse_int(src.get(KEY))
            if sid is None:
                raise ValueError("必填（不要删除或改动此列）")
            ids[row] = sid
        except ValueError as exc:
            errors.append(RowError(row, KEY, values.text(src.get(KEY)), str(exc)))
    sheets = {s.id: s for s in session.scalars(select(EvaluationSheet).where(EvaluationSheet.id.in_(set(ids.values()))))}
    round_ids = {s.round_id for s in sheets.values()}
    if len(round_ids) > 1:
        raise DomainError(f"“{path.name}”中的评价表属于{len(round_ids)}个不同的评价，请分开导入")
    if not sheets:
        if errors or records:
            errors += [RowError(r, KEY, sid, "找不到该评价表") for r, sid in ids.items()]
        result.errors = errors
        if report is not None and errors:
            write_error_report(report, errors)
        return result
    rnd = session.get(EvaluationRound, round_ids.pop())
    if rnd.status.value != "草稿":
        raise DomainError(f"{ev.round_label(rnd)}处于“{rnd.status.value}”状态，只有草稿可以导入分数")
    defn = ev.definition_of(rnd.scheme)
    names = {r.sheet_id: r for r in ev.sheet_rows(session, rnd.id, sorted({s.org_id for s in sheets.values()}))}
    missing = [c.header for c in entry_columns(defn) if c.header not in header]
    if missing:
        raise DomainError(f"“{path.name}”第1行缺少列：{'、'.join(missing)}（方案“{rnd.scheme.name}”的评价表）")
    subject_col = subject_header(defn)
    entries: dict[int, tuple[dict, dict]] = {}
    selfs: dict[int, tuple[bool, str | None]] = {}
    seen: dict[int, int] = {}
    for row, src in records:
        sid = ids.get(row)
        if sid is None:
            continue
        if sid not in sheets:
            errors.append(RowError(row, KEY, sid, "找不到该评价表"))
            continue
        if sid in seen:
            errors.append(RowError(row, KEY, sid, f"与第{seen[sid]}行是同一张评价表"))
            continue
        seen[sid] = row
        name = values.text(src.get(subject_col))
        if name and sid in names and name != names[sid].subject_name:
            errors.append(RowError(row, subject_col, name,
                                   f"与评价表编号对应的是“{names[sid].subject_name}”，请勿改动编号或排序后错行"))
            continue
        items, raters, bad = entry_from_cells(defn, src)
        if self_headers(defn) and SELF in header:
            word, summary = values.text(src.get(SELF)), values.text(src.get(SELF_SUMMARY))
            if word is not None and word not in SELF_WORDS:
                bad.append((SELF, word, "应填“已完成”或“未完成”"))
            elif word is not None and SELF_WORDS[word] and not summary:
                bad.append((SELF_SUMMARY, summary, "已完成自评时必填"))
            elif summary is not None and len(summary) > 500:
                bad.append((SELF_SUMMARY, summary[:20], "不超过500字"))
            elif word is not None:
                selfs[sid] = (SELF_WORDS[word], summary)
        for column, value, reason in bad:
            errors.append(RowError(row, column, value, reason))
        if bad:
            continue
        try:
            entries[sid] = ev.clean_entry(defn, items, raters)
        except ValidationError as exc:
            for e in exc.errors:
                errors.append(RowError(row, e.field, values.text(src.get(e.field)), e.reason))
    meetings: dict[int, dict[str, Any]] = {}
    meeting_errors: list[RowError] = []
    if has_meetings(defn):  # the second sheet: the branch meetings
        meetings, meeting_errors = read_meetings(path, rnd.id, {s.org_id for s in sheets.values()})
    order = {h: i for i, h in enumerate(header)}
    result.errors = sorted(errors, key=lambda e: (e.row, order.get(e.column, 99))) + meeting_errors
    if report is not None and result.errors:
        write_error_report(report, result.errors)
    bad_ids = {ids[e.row] for e in errors if e.row in ids}  # the 评价表 sheet's rows only
    good = {sid: entry for sid, entry in entries.items() if sid not in bad_ids}
    if dry_run or (result.errors and not keep_valid) or not (good or meetings):
        return result
    for oid, fields in meetings.items():  # the meetings first: the rules and the grid read them
        ev.record_meeting(session, actor, rnd.id, oid, fields)
    ev.enter_many(session, actor, good, f"导入 {path.name}")
    for sid, (done, summary) in selfs.items():  # a grade waits for the 自评: recorded, it is recomputed
        if sid in good and (sheets[sid].self_done, sheets[sid].self_summary) != (done, summary):
            ev.record_self_assessment(session, actor, sid, None, done, summary)
    result.imported = len(good)
    result.written = True
    return result


# ---------------------------------------------------------------- results


def export_results(session: Session, actor: Actor, round_id: int, path: str | Path,
                   mask: bool = True) -> int:
    """Results workbook: a row per subject (总分 with one decimal, levels, override), the warnings, and
    the count of each level. With `actor`: only its township, ID numbers masked as it must see them."""
    org_ids, mask = _visible(session, actor, None, mask)
    rnd = session.get(EvaluationRound, round_id)
    defn = ev.definition_of(rnd.scheme)
    rows = ev.sheet_rows(session, round_id, org_ids)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("评价结果")
    ws.freeze_panes = "A2"
    member = defn.subject is SubjectKind.MEMBER
    selfs = defn.self_assessment and member
    headers = ([BRANCH, "姓名", ID_NUMBER, KIND] if member else ["所属党组织", "党组织"]) + [
        TOTAL, "计算等次", "最终等次", "调整理由", "决定机关"] + (["个人自评", "自评摘要"] if selfs else [])
    widths = ([16, 8, 19, 9] if member else [16, 24]) + [7, 8, 8, 20, 14] + ([7, 20] if selfs else [])
    steps = list(defn.approvals) if member else []
    vetoed = ev.veto_reasons(session, rnd, org_ids)  # 一票否决: the column only when a branch has one
    if vetoed:
        headers += ["一票否决"]
        widths += [30]
    decided: dict[int, dict[str, Any]] = {}
    if steps:  # 双议双评: each cadre's approval steps (result, date, deciding body)
        from models.services.cadres import approval_text, approvals

        decided = approvals(session, round_id)
        headers += steps
        widths += [20] * len(steps)
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    print_ready(ws, widths)
    ws.row_dimensions[1].height = header_height(headers, widths)
    first_text = 4 if member else 2  # 调整理由 and 决定机关, then the 自评 and approval columns
    wrapped = ([0] if member else [0, 1]) + [first_text + 3, first_text + 4] + list(
        range(first_text + 5, len(widths)))
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.append(text_row(ws, [_head(ws, h) for h in headers]))
    for n, r in enumerate(rows, start=2):
        number = r.id_number or ""
        fixed = ([r.org_name, r.subject_name, idcard.masked(number) if mask and number else number,
                  "正式党员" if r.graded else "预备党员"] if member else [r.org_name, r.subject_name])
        extra = [] if not selfs else [
            "" if r.self_done is None else "已完成" if r.self_done else "未完成", r.self_summary]
        for step in steps:  # result, date, body, the matter put to the meeting and the note
            a = decided.get(r.sheet_id, {}).get(step)
            extra.append("" if a is None else approval_text(a))
        values = fixed + [_score(ws, r.total), r.computed_level, r.final_level, r.override_reason,
                          r.override_body] + ([vetoed.get(r.org_id, "")] if vetoed else []) + extra
        height = row_height(values, widths, wrapped)
        if height is not None:  # LibreOffice does not fit row heights when it opens a file
            ws.row_dimensions[n].height = height
            values = [_wrapped(ws, v, wrap) if i in wrapped else v for i, v in enumerate(values)]
        ws.append(text_row(ws, values))
    warn = wb.create_sheet("提示")
    warn.column_dimensions["A"].width = 90
    print_ready(warn, [90])
    warn.append(text_row(warn, [_head(warn, "名额与参评率提示")]))
    for line in ev.warnings_for(defn, rows, meetings=ev.meetings_of(session, round_id),
                                self_needed=ev.self_required(session, defn)):
        warn.append(text_row(warn, [line]))
    if selfs:
        warn.append(text_row(warn, [ev.self_assessment_note(defn, rows)]))
    for line in ev.veto_lines(session, rnd, {r.org_id: r.org_name for r in rows}):
        warn.append(text_row(warn, [line]))
    if rnd.rule_override_reason:
        warn.append(text_row(warn, [f"规则例外：{rnd.rule_override_reason}（决定机关：{rnd.rule_override_body}）"]))
    stats = wb.create_sheet("统计")
    stats.column_dimensions["A"].width = 16
    stats.column_dimensions["B"].width = 12
    print_ready(stats, [16, 12])
    stats.append(text_row(stats, [_head(stats, "等次"), _head(stats, "人数/个数")]))
    counts = Counter(r.final_level for r in rows)
    for level in defn.levels + [ev.NOT_GRADED, None]:
        if counts.get(level):
            stats.append(text_row(stats, [level or "未评", counts[level]]))
    stats.append(text_row(stats, ["合计", len(rows)]))
    if has_meetings(defn):  # the meetings the turnout and public-rater rules read, as recorded
        _meeting_sheet(wb, session, round_id, rows, prefill=False)
    _save(wb, Path(path))
    return len(rows)
