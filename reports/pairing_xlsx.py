"""Templates, imports and the export of the paired-assistance register (docs/interfaces.md).

How a party is written in 牵头方 / 被帮扶方 (several on one side separated by 、):

- an organization: its full name, or a short name that is unique;
- a member: ``党员:姓名``, or ``党员:姓名(1234)`` with the last 4 characters of the ID number
  when several current members share the name;
- a household: ``户主:姓名``, or ``户主:姓名(所属党组织)`` when several households have a head
  of that name. Households are not created by the import: add them first on the 结对帮扶 page.

Full-width colons and parentheses are accepted too.
"""

from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import values
from models.actor import Actor
from models.errors import DomainError, FieldError, NotFound, ValidationError
from models.member import Member
from models.org import Organization
from models.pairing import (
    Household,
    Pairing,
    PairingActivity,
    PairingParty,
    PairingStatus,
    PairingType,
    PartySide,
)
from models.services import access
from models.services import pairing as svc
from models.services.orgs import org_lookup
from models.services.pairing import PartyRef

from .imports import Importer, ParsedRow, field_errors_to_rows
from .xlsx import (
    BORDER,
    HEADER_FILL,
    RowError,
    _save,
    header_height,
    print_ready,
    row_height,
    text_row,
)

PAIRING_HEADERS = ["结对类型", "牵头方", "被帮扶方", "开始日期", "结束日期", "目标", "状态"]
ACTIVITY_HEADERS = ["结对名称或编号", "日期", "活动类型", "内容", "资金(元)", "项目", "受益人数"]

PARTY_NOTE = (
    "多个结对方用“、”分隔。党组织写全称或唯一的简称；党员写“党员:姓名”，重名时写"
    "“党员:姓名(身份证号后4位)”；户写“户主:姓名”，重名时写“户主:姓名(所属党组织)”"
    "（户须先在结对帮扶页面登记）。"
)
_PREFIXED = re.compile(r"^(党员|户主)[:：]\s*([^()（）]+?)\s*(?:[(（]\s*([^()（）]+?)\s*[)）])?$")


class PartyResolver:
    """Names in a 牵头方 / 被帮扶方 cell → PartyRef, with a Chinese reason when a name is unknown."""

    def __init__(self, session: Session):
        self.orgs = org_lookup(session)
        self.members: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for mid, name, number in session.execute(
            select(Member.id, Member.name, Member.id_number).where(Member.ended_on.is_(None))
        ):
            self.members[name].append((mid, number))
        self.households: dict[str, list[tuple[int, int]]] = defaultdict(list)
        for hid, head, oid in session.execute(select(Household.id, Household.head_name, Household.org_id)):
            self.households[head].append((hid, oid))

    def one(self, text: str) -> PartyRef:
        m = _PREFIXED.match(text)
        if m is None:
            if text not in self.orgs:
                raise ValueError(f"找不到党组织“{text}”（党员请写“党员:姓名”，户请写“户主:姓名”）")
            oid = self.orgs[text]
            if oid is None:
                raise ValueError(f"简称“{text}”对应多个党组织，请写全称")
            return PartyRef("org", oid)
        kind, name, qualifier = m.groups()
        if kind == "党员":
            found = self.members.get(name, [])
            if qualifier:
                found = [f for f in found if f[1].upper().endswith(qualifier.upper())]
            if not found:
                raise ValueError(f"找不到党员“{text}”")
            if len(found) > 1:
                raise ValueError(f"有{len(found)}名党员叫“{name}”，请写“党员:{name}(身份证号后4位)”")
            return PartyRef("member", found[0][0])
        homes = self.households.get(name, [])
        if qualifier:
            oid = self.orgs.get(qualifier)
            homes = [h for h in homes if h[1] == oid]
        if not homes:
            raise ValueError(f"找不到户“{text}”（请先登记该户）")
        if len(homes) > 1:
            raise ValueError(f"有{len(homes)}户户主叫“{name}”，请写“户主:{name}(所属党组织)”")
        return PartyRef("household", homes[0][0])

    def many(self, value: Any) -> tuple[list[PartyRef], list[str]]:
        text = values.text(value) or ""
        refs, reasons = [], []
        for part in (p.strip() for p in text.split("、")):
            if not part:
                continue
            try:
                refs.append(self.one(part))
            except ValueError as exc:
                reasons.append(str(exc))
        return refs, reasons


def _signature(type_: PairingType, leads: list[PartyRef], assisted: list[PartyRef],
               start: date) -> tuple:
    return (type_, frozenset(leads), frozenset(assisted), start)


def existing_signatures(session: Session) -> dict[tuple, str]:
    parties: dict[int, dict[PartySide, list[PartyRef]]] = defaultdict(lambda: defaultdict(list))
    for pid, side, oid, mid, hid in session.execute(
        select(PairingParty.pairing_id, PairingParty.side, PairingParty.org_id,
               PairingParty.member_id, PairingParty.household_id)
        .where(PairingParty.removed_at.is_(None))
    ):
        kind = "org" if oid else "member" if mid else "household"
        parties[pid][side].append(PartyRef(kind, oid or mid or hid))
    out = {}
    for pid, code, type_, start in session.execute(
            select(Pairing.id, Pairing.code, Pairing.type, Pairing.start_on)):
        out[_signature(type_, parties[pid][PartySide.LEAD], parties[pid][PartySide.ASSISTED],
                       start)] = code
    return out


def parse_pairings(session: Session, records: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[RowError]]:
    resolver = PartyResolver(session)
    known = existing_signatures(session)
    in_file: dict[tuple, int] = {}
    parsed, errors = [], []
    for row, src in records:
        vals: dict[str, Any] = {}
        row_errors: list[FieldError] = []
        for header, attr, fn in (
            ("结对类型", "type", lambda v: values.parse_enum(PairingType, v)),
            ("开始日期", "start_on", values.parse_date),
            ("结束日期", "end_on", values.parse_date),
            ("目标", "goals", values.text),
            ("状态", "status", lambda v: values.parse_enum(PairingStatus, v)),
        ):
            try:
                vals[attr] = fn(src.get(header))
            except ValueError as exc:
                row_errors.append(FieldError(header, str(exc)))
        if "type" in vals and vals["type"] is None:
            row_errors.append(FieldError("结对类型", "必填"))
        if "start_on" in vals and vals["start_on"] is None:
            row_errors.append(FieldError("开始日期", "必填"))
        if vals.get("start_on") and vals.get("end_on") and vals["end_on"] < vals["start_on"]:
            row_errors.append(FieldError("结束日期", "不能早于开始日期"))
        vals["status"] = vals.get("status") or PairingStatus.ACTIVE
        leads, lead_reasons = resolver.many(src.get("牵头方"))
        assisted, assisted_reasons = resolver.many(src.get("被帮扶方"))
        row_errors += [FieldError("牵头方", r) for r in lead_reasons]
        row_errors += [FieldError("被帮扶方", r) for r in assisted_reasons]
        if not lead_reasons and not assisted_reasons:
            for e in svc.validate_parties(session, vals.get("type"), leads, assisted):
                row_errors.append(e if e.field != "结对方" else FieldError("牵头方", e.reason))
        vals["leads"], vals["assisted"] = leads, assisted
        if not row_errors:
            sig = _signature(vals["type"], leads, assisted, vals["start_on"])
            if sig in known:
                row_errors.append(FieldError("牵头方", f"与现有结对{known[sig]}重复"))
            elif sig in in_file:
                row_errors.append(FieldError("牵头方", f"与第{in_file[sig]}行重复"))
            else:
                in_file[sig] = row
        parsed.append(ParsedRow(row, vals, src))
        errors.extend(field_errors_to_rows(row, src, row_errors))
    return parsed, errors


def write_pairings(session: Session, actor: Actor, rows: list[ParsedRow], source: str) -> int:
    for p in rows:
        v = p.values
        try:
            pairing = svc.create_pairing(
                session, actor, type=v["type"], leads=v["leads"], assisted=v["assisted"],
                start_on=v["start_on"], end_on=v["end_on"], goals=v["goals"],
                note=f"导入 {source}")
            if v["status"] != PairingStatus.ACTIVE:
                svc.close_pairing(session, actor, pairing.id, v["end_on"] or v["start_on"],
                                  terminate=v["status"] == PairingStatus.TERMINATED,
                                  reason=f"导入 {source}")
        except ValidationError as exc:
            raise DomainError(f"第{p.row}行：{exc}") from exc
    return len(rows)


PAIRING_IMPORTER = Importer(
    model=Pairing, labels={"goals": "目标"},
    kind="pairings",
    headers=PAIRING_HEADERS,
    required=["结对类型", "牵头方", "被帮扶方", "开始日期"],
    parse=parse_pairings,
    write=write_pairings,
    example=["城乡联建", "县人民医院党支部", "红星村党支部、青山村党支部", "2026-03-01",
             "2029-02-28", "建强村党组织，发展集体经济", "进行中"],
    notes={
        "结对类型": "、".join(t.value for t in PairingType),
        "牵头方": PARTY_NOTE,
        "被帮扶方": PARTY_NOTE,
        "状态": "进行中、已结束、已终止；不填为进行中",
        "结束日期": "可不填",
    },
    duty=access.Permission.MANAGE_PAIRINGS,
)


def parse_activities(session: Session, records: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[RowError]]:
    codes = dict(session.execute(select(Pairing.code, Pairing.id)).all())
    names: dict[str, list[int]] = defaultdict(list)
    starts = {}
    for pid, name, start in session.execute(select(Pairing.id, Pairing.name, Pairing.start_on)):
        names[name].append(pid)
        starts[pid] = start
    existing = {(p, h, values.same_text(c)) for p, h, c in
                session.execute(select(PairingActivity.pairing_id, PairingActivity.held_on,
                                       PairingActivity.content))}
    in_file: dict[tuple, int] = {}
    parsed, errors = [], []
    for row, src in records:
        vals, row_errors = svc.clean_activity(
            src.get("日期"), src.get("活动类型"), src.get("内容"), src.get("资金(元)"),
            src.get("项目"), src.get("受益人数"))
        key = values.text(src.get("结对名称或编号"))
        pid = None
        if not key:
            row_errors.append(FieldError("结对名称或编号", "必填"))
        elif key in codes:
            pid = codes[key]
        elif len(names.get(key, [])) == 1:
            pid = names[key][0]
        elif names.get(key):
            row_errors.append(FieldError("结对名称或编号", f"名称对应{len(names[key])}个结对，请写编号"))
        else:
            row_errors.append(FieldError("结对名称或编号", "找不到该结对"))
        if pid is not None and vals.get("held_on") and vals["held_on"] < starts[pid]:
            row_errors.append(FieldError("日期", f"早于结对开始日期{starts[pid].isoformat()}"))
        vals["pairing_id"] = pid
        if pid is not None and vals.get("held_on") and vals.get("content"):
            # the same activity: one pairing, one day, the same content
            same = (pid, vals["held_on"], values.same_text(vals["content"]))
            if same in existing:
                row_errors.append(FieldError("内容", "该结对同一天已登记过相同内容的活动"))
            elif same in in_file:
                row_errors.append(FieldError("内容", f"与第{in_file[same]}行重复（同一结对、同一日期、相同内容）"))
            else:
                in_file[same] = row
        parsed.append(ParsedRow(row, vals, src))
        errors.extend(field_errors_to_rows(row, src, row_errors))
    return parsed, errors


def write_activities(session: Session, actor: Actor, rows: list[ParsedRow], source: str) -> int:
    for p in rows:
        v = dict(p.values)
        try:
            svc.add_activity(session, actor, v.pop("pairing_id"), note=f"导入 {source}", **v)
        except (ValidationError, NotFound) as exc:
            raise DomainError(f"第{p.row}行：{exc}") from exc
    return len(rows)


ACTIVITY_IMPORTER = Importer(
    model=PairingActivity, labels={"content": "内容", "project": "项目"},
    kind="activities",
    headers=ACTIVITY_HEADERS,
    required=["结对名称或编号", "日期", "活动类型", "内容"],
    parse=parse_activities,
    write=write_activities,
    example=["JD2026-001", "2026-04-15", "资金帮扶", "拨付村道硬化资金", "50000.00", "村道硬化", 120],
    notes={
        "结对名称或编号": "结对编号（如JD2026-001）或结对名称",
        "活动类型": "党建帮扶、智力帮扶、项目帮扶、资金帮扶、走访慰问",
        "资金(元)": "以元为单位，最多两位小数；不填为0",
        "受益人数": "整数",
    },
)


# ---------------------------------------------------------------- export


def _export_party(session: Session, party: PairingParty, cache: dict) -> str:
    if party.org_id is not None:
        return session.get(Organization, party.org_id).name
    if party.member_id is not None:
        m = session.get(Member, party.member_id)
        return f"党员:{m.name}({m.id_number[-4:]})"
    h = session.get(Household, party.household_id)
    return f"户主:{h.head_name}({session.get(Organization, h.org_id).name})"


def _sheet(wb: Workbook, title: str, headers: list[str], rows: list[list[Any]],
           widths: list[float], money_cols: tuple[int, ...] = (), wrap_cols: tuple[int, ...] = ()) -> None:
    """One print-ready sheet: long texts (`wrap_cols`) wrap so the page prints at 9 pt or more."""
    ws = wb.create_sheet(title)
    ws.freeze_panes = "A2"
    for i, w in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w
    print_ready(ws, widths)
    wrap = Alignment(wrap_text=True, vertical="top")
    ws.row_dimensions[1].height = header_height(headers, widths)
    cells = []
    for h in headers:
        c = WriteOnlyCell(ws, value=h)
        c.font, c.fill, c.border = Font(bold=True), HEADER_FILL, BORDER
        c.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cells.append(c)
    ws.append(text_row(ws, cells))
    for r, row in enumerate(rows, start=2):
        height = row_height(row, widths, wrap_cols)
        if height is not None:  # LibreOffice does not fit row heights when it opens a file
            ws.row_dimensions[r].height = height
        out: list[Any] = []
        for i, value in enumerate(row):
            if isinstance(value, date):
                c = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]  # openpyxl takes a date
                c.number_format = "yyyy-mm-dd"
                out.append(c)
            elif i in money_cols and isinstance(value, Decimal):
                c = WriteOnlyCell(ws, value=value)  # type: ignore[arg-type]  # and a Decimal
                c.number_format = "#,##0.00"
                out.append(c)
            elif i in wrap_cols and value:
                c = WriteOnlyCell(ws, value=value)
                c.alignment = wrap
                out.append(c)
            else:
                out.append(value)
        if height is not None:  # a tall row: every cell at its top, level with the wrapped texts
            out = [_top(ws, c) for c in out]
        ws.append(text_row(ws, out))


_TOP = Alignment(vertical="top")


def _top(ws, value: Any) -> Any:
    if value is None:
        return None
    if not isinstance(value, Cell):
        value = WriteOnlyCell(ws, value=value)
    if not value.alignment.wrap_text:
        value.alignment = _TOP
    return value


def export_pairings(session: Session, actor: Actor, path: str | Path, year: int | None = None) -> int:
    """The register: 结对 (template columns, then code, name, review date and totals),
    活动 (the activities template's columns, the pairing by its code) and 乡镇汇总."""
    path = Path(path)
    rows = svc.list_pairings(session, actor, year=year)
    ids = [r.id for r in rows]
    parties: dict[int, dict[PartySide, list[str]]] = defaultdict(lambda: defaultdict(list))
    cache: dict = {}
    for party in session.scalars(
        select(PairingParty).where(PairingParty.pairing_id.in_(ids), PairingParty.removed_at.is_(None))
        .order_by(PairingParty.id)
    ):
        parties[party.pairing_id][party.side].append(_export_party(session, party, cache))
    pairings = {p.id: p for p in session.scalars(select(Pairing).where(Pairing.id.in_(ids)))}
    sheet1 = []
    for r in rows:
        p = pairings[r.id]
        sheet1.append([
            r.type, "、".join(parties[r.id][PartySide.LEAD]), "、".join(parties[r.id][PartySide.ASSISTED]),
            r.start_on, r.end_on, p.goals, r.status, r.code, r.name, p.review_on, r.activities,
            r.funds, r.projects, r.townships,
        ])
    code_of = {r.id: r.code for r in rows}
    q = select(PairingActivity).where(PairingActivity.pairing_id.in_(ids)).order_by(
        PairingActivity.pairing_id, PairingActivity.held_on, PairingActivity.id)
    if year is not None:
        q = q.where(PairingActivity.held_on.between(date(year, 1, 1), date(year, 12, 31)))
    sheet2 = [[code_of[a.pairing_id], a.held_on, a.kind.value, a.content, a.funds, a.project, a.people]
              for a in session.scalars(q)]
    summary = svc.township_summary(session, actor, year)
    sheet3 = [[t.name, t.pairings, t.activities, t.funds, t.projects] for t in summary]
    wb = Workbook(write_only=True)
    _sheet(wb, "结对", PAIRING_HEADERS + ["编号", "结对名称", "复核日期", "活动次数", "资金(元)",
                                        "项目数", "涉及乡镇"],
           sheet1, [9.5, 16, 16, 10.5, 10.5, 14, 7, 11, 14, 10.5, 6, 12, 6, 10], money_cols=(11,),
           wrap_cols=(0, 1, 2, 5, 8, 13))
    _sheet(wb, "活动", ACTIVITY_HEADERS, sheet2, [14, 10.5, 10, 40, 12, 20, 8], money_cols=(4,),
           wrap_cols=(3, 5))
    _sheet(wb, "乡镇汇总", ["乡镇", "结对数", "活动次数", "资金(元)", "项目数"], sheet3,
           [24, 10, 10, 14, 10], money_cols=(3,), wrap_cols=(0,))
    _save(wb, path)
    return len(rows)


ASSESSMENT_HEADERS = ["编号", "结对名称", "结对类型", "牵头方", "被帮扶方", "涉及乡镇", "年度", "评价等次",
                      "群众满意度(%)", "上年等次", "提示", "备注"]


def export_assessments(session: Session, actor: Actor, path: str | Path, year: int) -> int:
    """The year's 结对帮扶 assessments, a row per pairing assessed (the ones the account may see),
    with the year before's rating and the flag of two failing years (services/pairing/assessment.py)."""
    rows = svc.year_assessments(session, actor, year)
    data = [[r.code, r.name, r.type, r.leads, r.assisted, r.townships, r.year, r.rating,
             None if r.satisfaction is None else float(r.satisfaction), r.previous, r.flag, r.note]
            for r in rows]
    wb = Workbook(write_only=True)
    _sheet(wb, f"{year}年度评价", ASSESSMENT_HEADERS, data,
           [11, 16, 9.5, 16, 16, 10, 6, 7, 8, 7, 16, 16], wrap_cols=(1, 3, 4, 5, 10, 11))
    _save(wb, Path(path))
    return len(rows)
