"""Which column is which: everyday header names matched to the import templates' fields.

A county's own table says 身份证号 where the template says 公民身份号码, 入党时间 for
加入党组织日期, 所在支部 for 所在党支部. The names below come from the national 党员基本信息
采集表 / 汇总表, the 党组织基本信息表 and the 三函, 结对帮扶 and 督查 ledgers counties keep.
Headers are compared after `normalise`: full-width and half-width alike (NFKC), no spaces,
brackets unified, a trailing colon, a 必填 mark or a star dropped. A header is matched exactly
(after normalising), never by guesswork: an unknown name stays unplaced and is named.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: template header → everyday names for it (the template's own name always matches)
SYNONYMS: dict[str, tuple[str, ...]] = {
    # members (党员基本信息采集表)
    "姓名": ("党员姓名", "名字"),
    "性别": (),
    "民族": (),
    "公民身份号码": ("身份证号", "身份证号码", "公民身份证号码", "公民身份证号", "身份证", "居民身份证号码",
                   "身份证件号码", "证件号码", "公民身份号", "身份号码"),
    "出生日期": ("出生年月日", "生日", "出生时间"),
    "学历": ("文化程度", "学历学位", "最高学历", "文化"),
    "人员类别": ("人员分类", "职业类别", "职业", "身份", "人员身份"),
    "所在党支部": ("所在支部", "支部名称", "所在党组织", "所属党支部", "所属支部", "党支部", "支部",
                 "所属党组织", "党支部名称", "所在党组织名称"),
    "加入党组织日期": ("入党时间", "入党日期", "加入党组织时间", "入党年月日"),
    "转为正式党员日期": ("转正时间", "转正日期", "转为正式党员时间", "转正年月日"),
    "工作岗位": ("岗位", "工作单位及职务", "现任职务", "职务", "工作单位及岗位", "工作单位"),
    "联系电话": ("手机", "手机号", "手机号码", "联系方式", "电话", "电话号码", "移动电话", "联系电话(手机)"),
    "家庭住址": ("住址", "家庭地址", "现居住地", "现住址", "居住地址", "家庭详细住址", "现居住地址"),
    "党籍状态": ("党籍",),
    "是否失联": ("失联", "是否失联党员", "是否失去联系"),
    "失去联系日期": ("失联时间", "失联日期", "失去联系时间"),
    "是否流动党员": ("流动党员", "是否流动"),
    "外出流向": ("流向", "外出地点", "流出地", "流动去向", "外出去向"),
    # organizations (党组织基本信息表)
    "组织名称": ("党组织名称", "党组织全称", "组织全称", "名称", "全称"),
    "简称": ("党组织简称", "组织简称"),
    "组织类别": ("党组织类别", "组织类型", "党组织类型"),
    "单位属性": ("单位类别", "所在单位属性", "单位性质"),
    "上级党组织": ("上级党组织名称", "上级组织", "隶属党组织", "上级党委"),
    "书记": ("党组织书记", "支部书记", "书记姓名"),
    "成立日期": ("成立时间", "建立日期", "组建时间", "建立时间"),
    "本届届期开始": ("届期开始", "本届开始日期", "换届时间", "本届换届时间", "换届日期", "本届届期开始日期"),
    "届期(年)": ("届期", "任期", "任期(年)", "届期年限"),
    "状态": ("组织状态", "结对状态", "整改状态"),
    # tasks (月度重点任务)
    "月份": ("月度", "所属月份"),
    "工作任务": ("任务", "重点任务", "任务名称", "工作事项"),
    "主要内容": ("工作内容", "任务内容"),
    "有关要求": ("工作要求", "要求", "具体要求"),
    "完成时限": ("时限", "完成时间", "完成期限", "截止时间"),
    "存档目录": ("存档", "资料存档", "归档目录"),
    "适用范围": ("范围", "适用单位", "落实单位"),
    # problems (督查发现问题)
    "发现日期": ("发现时间", "督查日期", "检查日期", "督查时间"),
    "党组织": ("党组织名称", "所在党组织", "被督查单位", "被督查党组织", "所属党组织", "单位名称"),
    "来源": ("问题来源", "发现方式"),
    "问题类别": ("问题类型", "问题分类"),
    "问题描述": ("存在问题", "具体问题", "问题内容", "主要问题", "问题表现", "问题"),
    "严重程度": ("程度", "问题等级"),
    "整改时限": ("整改期限", "整改截止日期", "整改截止时间"),
    "整改情况": ("整改措施", "整改结果", "整改落实情况"),
    "销号日期": ("销号时间",),
    # pairings and activities (结对帮扶台账)
    "结对类型": ("结对方式", "联建类型", "共建类型"),
    "牵头方": ("帮扶方", "帮扶单位", "牵头单位", "结对单位"),
    "被帮扶方": ("帮扶对象", "被帮扶单位", "结对对象", "受援方"),
    "开始日期": ("开始时间", "结对时间", "结对日期", "起始日期"),
    "结束日期": ("结束时间",),
    "目标": ("帮扶目标", "结对目标", "工作目标"),
    "结对名称或编号": ("结对编号", "结对名称", "结对"),
    "日期": ("活动日期", "活动时间"),
    "活动类型": ("帮扶类型", "活动形式"),
    "内容": ("活动内容", "帮扶内容"),
    "资金(元)": ("资金", "帮扶资金", "帮扶资金(元)", "金额", "金额(元)", "投入资金(元)", "投入资金"),
    "项目": ("项目名称", "帮扶项目"),
    "受益人数": ("受益人数(人)", "受益群众", "惠及人数", "受益群众(人)"),
}

#: headers that give only a year and month: field they stand for (checked, not stored as a date)
YEAR_MONTH: dict[str, str] = {"出生年月": "出生日期", "出生年月(年月)": "出生日期"}

#: columns that are never data
SKIPPED = {"序号", "序", "No", "NO", "no", "No.", "序列号", "备注", "备考", "说明"}
#: a row whose first cells say this ends the table
TOTAL_WORDS = {"合计", "总计", "总合计", "共计"}
SUBTOTAL_WORDS = {"小计"}
#: a row starting with these ends the table too (the signature lines under a form)
FOOTER_PREFIXES = ("填表人", "填报人", "制表人", "审核人", "负责人签字", "填表日期", "制表日期", "填报日期",
                   "注:", "注：", "说明:", "说明：")
IGNORE = "（忽略）"

_BRACKETS = str.maketrans({"[": "(", "]": ")", "【": "(", "】": ")", "〔": "(", "〕": ")", "{": "(", "}": ")",
                           "<": "(", ">": ")", "〈": "(", "〉": ")", "《": "(", "》": ")"})
_NOTES = re.compile(r"\((?:必填|选填|可选|可不填|非必填|年月日|年-月-日|yyyy-mm-dd|如\d.*)\)$", re.I)
_MONEY_UNITS = ("万元",)


def normalise(text: Any) -> str:
    """One spelling per header: NFKC, no spaces or line breaks, brackets as (), no marks."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFKC", str(text)).translate(_BRACKETS)
    s = re.sub(r"\s+", "", s)
    s = s.strip("*:：★☆※#")
    s = _NOTES.sub("", s)
    return s.strip("*:：")


def _index(fields: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for f in fields:
        for name in (f, *SYNONYMS.get(f, ())):
            out.setdefault(normalise(name), f)
    for name, f in YEAR_MONTH.items():
        if f in fields:
            out.setdefault(normalise(name), f)
    for f in fields:  # the template's own names always win
        out[normalise(f)] = f
    return out


_INDEX_CACHE: dict[tuple[str, ...], dict[str, str]] = {}


def field_of(header: Any, fields: list[str]) -> str | None:
    """The field a header names among `fields`, or None."""
    key = tuple(fields)
    index = _INDEX_CACHE.get(key)
    if index is None:
        index = _INDEX_CACHE[key] = _index(fields)
    n = normalise(header)
    if not n or any(u in n for u in _MONEY_UNITS):
        return None
    return index.get(n)


def is_skipped(header: Any) -> bool:
    return normalise(header) in SKIPPED


def is_year_month(header: Any) -> bool:
    return normalise(header) in {normalise(h) for h in YEAR_MONTH}


def is_total_row(row: list[Any]) -> bool:
    firsts = [normalise(c) for c in row if c is not None and str(c).strip()][:3]
    return any(f in TOTAL_WORDS for f in firsts)


def is_subtotal_row(row: list[Any]) -> bool:
    firsts = [normalise(c) for c in row if c is not None and str(c).strip()][:3]
    return any(f in SUBTOTAL_WORDS for f in firsts)


def is_footer_row(row: list[Any]) -> bool:
    cells = [c for c in row if c is not None and str(c).strip()]
    if not cells or len(cells) > 4 or not isinstance(cells[0], str):
        return False
    first = unicodedata.normalize("NFKC", cells[0]).replace(" ", "")
    return first.startswith(tuple(unicodedata.normalize("NFKC", p) for p in FOOTER_PREFIXES))
