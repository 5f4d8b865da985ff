"""Enumeration labels as the interface shows them (issue 29): the domain stores its enumerations
as their Chinese labels (models/enums.py and the StrEnums beside the models); wherever such a label
is chrome — a table cell, a drop-down item, a summary line — it is shown through `enum_text()`, which
answers the label in the interface language (context "enums" of resources/i18n/dangjian_en.ts).

tools/update-translations.sh lists every label for lupdate from `all_labels()`, so a value added to
an enumeration tomorrow is offered for translation without a line added here."""

from __future__ import annotations

import enum
import importlib
import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

#: the modules holding the domain's enumerations
#: (models.roles is left out: its labels are also the names of the default accounts, which are data)
ENUM_MODULES = ("models.enums", "models.evaluation", "models.member", "models.pairing", "models.rectification",
                "models.finding", "models.task_receipt", "models.supervision")

#: labels the services compute (not enumerations) and the interface shows as chrome
EXTRA = ("正式党员", "预备党员", "已生效", "待审核", "是", "否", "合计", "未记录", "已完成", "未完成",
         "均已同意", "全部", "选举", "任命", "选派", "补选", "软弱涣散", "示范点", "需关注",
         # the deadline lights (models/services/supervision)
         "黄", "橙", "红")


def _audit_labels() -> tuple[str, ...]:
    from models.services import auditlog

    return tuple(auditlog.ENTITY_LABELS.values()) + tuple(auditlog.ACTION_LABELS.values())


def _scheme_levels() -> tuple[str, ...]:
    """The levels of the built-in evaluation schemes (resources/schemes); a county's own scheme
    keeps its own words."""
    import json
    from importlib import resources

    out: list[str] = []
    folder = resources.files("resources") / "schemes"
    for path in sorted((p for p in folder.iterdir() if p.name.endswith(".json")), key=lambda p: p.name):
        out += [b["level"] for b in json.loads(path.read_text(encoding="utf-8")).get("bands", [])
                if not set(b["level"]) <= {"★"}]
    return tuple(out)


@cache
def all_labels() -> tuple[str, ...]:
    """Every label `enum_text()` translates, in a stable order."""
    out: dict[str, None] = {}
    for name in ENUM_MODULES:
        module = importlib.import_module(name)
        for obj in vars(module).values():
            if isinstance(obj, type) and issubclass(obj, enum.StrEnum) and obj.__module__ == name:
                out.update((m.value, None) for m in obj)
    out.update((text, None) for text in EXTRA)
    out.update((text, None) for text in _audit_labels())
    out.update((text, None) for text in _scheme_levels())
    return tuple(out)


def enum_text(value: Any) -> str:
    """The text shown for an enumeration value (or its stored label); any other value as it is
    (None as empty): data such as names is never translated. Context "enums" holds the labels
    of `all_labels()` alone (tools/update-translations.sh), so the translator itself tells a label
    from data: nothing has to import every model that declares an enumeration to ask (the first
    page is painted without them, docs/startup.md)."""
    if value is None:
        return ""
    return QCoreApplication.translate("enums", value.value if isinstance(value, enum.Enum) else str(value))


def labels(values: Iterable[Any], sep: str = "、") -> str:
    return sep.join(enum_text(v) for v in values)


def items(enum_type: type[enum.Enum]) -> list[tuple[str, Any]]:
    """(shown text, value) of every member, for a drop-down."""
    return [(enum_text(m), m) for m in enum_type]


#: sentences the services compose around record values (models/ never imports Qt): each template,
#: with its values as {names}, is matched whole and shown through its translation (context
#: "phrases"); the values (names, dates, numbers) are kept as they are. A text matching no template
#: is shown as it is.
PHRASES = [
    QT_TRANSLATE_NOOP("phrases", "{n}天后到期"),
    QT_TRANSLATE_NOOP("phrases", "已逾期{n}天"),
    QT_TRANSLATE_NOOP("phrases", "{n}天后届满"),
    QT_TRANSLATE_NOOP("phrases", "已超期{n}天，应换届"),
    QT_TRANSLATE_NOOP("phrases", "{day}起整顿"),
    QT_TRANSLATE_NOOP("phrases", "{day}起整顿，验收：继续整顿"),
    QT_TRANSLATE_NOOP("phrases", "届期将于{day}届满"),
    QT_TRANSLATE_NOOP("phrases", "{n}条：{day} {note}"),
    QT_TRANSLATE_NOOP("phrases", "账号“{name}”只能处理本乡镇的数据，三函由县委组织部办理"),
    QT_TRANSLATE_NOOP("phrases", "数据核查由县委组织部办理"),
    # the structure notes of the organization tree (models/rules.py)
    QT_TRANSLATE_NOOP("phrases", "正式党员{n}名，少于{m}名"),
    QT_TRANSLATE_NOOP("phrases", "党员{n}名，超过{m}名，宜成立党委"),
    QT_TRANSLATE_NOOP("phrases", "党员{n}名，超过{m}名，宜成立党总支"),
    QT_TRANSLATE_NOOP("phrases", "届期已于{day}届满，应换届"),
    QT_TRANSLATE_NOOP("phrases", "联合党支部覆盖{n}个单位，超过{m}个，宜分设党支部"),
    QT_TRANSLATE_NOOP("phrases", "书记职位自{day}空缺，已超过{m}个月"),
    QT_TRANSLATE_NOOP("phrases", "正式党员{n}名，应设立支部委员会（委员3至5人），班子名册在任{m}人"),
    # a pairing's parties (models/services/pairing): a member or a household by name
    QT_TRANSLATE_NOOP("phrases", "党员:{name}"),
    QT_TRANSLATE_NOOP("phrases", "户主:{name}"),
    # the reasons of the input checks shown under a field (models/rules.py, models/values.py …)
    QT_TRANSLATE_NOOP("phrases", "必填"),
    QT_TRANSLATE_NOOP("phrases", "不能晚于今天"),
    QT_TRANSLATE_NOOP("phrases", "早于加入党组织日期"),
    QT_TRANSLATE_NOOP("phrases", "应晚于加入党组织日期"),
    QT_TRANSLATE_NOOP("phrases", "应在入党后1至2年之间"),
    QT_TRANSLATE_NOOP("phrases", "早于发现日期"),
    QT_TRANSLATE_NOOP("phrases", "不能早于开始日期"),
    QT_TRANSLATE_NOOP("phrases", "不能为负数"),
    QT_TRANSLATE_NOOP("phrases", "不能为空"),
    QT_TRANSLATE_NOOP("phrases", "“{value}”不是数字"),
    QT_TRANSLATE_NOOP("phrases", "与现有党员重复"),
    QT_TRANSLATE_NOOP("phrases", "至少要有一个"),
    QT_TRANSLATE_NOOP("phrases", "金额过大"),
    QT_TRANSLATE_NOOP("phrases", "超过{n}个字"),
    QT_TRANSLATE_NOOP("phrases", "销号时必须填写整改情况"),
    QT_TRANSLATE_NOOP("phrases", "销号时必须填写验收人"),
    QT_TRANSLATE_NOOP("phrases", "销号时必须填写销号日期"),
    QT_TRANSLATE_NOOP("phrases", "提交验收时必须填写整改情况"),
    QT_TRANSLATE_NOOP("phrases", "最终等次与计算等次不同时必填"),
    QT_TRANSLATE_NOOP("phrases", "请用“组织关系转接”更换党支部"),
    QT_TRANSLATE_NOOP("phrases", "“{name}”不是乡镇（街道）党委"),
    # values typed that do not parse, records not found (models/values.py, models/services)
    QT_TRANSLATE_NOOP("phrases", "“{value}”不是日期"),
    QT_TRANSLATE_NOOP("phrases", "“{value}”不是有效日期"),
    QT_TRANSLATE_NOOP("phrases", "“{value}”不是日期（应如2026-03-05、2026/3/5、2026.3.5或2026年3月5日）"),
    QT_TRANSLATE_NOOP("phrases", "“{value}”不是年月（应如2026-03或2026年3月）"),
    QT_TRANSLATE_NOOP("phrases", "“{value}”不是整数"),
    QT_TRANSLATE_NOOP("phrases", "“{value}”不是金额"),
    QT_TRANSLATE_NOOP("phrases", "“{value}”应填“是”或“否”"),
    QT_TRANSLATE_NOOP("phrases", "找不到党组织“{name}”"),
    QT_TRANSLATE_NOOP("phrases", "简称“{name}”对应多个党组织，请写全称"),
    QT_TRANSLATE_NOOP("phrases", "该党组织已撤销"),
    QT_TRANSLATE_NOOP("phrases", "账号“{name}”已停用"),
    QT_TRANSLATE_NOOP("phrases", "“{name}”的党籍已于{day}终止"),
    QT_TRANSLATE_NOOP("phrases", "{kind}不直接管理党员，请选择党支部或党总支"),
]


def _all_phrases(messages: bool) -> list[str]:
    from .service_phrases import SERVICE_PHRASES

    return PHRASES + [t for t in SERVICE_PHRASES if t not in PHRASES] if messages else PHRASES


@cache
def _phrase_patterns(messages: bool = True) -> tuple[tuple[str, re.Pattern[str], str], ...]:
    """(the template's longest fixed part, its pattern, the template) of every template (the
    services' messages too when `messages`), the more fixed text first: “账号“{name}”已停用” is
    tried before “{what}已停用”."""
    out = []
    for template in _all_phrases(messages):
        parts = [part for part in re.split(r"(\{\w+\})", template) if part]
        pattern = "".join(f"(?P<{part[1:-1]}>.+?)" if part.startswith("{") else re.escape(part) for part in parts)
        fixed = [part for part in parts if not part.startswith("{")]
        out.append((max(fixed, key=len, default=""), re.compile(f"^{pattern}$", re.S), template, sum(map(len, fixed))))
    out.sort(key=lambda entry: -entry[3])
    return tuple((fixed, pattern, template) for fixed, pattern, template, _ in out)


def _value(name: str, value: str, messages: bool) -> str:
    """A value inside a sentence: as it is — an enumeration label, or a sentence itself (an import
    row's reason, the state a conflict names), in the interface's language; a {column} is a header
    of the import."""
    if name == "column":
        return QCoreApplication.translate("headers", value)
    label = enum_text(value)
    if label != value or value.isascii():
        return label
    return phrase(value, messages=messages)


def _translated(template: str, values: dict[str, str], messages: bool) -> str:
    """A template's English with its values as they are (see _value)."""
    return QCoreApplication.translate("phrases", template).format(
        **{k: _value(k, v, messages) for k, v in values.items()})


def phrase(text: str, *, messages: bool = True) -> str:
    """A service's sentence in the interface's language (PHRASES), or the text as it is; several
    sentences joined by “；” each, and a “field：reason” (models.errors.FieldError) as the field's
    header and the reason, when the reason is known. A template whose value would swallow a “；”
    or a “：” (several sentences, or a field's header) is taken only when the parts are not known.

    `messages`: the services' messages (forms/service_phrases.py) too — a message shown to the
    clerk; a table cell (shown()) is matched against PHRASES only, so a record's own words that
    happen to read like a message stay as they are."""
    if "\n" in text:  # an import's summary and its notes, a message and the rows it names: each line
        return "\n".join(phrase(line, messages=messages) for line in text.split("\n"))
    if "、" in text and ":" in text:  # a list of a pairing's parties (“户主:…、户主:…”)
        return QCoreApplication.translate("phrases", "、").join(phrase(part, messages=messages) for part in text.split("、"))
    fallback: tuple[str, dict[str, str]] | None = None
    for fixed, pattern, template in _phrase_patterns(messages):
        if fixed not in text:
            continue
        m = pattern.match(text)
        if m:
            values = m.groupdict()
            if any("；" in v or "：" in v for v in values.values()):
                fallback = fallback or (template, values)
                continue
            return _translated(template, values, messages)
    if "；" in text:
        joined = QCoreApplication.translate("phrases", "；").join(phrase(part, messages=messages) for part in text.split("；"))
        if joined != text or fallback is None:
            return joined
    field, sep, reason = text.partition("：")
    if sep and field and (said := phrase(reason, messages=messages)) != reason:
        # the field as the checks name it (context "fields", listed by tools/update-translations.sh)
        return QCoreApplication.translate("fields", field) + QCoreApplication.translate("phrases", "：") + said
    return _translated(*fallback, messages) if fallback else text


def shown(value: Any) -> str:
    """A cell's text: an enumeration label or a sentence of PHRASES in the interface's language."""
    text = enum_text(value)
    return phrase(text, messages=False) if text and not text.isascii() else text
