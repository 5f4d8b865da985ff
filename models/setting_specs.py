"""What each shared setting means and which values it takes (the defaults are in models/settings.py).

Every key of ``settings.DEFAULTS`` has a :class:`Spec`: declared below, or, for a key declared
there without one, inferred from its name and default (``*_days`` → a number of days 1–90,
``*_min_*``/``*_count``/``*threshold*`` → a whole number ≥ 1, a whole-number default → a whole
number ≥ 0, anything else → text). So a setting added to DEFAULTS shows up in
``dangjian settings list`` and on the 设置 page, validated, without touching this file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import FieldError, ValidationError

TEXT, NAME, INT, DAYS, LIST = "text", "name", "int", "days", "list"

#: the page's tabs, in order
GROUPS = ("单位", "三函", "结对", "数据核查", "其他")

#: separators accepted between the names of a list ("A、B、C", "A,B", one per line)
LIST_SEPARATORS = re.compile(r"[、,，;；\n]+")


@dataclass(frozen=True)
class Spec:
    key: str
    label: str
    meaning: str
    kind: str = TEXT
    minimum: int | None = None
    maximum: int | None = None
    group: str = "其他"
    #: text that may be left empty
    optional: bool = False
    #: the English label and meaning (the 设置 dialog in English; docs/screen.md)
    label_en: str = ""
    meaning_en: str = ""

    def range_text(self) -> str:
        if self.kind in (INT, DAYS):
            if self.maximum is not None:
                return f"{self.minimum}–{self.maximum}的整数"
            return f"不小于{self.minimum}的整数"
        if self.kind == LIST:
            return "不重复的名称，用“、”分隔"
        return "可为空" if self.optional else "不能为空"


def _days(key: str, label: str, meaning: str, label_en: str, meaning_en: str, group: str = "三函") -> Spec:
    return Spec(key, label, meaning, DAYS, 1, 90, group, label_en=label_en, meaning_en=meaning_en)


# Two pairs of deadline days are told apart by name: a problem's own 整改天数 (from the day it was
# found, given when it is recorded) and the 督办函's (from the day the letter is issued, given to a
# problem the letter lists for the first time, never earlier than its own) — docs/letters.md.
DECLARED: dict[str, Spec] = {s.key: s for s in (
    Spec("county_name", "县委名称", "县委（根党组织）的名称，如 中共某某县委员会", NAME, group="单位",
         label_en="County committee name", meaning_en="Name of the county committee (the root organization)"),
    Spec("agency_name", "发文机关名称", "函件和报表抬头的机关名称，如 中共某某县委组织部", NAME, group="单位",
         label_en="Issuing agency name", meaning_en="Agency named at the head of letters and reports"),
    Spec("agency_code", "发文机关代字", "函件文号的机关代字，如 某组（某组督〔2026〕1号）", NAME, group="单位",
         label_en="Agency code", meaning_en="Agency code in letter numbers, e.g. 某组 (某组督〔2026〕1号)"),
    Spec("problem_categories", "问题类别", "督查发现问题的可选类别，用“、”分隔", LIST, group="三函",
         label_en="Problem categories", meaning_en="Categories offered for problems found, separated by “、”"),
    _days("problem_deadline_days", "问题整改天数（一般）",
          "登记一般问题时给的整改时限：发现之日起的天数（列入督办函后改按“督办函整改天数”）",
          "Problem rectification days (ordinary)",
          "Deadline given when an ordinary problem is recorded: days from the day it was found "
          "(once listed in a supervision letter, the letter's days apply)"),
    _days("problem_deadline_days_serious", "问题整改天数（严重）",
          "登记严重问题时给的整改时限：发现之日起的天数（列入督办函后改按“督办函整改天数”）",
          "Problem rectification days (serious)",
          "Deadline given when a serious problem is recorded: days from the day it was found "
          "(once listed in a supervision letter, the letter's days apply)"),
    _days("supervision_deadline_days", "督办函整改天数（一般）",
          "督办函首次列入的一般问题，整改时限为签发之日起的天数（不早于问题原有的整改时限）",
          "Supervision letter rectification days (ordinary)",
          "Days from a supervision letter's issue date given to an ordinary problem it lists for the first "
          "time (never earlier than the problem's own deadline)"),
    _days("supervision_deadline_days_serious", "督办函整改天数（严重）",
          "督办函首次列入的严重问题，整改时限为签发之日起的天数（不早于问题原有的整改时限）",
          "Supervision letter rectification days (serious)",
          "Days from a supervision letter's issue date given to a serious problem it lists for the first "
          "time (never earlier than the problem's own deadline)"),
    Spec("supervision_min_ordinary", "督办函门槛（一般问题）",
         "乡镇当月一般问题达到此数即发督办函", INT, 1, None, "三函",
         label_en="Supervision letter threshold (ordinary problems)",
         meaning_en="A township gets a supervision letter when its ordinary problems of the month reach this"),
    Spec("supervision_min_serious", "督办函门槛（严重问题）",
         "乡镇当月严重问题达到此数即发督办函", INT, 1, None, "三函",
         label_en="Supervision letter threshold (serious problems)",
         meaning_en="A township gets a supervision letter when its serious problems of the month reach this"),
    _days("letter_reply_days", "反馈天数", "函件签发后要求乡镇书面反馈的天数",
          "Days to reply", "Days after a letter is issued within which the township replies in writing"),
    Spec("letter_copies", "抄送", "函件的抄送单位（多个用“、”分隔）", TEXT, group="三函", optional=True,
         label_en="Copies to", meaning_en="Units a letter is copied to (several separated by “、”)"),
    Spec("warning_deduction", "预警扣分", "收到预警函的乡镇在年度考核中扣的分数", INT, 0, 100, "三函",
         label_en="Warning deduction",
         meaning_en="Points a township loses in the annual assessment for each warning letter"),
    Spec("warning_interview_count", "约谈次数", "一年内收到此数预警函即约谈书记", INT, 1, None, "三函",
         label_en="Warnings before an interview",
         meaning_en="After this many warning letters in a year the township secretary is interviewed"),
    _days("warning_deadline_days", "预警整改天数", "预警函签发后给出的最后整改期限（天）；逾期仍未整改的转入问责查办",
          "Days after a warning letter",
          "The final deadline a warning letter gives (days after its issue); still open after it: a case for accountability"),
    Spec("accountability_measures", "问责建议措施",
         "乡镇一年内第1、2、3次（及以后）问责查办时建议的措施，按次序用“、”分隔", LIST, group="三函",
         label_en="Proposed accountability measures",
         meaning_en="The measure proposed for a township's 1st, 2nd, 3rd (and later) case in a year, in order, separated by “、”"),
    Spec("accountability_deduction", "问责扣分", "每起问责查办在年度党建考核中扣的分数", INT, 0, 100, "三函",
         label_en="Deduction per accountability case",
         meaning_en="Points a township loses in the yearly assessment for each accountability case"),
    Spec("assessment_base", "考核基础分", "年度党建考核（三函部分）的基础分", INT, 0, 1000, "三函",
         label_en="Assessment base score", meaning_en="The base score of the yearly assessment (its three-letters part)"),
    Spec("letter_copies_reminder", "抄送（提示函）", "提示函的抄送单位；为空时用“抄送”", TEXT, group="三函",
         optional=True, label_en="Copies to (reminder letters)",
         meaning_en="Units a reminder letter is copied to; empty: the general “copies to”"),
    Spec("letter_copies_supervision", "抄送（督办函）", "督办函的抄送单位；为空时用“抄送”", TEXT, group="三函",
         optional=True, label_en="Copies to (supervision letters)",
         meaning_en="Units a supervision letter is copied to; empty: the general “copies to”"),
    Spec("letter_copies_warning", "抄送（预警函）", "预警函的抄送单位；为空时用“抄送”", TEXT, group="三函",
         optional=True, label_en="Copies to (warning letters)",
         meaning_en="Units a warning letter is copied to; empty: the general “copies to”"),
    Spec("letter_contact", "联系人", "函件末尾“联系人”一行的姓名", TEXT, group="三函", optional=True,
         label_en="Contact person", meaning_en="The name on the “contact” line at the end of every letter"),
    Spec("letter_phone", "联系电话", "函件末尾“联系电话”", TEXT, group="三函", optional=True,
         label_en="Contact phone", meaning_en="The phone number on the “contact” line at the end of every letter"),
    Spec("report_to", "通报报送（报）", "月度督查通报版记的“报”", TEXT, group="三函", optional=True,
         label_en="Monthly report: submitted to", meaning_en="The “submitted to” line of the monthly report's distribution block"),
    Spec("report_send", "通报报送（送）", "月度督查通报版记的“送”", TEXT, group="三函", optional=True,
         label_en="Monthly report: sent to", meaning_en="The “sent to” line of the monthly report's distribution block"),
    Spec("report_issue", "通报报送（发）", "月度督查通报版记的“发”", TEXT, group="三函", optional=True,
         label_en="Monthly report: issued to", meaning_en="The “issued to” line of the monthly report's distribution block"),
    _days("light_yellow_days", "黄灯天数", "整改时限前此天数内显示黄灯",
          "Yellow light days", "A yellow light shows within this many days before a deadline"),
    _days("light_orange_days", "橙灯天数", "整改时限前此天数内显示橙灯",
          "Orange light days", "An orange light shows within this many days before a deadline"),
    Spec("evaluation_self_before_grading", "先自评后定等次",
         "民主评议党员：1 = 没有个人自评的党员不评定等次（默认），0 = 不要求", INT, 0, 1, "其他",
         label_en="Self-assessment before grading",
         meaning_en="Democratic evaluation: 1 = a member without a self-assessment gets no grade (default), 0 = not required"),
    Spec("probation_months", "预备期（月）", "入党后满此月数未作转正决定即为逾期（延长预备期的以延至日期为准）",
         INT, 6, 24, "数据核查", label_en="Probation (months)",
         meaning_en="A probationary member with no decision this many months after joining is overdue (an extension counts to its new end)"),
    Spec("lost_contact_months", "失联处理期限（月）", "失去联系满此月数，党支部应作出处理决定", INT, 1, 24, "数据核查",
         label_en="Lost contact: months to decide",
         meaning_en="After this many months without contact the branch decides"),
    Spec("secretary_vacant_months", "书记空缺（月）", "书记职位空缺超过此月数即提出核查问题", INT, 1, 24, "数据核查",
         label_en="Secretary vacant (months)", meaning_en="A secretary post vacant longer than this is proposed as a finding"),
    Spec("branch_min_full_members", "支部最少正式党员", "党支部正式党员少于此数即提出核查问题", INT, 1, 50, "数据核查",
         label_en="Fewest full members of a branch",
         meaning_en="A branch with fewer full members than this is proposed as a finding"),
    Spec("branch_committee_members", "设支委会的正式党员数", "正式党员达到此数的党支部应设支部委员会",
         INT, 2, 100, "数据核查", label_en="Full members calling for a branch committee",
         meaning_en="A branch with this many full members needs a branch committee"),
    Spec("joint_branch_max_units", "联合党支部单位数上限", "联合党支部覆盖的单位超过此数即提示", INT, 1, 50, "数据核查",
         label_en="Units of a joint branch", meaning_en="A joint branch covering more units than this is reported"),
    Spec("pairing_silent_days", "结对无活动（天）", "进行中的结对此天数内没有活动即提出核查问题", INT, 7, 730, "数据核查",
         label_en="Silent pairing (days)", meaning_en="An active pairing without an activity for this many days is proposed as a finding"),
    Spec("rectification_plan_months", "整顿计划期限（月）", "软弱涣散整顿开始后此月数仍未转化即为超期", INT, 1, 36, "数据核查",
         label_en="Rectification plan (months)", meaning_en="A rectification of a weak organization still open this many months after it began is past its plan"),
    Spec("evaluation_finish_days", "评定完成期限（天）", "评价周期结束后此天数内应确定（锁定）结果", INT, 1, 365, "数据核查",
         label_en="Days to finish an evaluation", meaning_en="An evaluation should be locked within this many days after its period"),
    Spec("rating_veto", "一票否决", "1：有未转化的软弱涣散整顿或未整改的督办/预警问题的党支部，星级不超过上限；0：不限",
         INT, 0, 1, "数据核查", label_en="Rating veto",
         meaning_en="1: a branch under an open rectification or an unrectified supervised problem is rated no higher than the cap; 0: no cap"),
    Spec("rating_veto_cap", "一票否决星级上限", "一票否决时党支部星级的上限，如 ★★★", NAME, group="数据核查",
         label_en="Rating veto cap", meaning_en="The highest star rating of a vetoed branch, e.g. ★★★"),
    Spec("pairing_max_per_org", "结对上限", "一个党组织同时参加的结对超过此数即提示", INT, 1, None, "结对",
         label_en="Pairings per organization",
         meaning_en="An organization in more active pairings than this is reported by the checks"),
)}


def _infer(key: str, default: str) -> Spec:
    """A setting declared in DEFAULTS only: its key is its label, in both languages (declare it in
    DECLARED to give it names)."""
    label = key
    if key.endswith("_days") or "_days_" in key:
        return Spec(key, label, "天数", DAYS, 1, 90, "三函" if key.startswith(("letter", "problem", "supervision"))
                    else "其他", label_en=label, meaning_en="days")
    if re.fullmatch(r"-?\d+", default.strip() or "x"):
        at_least_one = "_min_" in key or key.endswith(("_count", "_min")) or "threshold" in key
        group = "三函" if key.startswith(("letter", "problem", "supervision", "warning")) else "其他"
        return Spec(key, label, "整数", INT, 1 if at_least_one else 0, None, group, label_en=label,
                    meaning_en="whole number")
    if key.endswith("_categories") or "、" in default:
        return Spec(key, label, "名称列表", LIST, label_en=label, meaning_en="list of names")
    return Spec(key, label, "文字", TEXT, optional=default == "", label_en=label, meaning_en="text")


def spec_for(key: str) -> Spec:
    """The setting's spec; KeyError names an unknown setting."""
    from .settings import DEFAULTS

    if key not in DEFAULTS:
        raise KeyError(key)
    return DECLARED.get(key) or _infer(key, DEFAULTS[key])


def all_specs() -> list[Spec]:
    """Every declared setting, grouped in the order of GROUPS, then as declared."""
    from .settings import DEFAULTS

    specs = [spec_for(k) for k in DEFAULTS]
    return sorted(specs, key=lambda s: GROUPS.index(s.group) if s.group in GROUPS else len(GROUPS))


def label_of(key: str) -> str:
    try:
        return spec_for(key).label
    except KeyError:
        return key


def split_list(value: str) -> list[str]:
    return [p.strip() for p in LIST_SEPARATORS.split(value) if p.strip()]


def normalize(spec: Spec, value: str) -> str:
    """The value as stored ("15", "A、B、C"), or ValidationError naming the setting and the rule."""
    text = str(value).strip()
    where = f"{spec.label}（{spec.key}）"
    if spec.kind in (INT, DAYS):
        if not re.fullmatch(r"[+-]?\d+", text):
            raise ValidationError([FieldError(where, f"“{text}”不是整数，应为{spec.range_text()}")])
        number = int(text)
        if (spec.minimum is not None and number < spec.minimum) or (
                spec.maximum is not None and number > spec.maximum):
            raise ValidationError([FieldError(where, f"{number}超出范围，应为{spec.range_text()}")])
        return str(number)
    if spec.kind == LIST:
        parts = [p.strip() for p in re.split(r"[、,，;；\n]", text)]
        if not text or any(not p for p in parts):
            raise ValidationError([FieldError(where, "类别名称不能为空（至少一个，用“、”分隔）")])
        seen: set[str] = set()
        dupes = [p for p in parts if p in seen or seen.add(p)]  # type: ignore[func-returns-value]
        if dupes:
            raise ValidationError([FieldError(where, f"“{dupes[0]}”重复")])
        too_long = [p for p in parts if len(p) > 30]
        if too_long:
            raise ValidationError([FieldError(where, f"“{too_long[0]}”超过30个字")])
        return "、".join(parts)
    if not text and not spec.optional:
        raise ValidationError([FieldError(where, "不能为空")])
    if spec.kind == NAME and len(text) > 100:
        raise ValidationError([FieldError(where, "超过100个字")])
    return text


def derived_agency_name(county_name: str) -> str:
    """中共某某县委员会 → 中共某某县委组织部 (the organization department of the county committee)."""
    name = county_name.strip()
    if name.endswith("委员会"):
        return name[: -len("委员会")] + "委组织部"
    return name + "组织部"
