"""The shared settings (models/settings.py): list, get, set and reset, validated, for 管理员 only, audited.

Reading is open to every account (the 设置 page is read-only for the others); changing is for
管理员 only. Each change writes one audit row {key: [old, new]} (entity "setting"), labelled in
Chinese by the viewer. Renaming or removing a problem category that problems use needs a mapping
old → new, applied to all those problems with one audit row; removing a used category without
one is refused. Changing the county name renames the county committee (the root organization).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..actor import Actor
from ..audit import record
from ..errors import FieldError, NotFound, PermissionDenied, ValidationError
from ..setting_specs import (
    LIST,
    Spec,
    all_specs,
    derived_agency_name,
    normalize,
    spec_for,
    split_list,
)
from ..settings import DEFAULTS, Setting, get_setting, set_setting
from . import access

ENTITY = "setting"

#: list settings whose names records use: key → (model, column name, audit entity, what)
USED_BY: dict[str, tuple[str, str, str, str]] = {
    "problem_categories": ("models.supervision:Problem", "category", "problem", "问题"),
}


@dataclass(frozen=True)
class SettingRow:
    key: str
    label: str
    value: str
    default: str
    meaning: str
    group: str
    kind: str
    rule: str

    @property
    def is_default(self) -> bool:
        return self.value == self.default


@dataclass
class Change:
    key: str
    label: str
    old: str
    new: str
    #: (old name, new name, how many records) for each mapping applied
    mapped: list[tuple[str, str, int]] = field(default_factory=list)


def may_change(actor: Actor) -> bool:
    return access.may(actor, access.Permission.MANAGE_SETTINGS)


def require_admin(actor: Actor) -> None:
    if not may_change(actor):
        raise PermissionDenied(f"账号“{actor.name}”（{actor.role}）无权修改系统设置：只有管理员可以修改")


def _spec(key: str) -> Spec:
    try:
        return spec_for(key.strip())
    except KeyError:
        raise NotFound(f"没有设置项“{key}”；可用 dangjian settings list 查看全部设置项") from None


def list_settings(session: Session, actor: Actor) -> list[SettingRow]:
    """Every shared setting with its value, default and meaning, grouped (管理员 only, as
    `dangjian settings list`; the 设置 page shows other accounts :func:`settings_for_display`)."""
    require_admin(actor)
    return settings_for_display(session, actor)


def settings_for_display(session: Session, actor: Actor) -> list[SettingRow]:
    """The same rows for the 设置 page, which every account sees (read-only unless 管理员)."""
    stored = dict(session.execute(select(Setting.key, Setting.value)).all())
    return [SettingRow(s.key, s.label, stored.get(s.key, DEFAULTS[s.key]), DEFAULTS[s.key], s.meaning,
                       s.group, s.kind, s.range_text()) for s in all_specs()]


def get_value(session: Session, actor: Actor, key: str) -> str:
    require_admin(actor)
    return get_setting(session, _spec(key).key)


def _model(path: str) -> Any:
    import importlib

    module, name = path.split(":")
    return getattr(importlib.import_module(module), name)


def parse_mapping(items: list[str] | None) -> dict[str, str]:
    """["旧=新", ...] → {旧: 新}; a malformed item is named."""
    mapping: dict[str, str] = {}
    for item in items or []:
        old, sep, new = item.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise ValidationError([FieldError("对应关系", f"“{item}”应写成 旧类别=新类别")])
        mapping[old.strip()] = new.strip()
    return mapping


def usage_counts(session: Session, key: str) -> dict[str, int]:
    """For a list setting that records use: name → number of records using it."""
    if key not in USED_BY:
        return {}
    model_path, column, _entity, _what = USED_BY[key]
    model = _model(model_path)
    col = getattr(model, column)
    return dict(session.execute(select(col, func.count()).group_by(col)).all())


def _apply_mapping(session: Session, actor: Actor, spec: Spec, old: str, new: str,
                   mapping: dict[str, str]) -> list[tuple[str, str, int]]:
    old_names, new_names = split_list(old), split_list(new)
    if spec.key not in USED_BY:
        if mapping:
            raise ValidationError([FieldError(spec.label, "此设置项不需要对应关系（--map）")])
        return []
    model_path, column, entity, what = USED_BY[spec.key]
    used = usage_counts(session, spec.key)
    errors = []
    for src, dst in mapping.items():
        if dst not in new_names:
            errors.append(FieldError(spec.label, f"对应关系“{src}={dst}”中的“{dst}”不在新的类别中"))
        elif src == dst:
            errors.append(FieldError(spec.label, f"对应关系“{src}={dst}”前后相同"))
        elif src not in old_names and not used.get(src):
            errors.append(FieldError(spec.label, f"对应关系“{src}={dst}”中的“{src}”既不是原有类别，也没有{what}使用"))
    for name in old_names:
        if name not in new_names and used.get(name) and name not in mapping:
            errors.append(FieldError(
                spec.label, f"“{name}”已有{used[name]}个{what}使用，不能直接删除；"
                            f"请指定它们改用的类别（如 --map {name}={new_names[0]}）"))
    if errors:
        raise ValidationError(errors)
    model = _model(model_path)
    col = getattr(model, column)
    done = []
    for src, dst in mapping.items():
        ids = list(session.scalars(select(model.id).where(col == src).order_by(model.id)))
        if not ids:
            continue
        session.execute(update(model).where(col == src).values(
            {column: dst, "version": model.version + 1, "updated_at": datetime.now().replace(microsecond=0)}
        ).execution_options(synchronize_session="fetch"))
        shown = "、".join(str(i) for i in ids[:50]) + ("等" if len(ids) > 50 else "")
        record(session, actor.name, "update", entity, None, {column: [src, dst]},
               f"{spec.label}“{src}”改为“{dst}”：{len(ids)}个{what}（编号 {shown}）")
        done.append((src, dst, len(ids)))
    return done


#: pairs of day settings where the first may not exceed the second: (smaller, larger)
ORDERED: tuple[tuple[str, str], ...] = (("light_orange_days", "light_yellow_days"),)


def _check_order(session: Session) -> None:
    errors = []
    for low, high in ORDERED:
        if low in DEFAULTS and high in DEFAULTS:
            a, b = int(get_setting(session, low)), int(get_setting(session, high))
            if a > b:
                errors.append(FieldError(spec_for(low).label, f"{a}天不应大于{spec_for(high).label}{b}天"))
    if errors:
        raise ValidationError(errors)


def set_value(session: Session, actor: Actor, key: str, value: str,
              mapping: dict[str, str] | None = None, note: str | None = None, check: bool = True) -> Change:
    """Validate and store one setting (管理员 only); one audit row old → new."""
    require_admin(actor)
    spec = _spec(key)
    new = normalize(spec, value)
    old = get_setting(session, spec.key)
    change = Change(spec.key, spec.label, old, new)
    if spec.kind == LIST:
        change.mapped = _apply_mapping(session, actor, spec, old, new, mapping or {})
    elif mapping:
        raise ValidationError([FieldError(spec.label, "此设置项不需要对应关系（--map）")])
    if new == old:
        return change
    set_setting(session, spec.key, new)
    if check:
        _check_order(session)
    record(session, actor.name, "update", ENTITY, None, {spec.key: [old, new]}, note or spec.label)
    if spec.key == "county_name":
        _rename_county(session, actor, new)
    session.flush()
    return change


def set_values(session: Session, actor: Actor, values: dict[str, str],
               mappings: dict[str, dict[str, str]] | None = None) -> list[Change]:
    """Several settings at once (the 设置 page's Save): all or nothing; only the changed ones audited."""
    require_admin(actor)
    errors: list[FieldError] = []
    for key, value in values.items():
        try:
            normalize(_spec(key), value)
        except ValidationError as exc:
            errors.extend(exc.errors)
    if errors:
        raise ValidationError(errors)
    changes = []
    for key, value in values.items():
        change = set_value(session, actor, key, value, (mappings or {}).get(key), check=False)
        if change.old != change.new or change.mapped:
            changes.append(change)
    session.flush()
    _check_order(session)
    return changes


def reset_value(session: Session, actor: Actor, key: str, mapping: dict[str, str] | None = None) -> Change:
    spec = _spec(key)
    return set_value(session, actor, spec.key, DEFAULTS[spec.key], mapping, f"{spec.label}（恢复默认）")


def _rename_county(session: Session, actor: Actor, name: str) -> None:
    from ..org import Organization
    from .common import apply_changes

    root = session.scalar(select(Organization).where(Organization.parent_id.is_(None)).limit(1))
    if root is not None and root.name != name:
        apply_changes(session, actor, root, {"name": name}, "organization", note="县委名称设置")


def set_unit(session: Session, actor: Actor, county: str | None = None, agency_code: str | None = None,
             agency_name: str | None = None) -> list[Change]:
    """The 单位 settings as `init` and the first-run dialog give them. Without an agency name, a new
    county name brings the derived one (中共某某县委员会 → 中共某某县委组织部) unless the agency
    name was set to something else before."""
    values: dict[str, str] = {}
    if county and county.strip():
        values["county_name"] = county.strip()
        old_county = get_setting(session, "county_name")
        current = get_setting(session, "agency_name")
        if not (agency_name and agency_name.strip()) and current in (
                derived_agency_name(old_county), DEFAULTS["agency_name"]):
            values["agency_name"] = derived_agency_name(county)
    if agency_name and agency_name.strip():
        values["agency_name"] = agency_name.strip()
    if agency_code and agency_code.strip():
        values["agency_code"] = agency_code.strip()
    if not values or all(get_setting(session, k) == normalize(_spec(k), v) for k, v in values.items()):
        return []
    return set_values(session, actor, values)
