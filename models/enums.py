"""Enumerations, stored as their Chinese labels."""

from __future__ import annotations

from enum import StrEnum


class OrgKind(StrEnum):
    COMMITTEE = "党委"
    WORK_COMMITTEE = "党工委"
    GENERAL_BRANCH = "党总支"
    BRANCH = "党支部"
    JOINT_BRANCH = "联合党支部"
    TEMPORARY_BRANCH = "临时党支部"
    GROUP = "党小组"


#: kinds whose organizations hold members directly
MEMBER_HOLDING_KINDS = frozenset(
    {OrgKind.BRANCH, OrgKind.JOINT_BRANCH, OrgKind.TEMPORARY_BRANCH, OrgKind.GENERAL_BRANCH}
)
BRANCH_KINDS = frozenset({OrgKind.BRANCH, OrgKind.JOINT_BRANCH, OrgKind.TEMPORARY_BRANCH})


class LeaderPost(StrEnum):
    SECRETARY = "书记"
    DEPUTY = "副书记"
    COMMITTEE = "委员"


class Sector(StrEnum):
    RURAL = "农村"
    COMMUNITY = "社区"
    AGENCY = "党政机关"
    INSTITUTION = "事业单位"
    SCHOOL = "学校"
    STATE_ENTERPRISE = "国有企业"
    PRIVATE_ENTERPRISE = "非公有制企业"
    SOCIAL_ORG = "社会组织"
    OTHER = "其他"


class OrgStatus(StrEnum):
    ACTIVE = "正常"
    DISSOLVED = "已撤销"


class Gender(StrEnum):
    MALE = "男"
    FEMALE = "女"


class Education(StrEnum):
    POSTGRADUATE = "研究生"
    BACHELOR = "大学本科"
    COLLEGE = "大学专科"
    SECONDARY_VOCATIONAL = "中专"
    HIGH_SCHOOL = "高中"
    JUNIOR_OR_BELOW = "初中及以下"


class MemberCategory(StrEnum):
    WORKER = "工人"
    FARMER = "农牧渔民"
    PROFESSIONAL = "专业技术人员"
    MANAGER = "企事业单位管理人员"
    OFFICIAL = "党政机关工作人员"
    STUDENT = "学生"
    RETIRED = "离退休人员"
    OTHER = "其他"


class PartyStatus(StrEnum):
    NORMAL = "正常"
    SUSPENDED = "停止党籍"


class EndReason(StrEnum):
    DEATH = "死亡"
    EXPELLED = "出党"
    REMOVED = "除名"
    PERSUADED_TO_LEAVE = "劝退"
    WITHDRAWN = "退党"
    SUSPENDED = "停止党籍"
    #: 组织关系转出 out of the county (docs/member-lifecycle.md)
    TRANSFERRED_OUT = "转出"
    #: 取消预备党员资格: the branch's decision at the end of the 预备期
    PROBATION_CANCELLED = "取消预备党员资格"


ETHNIC_GROUPS = (
    "汉族 蒙古族 回族 藏族 维吾尔族 苗族 彝族 壮族 布依族 朝鲜族 满族 侗族 瑶族 白族 土家族 "
    "哈尼族 哈萨克族 傣族 黎族 傈僳族 佤族 畲族 高山族 拉祜族 水族 东乡族 纳西族 景颇族 "
    "柯尔克孜族 土族 达斡尔族 仫佬族 羌族 布朗族 撒拉族 毛南族 仡佬族 锡伯族 阿昌族 普米族 "
    "塔吉克族 怒族 乌孜别克族 俄罗斯族 鄂温克族 德昂族 保安族 裕固族 京族 塔塔尔族 独龙族 "
    "鄂伦春族 赫哲族 门巴族 珞巴族 基诺族 其他"
).split()
