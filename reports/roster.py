"""Templates, imports and exports of the organization list and the member roster (docs/interfaces.md).

Exports given an `actor` obey it: a township clerk's export holds only their township's
subtree, and ID numbers are masked (6 digits, stars, last 4) for every account without
SEE_ID_NUMBERS (乡镇办事员 and 只读; see models/services/access.py).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from models import idcard, values
from models.actor import Actor
from models.audit import AuditEntry, CreationChanges, audit_row
from models.enums import OrgKind, OrgStatus, Sector
from models.errors import DomainError, FieldError, ValidationError
from models.member import Member, Placement
from models.org import Organization
from models.rules import add_months, add_years
from models.services import access
from models.services.common import insert_rows
from models.services.members import (
    MEMBER_LABELS,
    clean_member,
    current_id_numbers,
    holding_org_resolver,
    insert_members,
    typed_id_number,
)
from models.services.orgs import ORG_LABELS, county_root, create_org, dissolve_org, org_lookup

from .imports import Importer, ParsedRow, YearMonth, field_errors_to_rows
from .sheeterrors import RowError

ORG_HEADERS = list(ORG_LABELS.values())
MEMBER_HEADERS = list(MEMBER_LABELS.values())
MEMBER_HEADER_TO_ATTR = {v: k for k, v in MEMBER_LABELS.items()}
ORG_HEADER_TO_ATTR = {v: k for k, v in ORG_LABELS.items()}
#: column widths of the exports: long names wrap so that the page, fitted to the width of A4
#: landscape, prints at 9 pt or more (xlsx.printed_size); a date takes 10, an ID number 19
ORG_WIDTHS = [24, 14, 9, 10, 22, 8, 12, 10, 10, 6, 6]
MEMBER_WIDTHS = [8, 5, 6, 19, 10, 9, 9, 13, 10, 10, 8, 12, 10, 6, 5, 10, 5, 8, 8]


# ---------------------------------------------------------------- organizations


def parse_orgs(session: Session, records: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[RowError]]:
    known = org_lookup(session)
    in_file: dict[str, int] = {}
    parsed, errors = [], []
    for row, src in records:
        vals: dict[str, Any] = {}
        row_errors: list[FieldError] = []

        def put(attr: str, parse, src=src, vals=vals, row_errors=row_errors) -> None:
            try:
                vals[attr] = parse(src.get(ORG_LABELS[attr]))
            except ValueError as exc:
                row_errors.append(FieldError(ORG_LABELS[attr], str(exc)))

        put("name", values.text)
        put("short_name", values.text)
        put("kind", lambda v: values.parse_enum(OrgKind, v))
        put("sector", lambda v: values.parse_enum(Sector, v))
        put("secretary", values.text)
        put("phone", lambda v: values.digits(v, "联系电话"))
        put("founded_on", values.parse_date)
        put("term_start", values.parse_date)
        put("term_years", values.parse_int)
        put_status(vals, row_errors, src)
        vals["parent_name"] = values.text(src.get("上级党组织"))
        name = vals.get("name")
        if not name:
            row_errors.append(FieldError("组织名称", "必填"))
        elif name in known:
            row_errors.append(FieldError("组织名称", "数据库中已有同名党组织"))
        elif name in in_file:
            row_errors.append(FieldError("组织名称", f"与第{in_file[name]}行重复"))
        else:
            in_file[name] = row
        if "kind" in vals and vals["kind"] is None:
            row_errors.append(FieldError("组织类别", "必填"))
        parsed.append(ParsedRow(row, vals, src))
        errors.extend(field_errors_to_rows(row, src, row_errors))
    # a dissolved organization keeps no active organization below it
    dissolved = {p.values["name"] for p in parsed
                 if p.values.get("name") and p.values.get("status") == OrgStatus.DISSOLVED}
    for p in parsed:
        parent = p.values["parent_name"]
        if parent in dissolved and p.values.get("status") != OrgStatus.DISSOLVED:
            errors.append(RowError(p.row, "上级党组织", parent, "上级党组织已撤销，本组织也应为已撤销"))
    # parents: in the database, or defined on another row of the file
    short_in_file = Counter(p.values.get("short_name") for p in parsed if p.values.get("short_name"))
    for p in parsed:
        parent = p.values["parent_name"]
        if parent is None or parent in known or parent in in_file or short_in_file.get(parent) == 1:
            if parent is not None and known.get(parent, 0) is None:
                errors.append(RowError(p.row, "上级党组织", parent, "简称对应多个党组织，请写全称"))
            continue
        errors.append(RowError(p.row, "上级党组织", parent, f"找不到党组织“{parent}”"))
    return parsed, errors


def put_status(vals: dict[str, Any], row_errors: list[FieldError], src: dict[str, Any]) -> None:
    """状态 (an export's extra column): 正常 when absent or empty."""
    try:
        vals["status"] = values.parse_enum(OrgStatus, src.get("状态")) or OrgStatus.ACTIVE
    except ValueError as exc:
        row_errors.append(FieldError("状态", str(exc)))


def write_orgs(session: Session, actor: Actor, rows: list[ParsedRow], source: str) -> int:
    """Create organizations in the file's order (an export lists parents first); a row whose
    parent comes later in the file waits for it. Rows marked 已撤销 are dissolved at the end."""
    root_id = county_root(session).id
    lookup = org_lookup(session)
    full_names = set(session.scalars(select(Organization.name)))
    pending = list(rows)
    written = 0
    dissolved: list[tuple[int, Organization]] = []
    while pending:
        waiting = []
        for p in pending:
            parent = p.values["parent_name"]
            if parent is not None and parent not in lookup:
                waiting.append(p)
                continue
            fields = {k: v for k, v in p.values.items() if k not in ("parent_name", "status")}
            try:
                org = create_org(session, actor, parent_id=lookup[parent] if parent else root_id,
                                 **fields)
            except ValidationError as exc:
                raise DomainError(f"第{p.row}行：{exc}") from exc
            lookup[org.name] = org.id
            full_names.add(org.name)
            if org.short_name and org.short_name not in full_names:
                lookup[org.short_name] = None if org.short_name in lookup else org.id
            if p.values.get("status") == OrgStatus.DISSOLVED:
                dissolved.append((p.row, org))
            written += 1
        if len(waiting) == len(pending):
            names = "、".join(str(p.row) for p in waiting)
            raise DomainError(f"第{names}行的上级党组织互相引用，无法确定先后")
        pending = waiting
    # the deepest first: an organization is dissolved after everything below it
    for row, org in sorted(dissolved, key=lambda item: -item[1].path.count("/")):
        try:
            dissolve_org(session, actor, org.id, date.today(), f"导入 {source}：已撤销")
        except DomainError as exc:
            raise DomainError(f"第{row}行：{exc}") from exc
    return written


# members and organizations: their services' clean functions check the column lengths
ORG_IMPORTER = Importer(
    kind="orgs",
    headers=ORG_HEADERS,
    required=["组织名称", "组织类别"],
    parse=parse_orgs,
    write=write_orgs,
    example=["中共某某镇某某村支部委员会", "某某村党支部", "党支部", "农村", "中共某某镇委员会",
             "张三", "13800000000", "2001-07-01", "2023-05-10", 5],
    text_columns=("联系电话",),
    extra_headers=("状态",),
)


def _scoped(session: Session, actor: Actor, org_ids: list[int] | None) -> list[int] | None:
    """The organization filter narrowed to what the actor may see."""
    access.require_read(actor)
    visible = access.visible_org_ids(session, actor)
    if visible is None:
        return org_ids
    if org_ids is None:
        return visible
    allowed = set(visible)
    return [i for i in org_ids if i in allowed]


def tree_order(session: Session) -> list[int]:
    """Every organization id depth first, siblings by id: parents before children even when a
    move put a child under a parent created after it, and the same order after a re-import."""
    children: dict[int | None, list[int]] = {}
    for oid, parent_id in session.execute(
        select(Organization.id, Organization.parent_id).order_by(Organization.id)
    ):
        children.setdefault(parent_id, []).append(oid)
    out: list[int] = []
    stack = list(reversed(children.get(None, [])))
    while stack:
        oid = stack.pop()
        out.append(oid)
        stack.extend(reversed(children.get(oid, [])))
    return out


def export_orgs(
    session: Session, actor: Actor, path: str | Path, org_ids: list[int] | None = None
) -> int:
    """The organization list in the template's columns (then 状态), parents before children."""
    org_ids = _scoped(session, actor, org_ids)
    parent = aliased(Organization)
    q = select(Organization, parent.name).join(parent, Organization.parent_id == parent.id)
    if org_ids is not None:
        q = q.where(Organization.id.in_(org_ids))
    found = {org.id: (org, parent_name) for org, parent_name in session.execute(q)}
    rows = []
    for oid in tree_order(session):
        if oid not in found:
            continue
        org, parent_name = found[oid]
        rows.append([
            org.name, org.short_name, org.kind.value, org.sector.value if org.sector else None,
            parent_name, org.secretary, org.phone, org.founded_on, org.term_start, org.term_years,
            org.status.value,
        ])
    from .xlsx import write_table

    write_table(path, "党组织", ORG_HEADERS + ["状态"], rows, widths=ORG_WIDTHS, text_columns=("联系电话",),
                wrap_columns=("组织名称", "简称", "单位属性", "上级党组织", "书记"))
    return len(rows)


# ---------------------------------------------------------------- members


FULL_HEADER, TYPE_HEADER = MEMBER_LABELS["full_on"], "党员类型"
FULL_TYPE, PROBATION_TYPE = "正式党员", "预备党员"
#: ParsedRow.values key of the 转正 rule a row was read by (taken out before writing)
RULE = "_full_rule"
RULE_UNKNOWN, RULE_ASK = "unknown", "ask"


def full_rule(clean: dict[str, Any], src: dict[str, Any], today: date) -> FieldError | None:
    """A roster never makes a member 预备 silently (docs/member-lifecycle.md, 导入): an empty 转正
    date is 预备 only when the file says so (党员类型 预备党员, or a 转正 column for a member who
    joined within 2 years). Otherwise a member who joined more than 2 years back (or whose
    党员类型 is 正式党员) is 正式 with the 转正 date unknown; one who joined within 2 years is
    asked about (the row's error)."""
    joined = clean.get("joined_on")
    if clean.get("full_on") is not None or joined is None:
        return None
    kind = src.get(TYPE_HEADER)
    kind = (kind.strip() or None) if kind.__class__ is str else values.text(kind)  # values.text, for the usual cell
    if kind == PROBATION_TYPE:
        return None
    if kind not in (None, FULL_TYPE):
        return FieldError(TYPE_HEADER, f"应为{FULL_TYPE}或{PROBATION_TYPE}")
    if kind == FULL_TYPE or add_years(joined, 2) <= today:
        normal = add_months(joined, 12)
        if normal > today:
            return FieldError(TYPE_HEADER, "入党不满1年，不能是正式党员")
        clean["full_on"], clean["full_on_unknown"], clean[RULE] = normal, True, RULE_UNKNOWN
        return None
    if FULL_HEADER in src:
        return None  # the file has the column: empty is 预备
    clean[RULE] = RULE_ASK
    return FieldError(FULL_HEADER, "名册没有转正信息，该党员入党不满2年：请填写转为正式党员日期，"
                                   f"预备党员在“{TYPE_HEADER}”列注明{PROBATION_TYPE}")


def describe_members(parsed: list[ParsedRow]) -> list[str]:
    """The 转正 rule applied, said before anything is written: who became 正式 with the date
    unknown, who is asked for a date (row numbers)."""
    unknown = [str(p.row) for p in parsed if p.values.get(RULE) == RULE_UNKNOWN]
    ask = [str(p.row) for p in parsed if p.values.get(RULE) == RULE_ASK]
    out = []
    if unknown:
        out.append(f"没有转正日期的{len(unknown)}人入党已满2年（或注明正式党员），按正式党员导入，"
                   f"转正日期记为不详：第{'、'.join(_shorten(unknown))}行")
    if ask:
        out.append(f"名册没有转正信息，入党不满2年的{len(ask)}人须填写转正日期或注明预备党员："
                   f"第{'、'.join(_shorten(ask))}行")
    return out


def _shorten(rows: list[str], most: int = 30) -> list[str]:
    return rows if len(rows) <= most else [*rows[:most], f"…共{len(rows)}行"]


def _once_per_value(fn: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """`fn` (its result, or the ValueError it raises) worked out once for each distinct value: a
    roster names each branch on hundreds of rows."""
    memo: dict[tuple[type, Any], tuple[bool, Any]] = {}

    def call(value: Any) -> Any:
        key = (value.__class__, value)
        try:
            hit = memo.get(key)
        except TypeError:  # a value that cannot be a dictionary key
            return fn(value)
        if hit is None:
            try:
                hit = memo[key] = (True, fn(value))
            except ValueError as exc:
                hit = memo[key] = (False, str(exc))
        if hit[0]:
            return hit[1]
        raise ValueError(hit[1])

    return call


def _typed_numbers(records: list[tuple[int, dict[str, Any]]]) -> Iterator[str]:
    """The ID numbers the rows give, normalized as clean_member does (unreadable ones left out);
    read only when the server must be asked (members.current_id_numbers)."""
    for _row, src in records:
        try:
            number = typed_id_number(src.get("公民身份号码"))
        except ValueError:
            continue
        if number:
            yield number


def parse_members(session: Session, records: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[RowError]]:
    resolve = _once_per_value(holding_org_resolver(session))
    current_ids = current_id_numbers(session, _typed_numbers(records))
    seen: dict[str, int] = {}
    parsed, errors = [], []
    headers, attrs = list(MEMBER_HEADER_TO_ATTR), list(MEMBER_HEADER_TO_ATTR.values())
    today = date.today()
    for row, src in records:
        raw = dict(zip(attrs, map(src.get, headers), strict=True))
        ym = raw.get("birth_date")
        if isinstance(ym, YearMonth):  # a 出生年月 column: checked against the ID number
            raw["birth_date"] = None
        clean, row_errors = clean_member(raw, resolve, today)
        if not any(e.field == "加入党组织日期" for e in row_errors):
            asked = full_rule(clean, src, today)
            if asked is not None:
                row_errors.append(asked)
        if isinstance(ym, YearMonth):
            born = clean.get("birth_date")
            if ym.year is None:
                row_errors.append(FieldError("出生日期", f"“{ym}”不是有效的年月（如 1975-07）"))
            elif born is not None and (born.year, born.month) != (ym.year, ym.month):
                row_errors.append(FieldError("出生日期", f"与公民身份号码不符（号码为{born:%Y-%m}）"))
        number = clean.get("id_number")
        if number and not any(e.field == "公民身份号码" for e in row_errors):
            if number in current_ids:
                row_errors.append(FieldError("公民身份号码", "与数据库中现有党员重复"))
            elif number in seen:
                row_errors.append(FieldError("公民身份号码", f"与第{seen[number]}行重复"))
            else:
                seen[number] = row
        parsed.append(ParsedRow(row, clean, src))
        if row_errors:
            errors.extend(field_errors_to_rows(row, src, row_errors))
    return parsed, errors


#: rows of placements and audit entries built and written at a time
WRITE_SLICE = 5_000


def write_members(session: Session, actor: Actor, rows: list[ParsedRow], source: str) -> int:
    """Bulk insert: members, their first placement, one audit row each."""
    now = datetime.now().replace(microsecond=0)
    for p in rows:
        p.values.pop(RULE, None)
        p.values.setdefault("full_on_unknown", False)
    member_rows = [p.values for p in rows]
    for m in member_rows:  # the rows' own dicts, not copies of 25,000 of them
        m["version"], m["created_at"], m["updated_at"] = 1, now, now
    ids = insert_members(session, member_rows)
    # placements and audit rows a slice at a time: the same rows in the same order (the audit's
    # hash chain goes on from slice to slice), without all of them in memory at once
    note = f"导入 {source}"
    changes = CreationChanges(skip=frozenset({"version", "created_at", "updated_at"}))
    for at in range(0, len(ids), WRITE_SLICE):
        part = list(zip(ids[at:at + WRITE_SLICE], member_rows[at:at + WRITE_SLICE], strict=True))
        insert_rows(session, Placement, [
            {"member_id": mid, "org_id": m["org_id"], "start_on": m["joined_on"], "end_on": None, "note": None}
            for mid, m in part
        ])
    for at in range(0, len(ids), WRITE_SLICE):
        part = list(zip(ids[at:at + WRITE_SLICE], member_rows[at:at + WRITE_SLICE], strict=True))
        insert_rows(session, AuditEntry, [
            audit_row(actor.name, "create", "member", mid, changes(m), note, now) for mid, m in part
        ])
    return len(ids)


MEMBER_IMPORTER = Importer(
    kind="members",
    headers=MEMBER_HEADERS,
    required=["姓名", "公民身份号码", "所在党支部", "加入党组织日期"],
    parse=parse_members,
    write=write_members,
    example=["张三", "", "汉族", "11010519491231002X", "", "大学本科", "农牧渔民", "某某村党支部",
             "1975-07-01", "1976-07-01", "村民", "13800000000", "某某镇某某村1组", "正常", "否", "",
             "否", ""],
    text_columns=("公民身份号码", "联系电话"),
    org_column="所在党支部",
    sheet_field="所在党支部",
    extra_headers=(TYPE_HEADER,),
    describe=describe_members,
)


def export_members(
    session: Session, actor: Actor, path: str | Path, org_ids: list[int] | None = None,
    mask: bool = False, member_ids: list[int] | None = None,
) -> int:
    """The roster of current members in the template's columns (then 党员类型).

    Only the actor's subtree, masked unless the actor may see ID numbers.
    """
    org_ids = _scoped(session, actor, org_ids)
    if access.masks_id_numbers(actor):
        mask = True
    branch = aliased(Organization)
    q = (
        select(
            Member.name, Member.gender, Member.ethnicity, Member.id_number, Member.birth_date,
            Member.education, Member.category, branch.name, Member.joined_on, Member.full_on,
            Member.position, Member.phone, Member.address, Member.party_status,
            Member.lost_contact, Member.lost_since, Member.floating, Member.floating_to,
            Member.full_on_unknown,
        )
        .join(branch, Member.org_id == branch.id)
        .where(Member.ended_on.is_(None))
        .order_by(Member.id)
    )
    if org_ids is not None:
        q = q.where(Member.org_id.in_(org_ids))
    if member_ids is not None:
        q = q.where(Member.id.in_(member_ids))
    today = date.today()
    rows = []
    yes_no = ("否", "是")
    for (name, gender, ethnicity, number, birth, education, category, org_name, joined, full,
         position, phone, address, status, lost, lost_since, floating, floating_to, unknown) in session.execute(q):
        rows.append([
            name, gender.value, ethnicity, idcard.masked(number) if mask else number,
            f"{birth.year}年" if mask and birth else birth, education.value if education else None,
            # 转正 date unknown: left empty, 党员类型 正式党员 (imports again as unknown)
            category.value if category else None, org_name, joined, None if unknown else full,
            position, access.masked_phone(phone) if mask and phone else phone, address, status.value, yes_no[lost],
            lost_since, yes_no[floating], floating_to,
            "正式党员" if full and full <= today else "预备党员",
        ])
    from .xlsx import write_table

    write_table(path, "党员名册", MEMBER_HEADERS + ["党员类型"], rows, widths=MEMBER_WIDTHS,
                text_columns=("公民身份号码", "联系电话"),
                wrap_columns=("姓名", "民族", "学历", "人员类别", "所在党支部", "工作岗位", "家庭住址",
                              "外出流向", "党员类型"))
    return len(rows)


