"""Members: validation of the 16 roster items, create, edit, transfer, end of membership and
its undoing (恢复党籍)."""

from __future__ import annotations

import enum
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import String, and_, case, func, or_, select, type_coerce, update
from sqlalchemy.orm import Session

from .. import idcard, lengths, values
from ..actor import Actor
from ..enums import (
    ETHNIC_GROUPS,
    MEMBER_HOLDING_KINDS,
    Education,
    EndReason,
    Gender,
    MemberCategory,
    OrgStatus,
    PartyStatus,
)
from ..errors import DomainError, FieldError, NotFound, ValidationError
from ..masking import SECRET_MEMBER_FIELDS, reads_masked, taken_id_numbers
from ..member import Member, Placement
from ..org import Organization
from ..rules import member_date_errors, phone_error
from . import access
from .access import Permission
from .common import apply_changes, check_version, created, get_or_fail, insert_rows, many_rows
from .orgs import repeated_names, shown_names

ENTITY = "member"

#: attribute → the contract's Chinese header, in template order
MEMBER_LABELS = {
    "name": "姓名",
    "gender": "性别",
    "ethnicity": "民族",
    "id_number": "公民身份号码",
    "birth_date": "出生日期",
    "education": "学历",
    "category": "人员类别",
    "org_id": "所在党支部",
    "joined_on": "加入党组织日期",
    "full_on": "转为正式党员日期",
    "position": "工作岗位",
    "phone": "联系电话",
    "address": "家庭住址",
    "party_status": "党籍状态",
    "lost_contact": "是否失联",
    "lost_since": "失去联系日期",
    "floating": "是否流动党员",
    "floating_to": "外出流向",
}


@functools.cache
def _pinyin() -> tuple[Any, Any, dict, dict]:
    """pypinyin, imported on first use: its phrase dictionary alone takes a third of a second,
    which the window's start-up should not pay."""
    from pypinyin import Style, lazy_pinyin
    from pypinyin.phrases_dict import phrases_dict
    from pypinyin.pinyin_dict import pinyin_dict

    return lazy_pinyin, Style.FIRST_LETTER, phrases_dict, pinyin_dict


def _slow_initials(name: str) -> str:
    lazy_pinyin, first_letter, _phrases, _chars = _pinyin()
    return "".join(p[0] for p in lazy_pinyin(name, style=first_letter) if p).lower()


@functools.cache
def _table() -> tuple[dict[str, str], dict[str, str], frozenset[str]]:
    """resources/pinyin_initials.txt (tools/make_pinyin_initials.py, which says why): character →
    initials, phrase of 2 to 6 characters → initials, and every prefix of a phrase up to 6 characters.
    Read instead of pypinyin, whose phrase dictionary is 57 MB of memory."""
    from importlib import resources

    text = (resources.files("resources") / "pinyin_initials.txt").read_text(encoding="utf-8")
    chars_part, phrases_part, others = text.split("\n\n")
    chars = dict(line.split("\t") for line in chars_part.splitlines() if not line.startswith("#"))
    phrases = dict(line.split("\t") for line in phrases_part.splitlines())
    prefixes = {p[:k] for p in phrases for k in range(1, len(p) + 1)}
    prefixes.update(others.split())
    return chars, phrases, frozenset(prefixes)


def _words(name: str, phrases: dict[str, str], prefixes: frozenset[str]) -> list[str]:
    """pypinyin's segmentation of a run of Chinese characters (its forward maximum matching over the
    prefixes of every phrase, keeping only whole phrases; otherwise a character on its own)."""
    out: list[str] = []
    remain = name
    while remain:
        valid, end = "", 0
        for index in range(len(remain)):
            word = remain[:index + 1]
            if word not in prefixes:
                if valid:
                    out.append(valid)
                    remain = remain[end:]
                else:
                    out.append(remain[0])
                    remain = remain[1:]
                break
            if word in phrases:
                valid, end = word, index + 1
        else:  # all that remains is the start of some phrase
            if not valid:
                out.extend(remain)
                break
            out.append(valid)
            remain = remain[end:]
    return out


@functools.lru_cache(maxsize=65536)
def initials(name: str) -> str:
    """Pinyin initials of a name: 张伟 → zw. A name of up to six Chinese characters is converted as
    pypinyin converts it, from a table (`_table`, without loading pypinyin); any other by pypinyin."""
    chars, phrases, prefixes = _table()
    if len(name) > 6 or not all(ch in chars for ch in name):
        return _slow_initials(name)
    if not any(name[i:i + 2] in prefixes for i in range(len(name) - 1)):
        # no two characters start a phrase (most names): `_words` would give every character alone
        return "".join(map(chars.__getitem__, name))
    return "".join(phrases[w] if len(w) > 1 else chars[w] for w in _words(name, phrases, prefixes))


OrgResolver = Callable[[Any], int]


# Parsers of the member fields: a fast path for the common cell types (text, a real date),
# the general parser of models.values (and its message) for everything else.


def _text(v: Any) -> str | None:
    if type(v) is str:
        return v.strip() or None
    return values.text(v)


def _date(v: Any) -> date | None:
    if v is None or type(v) is date:
        return v
    return values.parse_date(v)


def _enum(enum_cls: type[enum.Enum]) -> Callable[[Any], Any]:
    table = {m.value: m for m in enum_cls}

    def parse(v: Any) -> Any:
        if v is None:
            return None
        if type(v) is str:
            found = table.get(v.strip())
            if found is not None:
                return found
        return values.parse_enum(enum_cls, v)

    return parse


def typed_id_number(v: Any) -> str | None:
    """An ID number cell as the member checks read it (normalized; None when empty; ValueError
    when unreadable)."""
    if type(v) is str:  # the usual cell: values.digits would give the same
        return values.identifier(v) or None
    return values.digits(v, "公民身份号码")


def _phone(v: Any) -> str | None:
    if type(v) is str:
        return values.identifier(v) or None
    return values.digits(v, "联系电话")


def _flag(v: Any) -> bool:
    if v is None:
        return False
    if type(v) is str:
        s = v.strip()
        if s == "否" or not s:
            return False
        if s == "是":
            return True
    return values.parse_bool(v) if not values.is_blank(v) else False


def _month(v: Any) -> str | None:
    return None if v is None else values.parse_month(v)


_gender = _enum(Gender)
_education = _enum(Education)
_category = _enum(MemberCategory)
_party_status = _enum(PartyStatus)


def _status(v: Any) -> PartyStatus:
    return _party_status(v) or PartyStatus.NORMAL


#: (attribute, parser) in the order errors are reported; 所在党支部 last (the resolver)
_FIELDS: tuple[tuple[str, Callable[[Any], Any]], ...] = (
    ("name", _text),
    ("id_number", typed_id_number),
    ("gender", _gender),
    ("ethnicity", _text),
    ("birth_date", _date),
    ("education", _education),
    ("category", _category),
    ("joined_on", _date),
    ("full_on", _date),
    ("position", _text),
    ("phone", _phone),
    ("address", _text),
    ("party_status", _status),
    ("lost_contact", _flag),
    ("lost_since", _month),
    ("floating", _flag),
    ("floating_to", _text),
)
_ETHNIC = frozenset(ETHNIC_GROUPS)


def clean_member(
    raw: Mapping[str, Any], resolve_org: OrgResolver, today: date | None = None,
    kept: Mapping[str, Any] | None = None, kept_birth: date | None = None,
) -> tuple[dict[str, Any], list[FieldError]]:
    """Parse and check one member's fields (attribute → raw value).

    Returns the clean values and every error found, each naming its field.
    `resolve_org` turns the 所在党支部 value into an organization id or raises ValueError;
    `today` (an import checks many rows against one day) defaults to the date now.
    `kept`: the masked current values of the fields a login on the server reads masked only
    (docs/server-rights.md); a field whose raw value is still its masked one is left as it is: not
    checked, not in the result. With the ID number kept, the sex is checked against its 17th digit
    (shown) and the birth date against `kept_birth` (the stored one, which the number gives).
    """
    today = today or date.today()
    out: dict[str, Any] = {}
    errors: list[FieldError] = []
    get = raw.get
    kept = {a: v for a, v in (kept or {}).items() if v is not None and get(a) == v}
    for attr, parse in _FIELDS:
        if attr in kept:
            continue
        try:
            out[attr] = parse(get(attr))
        except ValueError as exc:
            errors.append(FieldError(MEMBER_LABELS[attr], str(exc)))
    if not out.get("name") and "name" in out:
        errors.insert(0, FieldError("姓名", "必填"))
    try:
        out["org_id"] = resolve_org(get("org_id"))
    except ValueError as exc:
        errors.append(FieldError(MEMBER_LABELS["org_id"], str(exc)))

    number = out.get("id_number")  # already normalized by values.identifier
    derived_birth = None
    derived_gender = None
    if "id_number" in kept:
        derived_birth = kept_birth
        shown = str(kept["id_number"])
        if len(shown) == 18 and shown[16].isdigit():
            derived_gender = Gender.MALE if idcard.is_male(shown) else Gender.FEMALE
    elif "id_number" in out:
        if not number:
            errors.append(FieldError("公民身份号码", "必填"))
        else:
            try:
                derived_birth = idcard.check(number, today)
                derived_gender = Gender.MALE if idcard.is_male(number) else Gender.FEMALE
            except idcard.IdNumberError as exc:
                errors.append(FieldError("公民身份号码", str(exc)))
    if derived_gender is not None:
        if out.get("gender") is None and "gender" in out:
            out["gender"] = derived_gender
        elif out.get("gender") is not None and out["gender"] != derived_gender:
            errors.append(
                FieldError("性别", f"与公民身份号码不符（号码为{derived_gender.value}性）")
            )
    if derived_birth is not None:
        if out.get("birth_date") is None and "birth_date" in out:
            out["birth_date"] = derived_birth
        elif out.get("birth_date") is not None and out["birth_date"] != derived_birth:
            errors.append(
                FieldError("出生日期", f"与公民身份号码不符（号码为{derived_birth.isoformat()}）")
            )
    if out.get("ethnicity") is None and "ethnicity" in out:
        out["ethnicity"] = "汉族"
    elif out.get("ethnicity") and out["ethnicity"] not in _ETHNIC:
        errors.append(FieldError("民族", f"“{out['ethnicity']}”不是56个民族之一（或“其他”）"))
    if "joined_on" in out and out["joined_on"] is None:
        errors.append(FieldError("加入党组织日期", "必填"))
    errors.extend(
        member_date_errors(out.get("birth_date"), out.get("joined_on"), out.get("full_on"), today)
    )
    phone = out.get("phone")
    if phone:
        reason = phone_error(phone)
        if reason:
            errors.append(FieldError("联系电话", reason))
    if out.get("lost_contact") and not out.get("lost_since"):
        errors.append(FieldError("失去联系日期", "失联党员须填写失去联系的年月"))
    if out.get("floating") and not out.get("floating_to"):
        errors.append(FieldError("外出流向", "流动党员须填写外出流向"))
    errors.extend(lengths.field_errors(Member, out, MEMBER_LABELS))
    if "name" in out:
        out["name_initials"] = initials(out["name"] or "")
    return out, errors


def holding_org_resolver(session: Session) -> OrgResolver:
    """Resolve 所在党支部 by full or unique short name to an organization that can hold members."""
    from .orgs import org_lookup

    lookup = org_lookup(session)
    kinds = dict(session.execute(select(Organization.id, Organization.kind)).all())
    status = dict(session.execute(select(Organization.id, Organization.status)).all())

    def resolve(value: Any) -> int:
        if isinstance(value, int):
            oid = value
        else:
            name = values.text(value)
            if not name:
                raise ValueError("必填")
            if name not in lookup:
                raise ValueError(f"找不到党组织“{name}”")
            oid = lookup[name]
            if oid is None:
                raise ValueError(f"简称“{name}”对应多个党组织，请写全称")
        if oid not in kinds:
            raise ValueError(f"找不到党组织（编号{oid}）")
        if kinds[oid] not in MEMBER_HOLDING_KINDS:
            raise ValueError(f"{kinds[oid].value}不直接管理党员，请选择党支部或党总支")
        if status[oid] != OrgStatus.ACTIVE:
            raise ValueError("该党组织已撤销")
        return oid

    return resolve


def insert_members(session: Session, rows: list[dict[str, Any]]) -> list[int]:
    """Bulk insert of new current members (unique ID numbers); their ids in the rows' order.

    The ids are read back by ID number (unique among current members), which holds even when
    another clerk adds members at the same time.
    """
    if not rows:
        return []
    before = session.scalar(select(func.max(Member.id))) or 0
    ids = insert_rows(session, Member, rows, returning_ids=True)
    if ids is not None:  # the server answered with them (INSERT … RETURNING)
        return ids
    by_number = dict(
        session.execute(
            select(Member.id_number, Member.id).where(Member.id > before, Member.ended_on.is_(None))
        ).all()
    )
    return [by_number[r["id_number"]] for r in rows]


def current_id_numbers(session: Session, candidates: Iterable[str]) -> set[str]:
    """The ID numbers of current members among `candidates` (an import's numbers): all of them
    read at once, or, for a login that may not read the column, the server's answer."""
    if reads_masked(session):
        return taken_id_numbers(session, candidates)
    return set(session.scalars(select(Member.id_number).where(Member.ended_on.is_(None))))


def hidden_values(session: Session, member: Member) -> dict[str, Any]:
    """The member's fields this session reads masked only (empty unless a township or read-only
    login on the server): what `clean_member` keeps as they are unless the clerk changes them."""
    if not reads_masked(session):
        return {}
    return {a: getattr(member, a) for a in SECRET_MEMBER_FIELDS if getattr(member, a)}


def id_number_taken(session: Session, number: str, except_id: int | None = None) -> bool:
    """Whether a current member (other than `except_id`) of the whole county holds the number."""
    if reads_masked(session):  # the login may not read the column: the server's function answers
        return bool(taken_id_numbers(session, [number], except_id))
    q = select(Member.id).where(Member.id_number == number, Member.ended_on.is_(None))
    if except_id is not None:
        q = q.where(Member.id != except_id)
    return session.scalar(q.limit(1)) is not None


def create_member(
    session: Session, actor: Actor, raw: Mapping[str, Any], on: date | None = None
) -> Member:
    """Add a member from raw field values (a form or a spreadsheet row)."""
    access.require(actor, Permission.EDIT_RECORDS)
    full = {k: raw.get(k) for k in MEMBER_LABELS}
    clean, errors = clean_member(full, holding_org_resolver(session))
    if clean.get("org_id") is not None:
        _require_org_in_scope(session, actor, clean["org_id"])
    elif isinstance(full.get("org_id"), str) and full["org_id"].strip():  # another township's, on the server
        access.refuse_hidden(session, actor, f"“{full['org_id'].strip()}”", org_name=full["org_id"])
    if clean.get("id_number") and not errors and id_number_taken(session, clean["id_number"]):
        errors.append(FieldError("公民身份号码", "与现有党员重复"))
    if errors:
        raise ValidationError(errors)
    member = Member(**clean)
    created(session, actor, member, ENTITY)
    session.add(
        Placement(member_id=member.id, org_id=member.org_id, start_on=on or member.joined_on)
    )
    return member


def update_member(
    session: Session,
    actor: Actor,
    member_id: int,
    raw: Mapping[str, Any],
    expected_version: int | None = None,
) -> Member:
    """Change fields of a current member; the branch changes only by transfer."""
    access.require(actor, Permission.EDIT_RECORDS)
    member = _member_in_scope(session, actor, member_id)
    check_version(member, expected_version, f"党员“{member.name}”的记录", ENTITY)
    if member.ended_on is not None:
        raise DomainError(f"“{member.name}”的党籍已终止，记录不能再修改")
    current = {k: getattr(member, k) for k in MEMBER_LABELS}
    merged = current | dict(raw)
    # a login on the server that reads the ID number and phone masked keeps them unless changed
    clean, errors = clean_member(merged, holding_org_resolver(session),
                                 kept=hidden_values(session, member), kept_birth=member.birth_date)
    if clean.get("org_id") != member.org_id and not errors:
        errors.append(FieldError("所在党支部", "请用“组织关系转接”更换党支部"))
    if clean.get("id_number") and id_number_taken(session, clean["id_number"], member.id):
        errors.append(FieldError("公民身份号码", "与现有党员重复"))
    if errors:
        raise ValidationError(errors)
    clean.pop("org_id", None)
    if member.full_on_unknown and clean.get("full_on") != member.full_on:
        clean["full_on_unknown"] = False  # a 转正 date entered: no longer unknown
    if member.lost_on is not None and (not clean.get("lost_contact")
                                       or clean.get("lost_since") != member.lost_on.strftime("%Y-%m")):
        clean["lost_on"] = None  # the 失联 day no longer matches what the form says
    apply_changes(session, actor, member, clean, ENTITY)
    return member


def transfer_member(
    session: Session,
    actor: Actor,
    member_id: int,
    to_org_id: int,
    on: date,
    note: str = "",
    expected_version: int | None = None,
) -> Member:
    """转出/转入: close the current placement and open one in the new branch.

    A township clerk transfers only inside their township (both branches in scope);
    transfers between townships are made by a county clerk.
    """
    access.require(actor, Permission.EDIT_RECORDS)
    member = _member_in_scope(session, actor, member_id)
    check_version(member, expected_version, f"党员“{member.name}”的记录", ENTITY)
    if member.ended_on is not None:
        raise DomainError(f"“{member.name}”的党籍已终止，不能转接")
    try:
        holding_org_resolver(session)(to_org_id)
    except ValueError as exc:
        raise ValidationError([FieldError("转入党组织", str(exc))]) from None
    _require_org_in_scope(session, actor, to_org_id, "转入党组织")
    if to_org_id == member.org_id:
        raise DomainError(f"“{member.name}”已在该党组织")
    current = session.scalar(
        select(Placement).where(Placement.member_id == member.id, Placement.end_on.is_(None))
    )
    if current is not None:
        if on < current.start_on:
            raise ValidationError(
                [FieldError("转接日期", f"早于转入现党组织的日期{current.start_on}")]
            )
        current.end_on = on
    session.add(Placement(member_id=member.id, org_id=to_org_id, start_on=on, note=note or None))
    apply_changes(session, actor, member, {"org_id": to_org_id}, ENTITY, "transfer", note or None)
    return member


#: end reasons recorded by their own step, and where to go instead
LIFECYCLE_END_REASONS = {
    EndReason.TRANSFERRED_OUT: "组织关系转出请用“转出县外”（member transfer-out），须填写转往单位和介绍信编号",
    EndReason.PROBATION_CANCELLED: "取消预备党员资格请用“转正决定”（member decide）",
}
#: what a clerk may choose when ending a membership directly
DIRECT_END_REASONS = [r for r in EndReason if r not in LIFECYCLE_END_REASONS]


def end_membership(
    session: Session,
    actor: Actor,
    member_id: int,
    on: date,
    reason: EndReason,
    note: str = "",
    expected_version: int | None = None,
    lifecycle: bool = False,
) -> Member:
    """死亡, 出党/除名, 退党, 停止党籍: the record stays, marked ended. 转出 and 取消预备党员资格
    end a membership only through their own step (models/services/lifecycle.py, `lifecycle`)."""
    access.require(actor, Permission.EDIT_RECORDS)
    member = _member_in_scope(session, actor, member_id)
    check_version(member, expected_version, f"党员“{member.name}”的记录", ENTITY)
    if member.ended_on is not None:
        raise DomainError(f"“{member.name}”的党籍已于{member.ended_on}终止")
    if not lifecycle and reason in LIFECYCLE_END_REASONS:
        raise ValidationError([FieldError("终止原因", LIFECYCLE_END_REASONS[reason])])
    if on < member.joined_on:
        raise ValidationError([FieldError("终止日期", "早于加入党组织日期")])
    session.execute(
        update(Placement)
        .where(Placement.member_id == member.id, Placement.end_on.is_(None))
        .values(end_on=on)
    )
    changes: dict[str, Any] = {"ended_on": on, "end_reason": reason, "end_note": note or None}
    if reason == EndReason.SUSPENDED:
        changes["party_status"] = PartyStatus.SUSPENDED
    apply_changes(session, actor, member, changes, ENTITY, "end", note or None)
    return member


def reinstate_member(
    session: Session,
    actor: Actor,
    member_id: int,
    reason: str,
    expected_version: int | None = None,
) -> Member:
    """恢复党籍: undo an end of membership (a mistaken 终止党籍, a 停止党籍 lifted).

    The member is current again in the branch they were ended in: the placement the end closed
    is open again, and a 停止党籍 status set by the end goes back to 正常.
    """
    access.require(actor, Permission.EDIT_RECORDS)
    member = _member_in_scope(session, actor, member_id)
    check_version(member, expected_version, f"党员“{member.name}”的记录", ENTITY)
    if member.ended_on is None:
        raise DomainError(f"“{member.name}”的党籍未终止")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError([FieldError("恢复原因", "必填")])
    other = session.scalar(
        select(Member).where(Member.id_number == member.id_number, Member.ended_on.is_(None))
    )
    if other is not None:
        raise DomainError(
            f"公民身份号码已由在册党员“{other.name}”（{other.org.short_name or other.org.name}，"
            f"编号{other.id}）使用，不能恢复“{member.name}”的党籍"
        )
    if member.org.status != OrgStatus.ACTIVE:
        raise DomainError(f"“{member.name}”原所在的“{member.org.name}”已撤销，不能恢复党籍")
    closed = session.scalar(
        select(Placement)
        .where(Placement.member_id == member.id, Placement.end_on == member.ended_on)
        .order_by(Placement.start_on.desc(), Placement.id.desc())
        .limit(1)
    )
    if closed is not None:
        closed.end_on = None
    changes: dict[str, Any] = {"ended_on": None, "end_reason": None, "end_note": None}
    if member.end_reason == EndReason.SUSPENDED and member.party_status == PartyStatus.SUSPENDED:
        changes["party_status"] = PartyStatus.NORMAL
    apply_changes(session, actor, member, changes, ENTITY, "reinstate", reason)
    return member


def placements(session: Session, member_id: int) -> list[Placement]:
    return list(
        session.scalars(
            select(Placement)
            .where(Placement.member_id == member_id)
            .order_by(Placement.start_on, Placement.id)
        )
    )


def get_member(session: Session, member_id: int, actor: Actor) -> Member:
    """One member, only when the member's branch is inside the actor's scope."""
    access.require_read(actor)
    member = session.get(Member, member_id)
    if member is None:
        raise NotFound(f"找不到党员（编号{member_id}）")
    _member_in_scope(session, actor, member_id)
    return member


def _require_org_in_scope(session: Session, actor: Actor, org_id: int, what: str = "") -> None:
    org = session.get(Organization, org_id)
    if org is not None:
        access.require_in_scope(session, actor, org.path, f"{what}“{org.name}”")


def _member_in_scope(session: Session, actor: Actor, member_id: int) -> Member:
    member = get_or_fail(session, Member, member_id, "党员")
    org = session.get(Organization, member.org_id)
    if org is not None:
        access.require_in_scope(session, actor, org.path, f"党员“{member.name}”")
    return member


def list_members(
    session: Session, actor: Actor, org_id: int | None = None, include_ended: bool = False
) -> list[Member]:
    """Members the actor may see (optionally of one organization's subtree).

    Show ID numbers with access.shown_id(actor, member.id_number): masked for accounts
    without SEE_ID_NUMBERS.
    """
    q = select(Member).join(Organization, Member.org_id == Organization.id).order_by(Member.id)
    clause = access.scope_clause(session, actor, Organization.path)
    if clause is not None:
        q = q.where(clause)
    if org_id is not None:
        org = get_or_fail(session, Organization, org_id, "党组织")
        access.require_in_scope(session, actor, org.path, f"“{org.name}”")
        q = q.where(Organization.path.startswith(org.path))
    if not include_ended:
        q = q.where(Member.ended_on.is_(None))
    return list(session.scalars(q))


@dataclass(frozen=True)
class MemberHit:
    id: int
    name: str
    id_number: str
    phone: str | None
    org_id: int
    org_name: str
    org_short_name: str | None
    ended: bool


def search_members(
    session: Session, actor: Actor, text: str, limit: int = 50, include_ended: bool = False
) -> list[MemberHit]:
    """Search as you type: name substring, ID number or phone substring, pinyin initials prefix
    ("zw" finds 张伟); within the actor's scope; exact and prefix name matches first."""
    from sqlalchemy import case, or_

    from .access import scope_path

    access.require_read(actor)
    needle = (text or "").strip()
    if not needle:
        return []
    conditions = [Member.name.contains(needle, autoescape=True)]
    code = values.identifier(needle)
    if code and code.isascii():  # full-width ０１２ or spaces typed: the same digits
        needle = code
        conditions.append(Member.name_initials.startswith(needle.lower(), autoescape=True))
        conditions.append(Member.id_number.contains(needle.upper(), autoescape=True))
        conditions.append(Member.phone.contains(needle, autoescape=True))
    rank = case(
        (Member.name == needle, 0),
        (Member.name.startswith(needle, autoescape=True), 1),
        else_=2,
    )
    q = (
        select(
            Member.id, Member.name, Member.id_number, Member.phone, Member.org_id,
            Organization.name, Organization.short_name, Member.ended_on,
        )
        .join(Organization, Member.org_id == Organization.id)
        .where(or_(*conditions))
        .order_by(rank, Member.id)
        .limit(limit)
    )
    if not include_ended:
        # not `ended_on IS NULL` itself: SQLite would then walk the partial index of current ID
        # numbers and fetch every row by rowid (4× slower than scanning the table)
        q = q.where(func.coalesce(Member.ended_on, Member.ended_on).is_(None))
    prefix = scope_path(session, actor)
    if prefix is not None:
        q = q.where(Organization.path.startswith(prefix, autoescape=True))
    return [
        MemberHit(mid, name, number, phone, oid, org_name, short, ended is not None)
        for mid, name, number, phone, oid, org_name, short, ended in session.execute(q)
    ]
# ---------------------------------------------------------------- the roster page

#: columns of a roster row, in tuple order (see roster_rows)
def scanned_current() -> Any:
    """`ended_on IS NULL` for a query over many members: written through coalesce so that SQLite
    scans the table instead of walking the partial index of current ID numbers and fetching each
    row by rowid (8× slower at 60,000 members; docs/startup.md)."""
    return func.coalesce(Member.ended_on, Member.ended_on).is_(None)


R_ID, R_NAME, R_GENDER, R_ID_NUMBER, R_BIRTH, R_ORG, R_JOINED, R_FULL_ON, R_TYPE = range(9)
R_PHONE, R_EDUCATION, R_CATEGORY, R_POSITION, R_STATUS, R_LOST, R_FLOATING = range(9, 16)
R_ENDED, R_INITIALS, R_ORG_ID, R_VERSION = range(16, 20)

#: (column, header) of the columns a clerk may show, in default order
ROSTER_COLUMNS: list[tuple[int, str]] = [
    (R_NAME, "姓名"),
    (R_GENDER, "性别"),
    (R_ID_NUMBER, "公民身份号码"),
    (R_BIRTH, "出生日期"),
    (R_ORG, "所在党支部"),
    (R_JOINED, "加入党组织日期"),
    (R_TYPE, "党员类型"),
    (R_PHONE, "联系电话"),
    (R_EDUCATION, "学历"),
    (R_CATEGORY, "人员类别"),
    (R_POSITION, "工作岗位"),
    (R_STATUS, "党籍状态"),
    (R_LOST, "失联"),
    (R_FLOATING, "流动"),
    (R_ENDED, "终止日期"),
]

FLAG_LOST, FLAG_FLOATING = "lost", "floating"


def member_type(full_on: date | None, unknown: bool, today: date) -> str:
    """党员类型 as the roster shows it: 正式党员 (转正日期不详 when a roster gave none), 预备党员."""
    if full_on is None or full_on > today:
        return "预备党员"
    return "正式党员（转正日期不详）" if unknown else "正式党员"


@dataclass(frozen=True)
class RosterFilter:
    """What a roster lists: `org_id` that organization's subtree; `status` "current", "ended" or
    "all"; `full` True for 正式, False for 预备; `flags` any of FLAG_LOST, FLAG_FLOATING."""

    org_id: int | None = None
    status: str = "current"
    full: bool | None = None
    flags: frozenset[str] = frozenset()


def _roster_columns(today: date) -> list[Any]:
    """The roster's columns (R_* order) as SQL expressions: the shown values are made by the
    database, so that the rows come as the driver reads them (no Python per member):
    docs/startup.md, "A county of 60,000 members"."""
    is_full = and_(Member.full_on.is_not(None), Member.full_on <= today)

    def label(column: Any) -> Any:  # an enumeration's stored label as it is (models/base.py)
        return func.coalesce(type_coerce(column, String), "")

    def yes(column: Any) -> Any:
        return case((column.is_(True), "是"), else_="")

    branch = Organization
    return [
        Member.id, Member.name, label(Member.gender), Member.id_number, Member.birth_date,
        func.coalesce(branch.short_name, branch.name), Member.joined_on, Member.full_on,
        case((is_full, case((Member.full_on_unknown.is_(True), "正式党员（转正日期不详）"), else_="正式党员")),
             else_="预备党员"), func.coalesce(Member.phone, ""),
        label(Member.education), label(Member.category), func.coalesce(Member.position, ""),
        label(Member.party_status), yes(Member.lost_contact), yes(Member.floating), Member.ended_on,
        Member.name_initials, Member.org_id, Member.version,
    ]


def _roster_where(session: Session, actor: Actor, q: Any, where: RosterFilter | None, today: date) -> Any:
    """`q` (over Member joined to its branch) limited to the actor's scope and, unless `where` is
    None, to the roster's filters."""
    from .access import scope_path

    prefix = scope_path(session, actor)
    if prefix is not None:
        q = q.where(Organization.path.startswith(prefix))
    if where is None:
        return q
    if where.org_id is not None:
        org = session.get(Organization, where.org_id)
        if org is None:
            raise NotFound(f"找不到党组织（编号{where.org_id}）")
        q = q.where(Organization.path.startswith(org.path))
    if where.status == "current":
        q = q.where(scanned_current())
    elif where.status == "ended":
        q = q.where(Member.ended_on.is_not(None))
    if FLAG_LOST in where.flags:
        q = q.where(Member.lost_contact.is_(True))
    if FLAG_FLOATING in where.flags:
        q = q.where(Member.floating.is_(True))
    if where.full is True:
        q = q.where(and_(Member.full_on.is_not(None), Member.full_on <= today))
    elif where.full is False:
        q = q.where(or_(Member.full_on.is_(None), Member.full_on > today))
    return q


def _shown_rows(actor: Actor, rows: Any) -> list[tuple[Any, ...]]:
    """Roster rows as the account may see them: ID numbers, birth dates and phones masked for
    accounts without 查看完整身份证号 (only those take a Python pass over the rows)."""
    from .access import Permission, may, shown_birth, shown_phone

    if may(actor, Permission.SEE_ID_NUMBERS):
        return [tuple(row) for row in rows]
    return [(*row[:R_ID_NUMBER], idcard.masked(row[R_ID_NUMBER]), shown_birth(actor, row[R_BIRTH]),
             *row[R_BIRTH + 1:R_PHONE], shown_phone(actor, row[R_PHONE]) or "", *row[R_PHONE + 1:])
            for row in rows]


def roster_rows(
    session: Session,
    actor: Actor,
    org_id: int | None = None,
    status: str = "current",
    text: str = "",
    full: bool | None = None,
    flags: frozenset[str] = frozenset(),
) -> list[tuple[Any, ...]]:
    """The roster as plain tuples (columns R_*), in ONE query, by member id.

    `org_id`, `status`, `full` and `flags` as RosterFilter's. ID numbers are masked for accounts
    without 查看完整身份证号. The roster page reads roster_index and then only the rows it shows
    (roster_rows_of).
    """
    today = date.today()
    q = select(*_roster_columns(today)).join(Organization, Member.org_id == Organization.id)
    q = _roster_where(session, actor, q, RosterFilter(org_id, status, full, flags), today)
    with many_rows():
        out = _with_townships(session, _shown_rows(actor, session.connection().execute(q.order_by(Member.id))))
    return filter_roster(out, text) if text else out


def _with_townships(session: Session, rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The rows with a branch name that repeats shown with its township (orgs.shown_names)."""
    renamed = repeated_names(session)
    if not renamed:
        return rows
    return [(*row[:R_ORG], renamed[row[R_ORG_ID]], *row[R_ORG + 1:]) if row[R_ORG_ID] in renamed else row
            for row in rows]


def roster_rows_of(session: Session, actor: Actor, ids: list[int]) -> dict[int, tuple[Any, ...]]:
    """The roster rows (columns R_*) of these members, by id, as the account may see them; a
    member outside the account's scope (or gone) is left out."""
    if not ids:
        return {}
    today = date.today()
    q = select(*_roster_columns(today)).join(Organization, Member.org_id == Organization.id)
    q = _roster_where(session, actor, q, None, today).where(Member.id.in_(ids))
    return {row[R_ID]: row for row in _with_townships(session, _shown_rows(actor, session.connection().execute(q)))}


@dataclass(frozen=True)
class RosterIndex:
    """What the roster page keeps of every member it lists (in member id order), not their rows:
    the ids and the texts a search looks in, as the account sees them (ID numbers and phones
    masked where it must). The rows shown are read by id when they come into view."""

    where: RosterFilter
    ids: list[int]
    names: list[str]
    initials: list[str]
    numbers: list[str]
    phones: list[str]

    @classmethod
    def of_rows(cls, rows: list[tuple[Any, ...]], where: RosterFilter | None = None) -> RosterIndex:
        """The index of roster rows already read (roster_rows)."""
        return cls(where or RosterFilter(), [r[R_ID] for r in rows], [r[R_NAME] or "" for r in rows],
                   [r[R_INITIALS] or "" for r in rows], [r[R_ID_NUMBER] or "" for r in rows],
                   [r[R_PHONE] or "" for r in rows])


def roster_index(session: Session, actor: Actor, where: RosterFilter = RosterFilter()) -> RosterIndex:  # noqa: B008
    """The roster's members under `where` (RosterFilter), in ONE query of five short columns."""
    from .access import masks_id_numbers, shown_phone

    today = date.today()
    q = (select(Member.id, Member.name, Member.name_initials, Member.id_number, func.coalesce(Member.phone, ""))
         .join(Organization, Member.org_id == Organization.id))
    q = _roster_where(session, actor, q, where, today).order_by(Member.id)
    with many_rows():
        rows = session.connection().execute(q).all()
        if not rows:
            return RosterIndex(where, [], [], [], [], [])
        ids, names, initials, numbers, phones = (list(c) for c in zip(*rows, strict=True))
        if masks_id_numbers(actor):
            numbers = [idcard.masked(n) for n in numbers]
            phones = [shown_phone(actor, p) or "" for p in phones]
    return RosterIndex(where, ids, names, initials, numbers, phones)


def roster_column(session: Session, actor: Actor, where: RosterFilter, column: int) -> dict[int, Any]:
    """member id → the value of one roster column (R_*) as shown, for the members under `where`:
    what sorting the roster by that column needs, without reading whole rows."""
    today = date.today()
    exprs = _roster_columns(today)
    if column == R_ORG:  # the branch as the rows show it: with its township where its name repeats
        rows = roster_column(session, actor, where, R_ORG_ID)
        names = shown_names(session)
        return {mid: names[oid] for mid, oid in rows.items()}
    q = select(Member.id, exprs[column]).join(Organization, Member.org_id == Organization.id)
    q = _roster_where(session, actor, q, where, today)
    from .access import masks_id_numbers, shown_birth, shown_phone

    with many_rows():
        rows = session.connection().execute(q)
        if column in (R_ID_NUMBER, R_BIRTH, R_PHONE) and masks_id_numbers(actor):
            shown: Callable[[Any], Any] = {
                R_ID_NUMBER: idcard.masked, R_BIRTH: lambda v: shown_birth(actor, v),
                R_PHONE: lambda v: shown_phone(actor, v) or ""}[column]
            return {mid: shown(value) for mid, value in rows}
        return dict(rows.all())


def search_kind(text: str) -> tuple[str, str]:
    """(what a roster search looks in, the needle): "initials" for Latin letters (pinyin
    initials), "number" for other ASCII (ID number or phone), "name" for anything else; ("", "")
    for an empty search."""
    needle = text.strip().lower()
    if not needle:
        return "", ""
    if needle.isascii() and needle.isalpha():
        return "initials", needle
    return ("number" if needle.isascii() else "name"), needle


def search_index(index: RosterIndex, positions: list[int], text: str) -> list[int]:
    """The positions (into the index's lists) among `positions` whose member a search finds, in
    the order given: the same test as roster_matcher, over the index."""
    kind, needle = search_kind(text)
    if kind == "initials":
        initials = index.initials
        return [i for i in positions if needle in initials[i]]
    if kind == "number":
        up, numbers, phones = needle.upper(), index.numbers, index.phones
        return [i for i in positions if up in numbers[i] or needle in phones[i]]
    if kind == "name":
        names = index.names
        return [i for i in positions if needle in names[i]]
    return list(positions)


def roster_matcher(text: str) -> Callable[[tuple[Any, ...]], bool]:
    """A test for one roster row: name substring, ID number, phone or pinyin initials."""
    kind, needle = search_kind(text)
    if kind == "initials":
        return lambda row: needle in row[R_INITIALS]
    if kind == "number":
        up = needle.upper()
        return lambda row: up in row[R_ID_NUMBER] or needle in row[R_PHONE]
    if kind == "name":
        return lambda row: needle in row[R_NAME]
    return lambda row: True


def filter_roster(rows: list[tuple[Any, ...]], text: str) -> list[tuple[Any, ...]]:
    """Search as you type, in Python over rows already loaded (no query per keystroke)."""
    if not text.strip():
        return rows
    match = roster_matcher(text)
    return [r for r in rows if match(r)]


def member_history(
    session: Session, actor: Actor, member_id: int
) -> tuple[list[tuple[Any, ...]], list[Any]]:
    """(placements as (start, end, organization, note), audit entries newest first) of a member
    inside the actor's scope."""
    from ..audit import AuditEntry

    access.require_read(actor)
    _member_in_scope(session, actor, member_id)

    places = [
        (p.start_on, p.end_on, p.org.name, p.note or "") for p in placements(session, member_id)
    ]
    entries = list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == ENTITY, AuditEntry.entity_id == member_id)
            .order_by(AuditEntry.id.desc())
        )
    )
    return places, entries


def member_history_rows(
    session: Session, actor: Actor, member_id: int
) -> tuple[list[tuple[str, str, str, str]], list[tuple[str, str, str, str, str]]]:
    """member_history as a clerk reads it: placements (转入日期, 转出日期, 党组织, 说明) and the
    audit entries newest first (时间, 账号, 操作, 内容, 备注), with names and Chinese field labels."""
    from .auditlog import action_label, audit_org_names, describe_changes

    places, entries = member_history(session, actor, member_id)
    names = audit_org_names(session, entries)
    audit = [
        (e.at.strftime("%Y-%m-%d %H:%M"), e.account, action_label(e.action),
         "；".join(f"{label}：{old} → {new}" for label, old, new in describe_changes(e, actor, names)),
         e.note or "")
        for e in entries
    ]
    return [(str(a), str(b or ""), c, d) for a, b, c, d in places], audit


def changes_since(
    session: Session, member_id: int, version: int
) -> list[tuple[str, str, str, Any, Any]]:
    """What other clerks changed after `version`: (account, time, field label, old, new).

    Every service write bumps the version by one and writes one audit row, so the entries
    after the first `version` ones (in id order) are the changes made since that version.
    """
    from ..audit import AuditEntry

    entries = list(
        session.scalars(
            select(AuditEntry)
            .where(AuditEntry.entity == ENTITY, AuditEntry.entity_id == member_id)
            .order_by(AuditEntry.id)
        )
    )
    out = []
    for e in entries[version:]:
        for key, (old, new) in e.changed.items():
            label = MEMBER_LABELS.get(key, key)
            out.append((e.account, e.at.strftime("%Y-%m-%d %H:%M"), label, old, new))
    return out


def member_choices(session: Session, actor: Actor, limit: int = 5000) -> list[tuple[int, str, int]]:
    """(id, name, branch id) of current members in the actor's scope, by pinyin initials, for pickers."""
    access.require_read(actor)
    q = (select(Member.id, Member.name, Member.org_id)
         .join(Organization, Organization.id == Member.org_id).where(Member.ended_on.is_(None)))
    q = access.limit(session, actor, q, Organization.path)
    return [tuple(r) for r in session.execute(q.order_by(Member.name_initials, Member.id).limit(limit))]
