"""Import of 积分制 entries (公民身份号码, 姓名, 日期, 积分项目, 分值, 事由), all-or-nothing like the
other imports: every row checked (member, item, sign, caps with the rows above it, locked quarter),
then written in one transaction; a county account's rows count at once, a township clerk's wait."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import idcard, values
from models.actor import Actor
from models.errors import FieldError
from models.evaluation import PointsEntry
from models.member import Member
from models.org import Organization
from models.services import points as pts

from .imports import Importer, ParsedRow, field_errors_to_rows
from .sheeterrors import RowError

POINTS_HEADERS = ["公民身份号码", "姓名", "日期", "积分项目", "分值", "事由"]


def parse_points(session: Session, records: list[tuple[int, dict[str, Any]]]) -> tuple[list[ParsedRow], list[RowError]]:
    book = pts.ledger(session)
    members: dict[str, tuple[int, str, Any, Any, int, str]] = {}
    for mid, number, name, joined, ended, oid, path in session.execute(
            select(Member.id, Member.id_number, Member.name, Member.joined_on, Member.ended_on, Member.org_id,
                   Organization.path).join(Organization, Organization.id == Member.org_id)
            .order_by(Member.ended_on.is_not(None).desc(), Member.id)):
        members[number] = (mid, name, joined, ended, oid, path)  # the current record wins
    # the same event twice (a row copied, a file imported again): one member, one date, one item,
    # the same points and reason, already in the ledger or on a row above
    existing = {(m, on, item, Decimal(p), values.same_text(r)) for m, on, item, p, r in session.execute(
        select(PointsEntry.member_id, PointsEntry.entry_date, PointsEntry.item, PointsEntry.points,
               PointsEntry.reason))}
    in_file: dict[tuple, int] = {}
    sums: dict[tuple[int, int], dict[str, Decimal]] = {}
    locks: dict[tuple[str, int], set[int]] = {}
    parsed, errors = [], []
    for row, src in records:
        row_errors: list[FieldError] = []
        vals, row_errors = pts.clean(book, src.get("日期"), src.get("积分项目"), src.get("分值"), src.get("事由"))
        vals["member_id"] = vals["org_id"] = None
        try:
            number = values.digits(src.get("公民身份号码"), "公民身份号码")
        except ValueError as exc:
            row_errors.append(FieldError("公民身份号码", str(exc)))
            number = None
        name = values.text(src.get("姓名"))
        if not name:
            row_errors.append(FieldError("姓名", "必填"))
        member = None
        if number is None and not any(e.field == "公民身份号码" for e in row_errors):
            row_errors.append(FieldError("公民身份号码", "必填"))
        elif number is not None:
            number = number.upper()
            member = members.get(number)
            if member is None:
                reason = "校验位不对" if not idcard.is_valid(number) else "名册中没有该党员"
                row_errors.append(FieldError("公民身份号码", reason))
            elif name and name != member[1]:
                row_errors.append(FieldError("姓名", f"与名册不符（该身份号码是“{member[1]}”）"))
        if member is not None:
            mid, mname, joined, ended, oid, path = member
            vals["member_id"], vals["org_id"] = mid, oid
            on = vals.get("entry_date")
            if on is not None and not row_errors:
                if on < joined:
                    row_errors.append(FieldError("日期", f"早于加入党组织的日期{joined}"))
                elif ended is not None and on > ended:
                    row_errors.append(FieldError("日期", f"“{mname}”的党籍已于{ended}终止"))
                key = (path, on.year)
                if key not in locks:
                    locks[key] = pts.locked_quarters(session, path, on.year)
                if pts.quarter_of(on) in locks[key]:
                    row_errors.append(FieldError("日期", f"{on.year}年第{pts.quarter_of(on)}季度已公示确定（锁定），"
                                                 "不能再登记；调整请登记更正"))
            if not row_errors:
                key = (mid, on, vals["item"], vals["points"], values.same_text(vals["reason"]))
                if key in existing:
                    row_errors.append(FieldError("事由", "积分台账中已有同一党员、同一日期、同一项目、相同分值和事由的记录"))
                elif key in in_file:
                    row_errors.append(FieldError("事由", f"与第{in_file[key]}行重复（同一党员、同一日期、同一项目、"
                                                 "相同分值和事由）"))
                else:
                    in_file[key] = row
            if not row_errors:
                have = sums.setdefault((mid, on.year), pts._sums(session, mid, on.year))
                caps = pts.cap_errors(book, have, vals["item"], vals["points"])
                if caps:
                    row_errors += caps
                else:
                    have[vals["item"]] = have.get(vals["item"], Decimal(0)) + vals["points"]
        parsed.append(ParsedRow(row, vals, src))
        errors.extend(field_errors_to_rows(row, src, row_errors))
    return parsed, errors


def write_points(session: Session, actor: Actor, rows: list[ParsedRow], source: str) -> int:
    return pts.add_many(session, actor, [(p.values["member_id"], p.values) for p in rows], source)


POINTS_IMPORTER = Importer(
    kind="points",
    headers=POINTS_HEADERS,
    required=list(POINTS_HEADERS),
    parse=parse_points,
    write=write_points,
    example=["440524198005170014", "张伟", "2026-03-15", "志愿服务加分", "+5", "参加村容整治志愿服务"],
    text_columns=("公民身份号码", "分值"),
    notes={
        "公民身份号码": "18位，须是名册中的党员；请把该列设为文本",
        "积分项目": "学习教育加分、先锋作用加分、志愿服务加分、组织生活扣分、党费交纳扣分、违规违纪扣分"
                  "（以星级党员方案为准）",
        "分值": "加分填正数（如 +5），扣分填负数（如 -3），最多两位小数；每项全年不超过方案规定的上限",
        "事由": "发生了什么（不超过200字）",
        "日期": "事情发生的日期；已公示确定的季度不能再登记",
    },
    org_column="公民身份号码",
    model=PointsEntry, labels={"item": "积分项目", "reason": "事由"},
)
