"""A realistic demo county, deterministic for a seed (`dangjian demo`).

The base data (organizations and members) is written with bulk inserts that also write the
placement and audit rows; the reorganizations that make the data lived-in go through the
services, the transfers and ends of membership are written in bulk with the rows and audit rows
their services write (services/bulk.py). Later features add their own demo data through
`DEMO_PARTS`.
"""

from __future__ import annotations

import importlib
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, func, select, update
from sqlalchemy.orm import Session

from .. import idcard
from ..actor import Actor
from ..audit import AuditEntry, CreationChanges, audit_row, plain
from ..enums import (
    MEMBER_HOLDING_KINDS,
    Education,
    EndReason,
    Gender,
    MemberCategory,
    OrgKind,
    OrgStatus,
    PartyStatus,
    Sector,
)
from ..errors import DomainError
from ..member import Member, Placement
from ..org import Organization
from ..rules import add_years
from ..services import access
from ..services.bulk import Bulk
from ..services.common import insert_rows, many_rows
from ..services.members import initials, insert_members
from ..services.orgs import county_root, create_org, dissolve_org, move_org
from ..settings import get_setting

#: later features' demo data: "module:function", each called after the base data as
#: fn(session, actor, rng, scale, today)
DEMO_PARTS: list[str] = [
    "models.demo.evaluation:add_demo",
    "models.demo.pairing:add_demo",
    "models.demo.supervision:add_demo",
    "models.demo.task_receipts:add_demo",
]

DEMO_NOTE = "演示数据"

#: the stages `build_demo` tells its `progress` about: (Chinese, English), in order
STAGES: list[tuple[str, str]] = [
    ("规划党组织和党员", "planning organizations and members"),
    ("写入党组织", "writing organizations"),
    ("写入党员", "writing members"),
    ("组织调整", "reorganizations"),
    ("党员发展和变动", "members' life events"),
    ("星级评定与双评", "evaluations"),
    ("结对帮扶", "pairings"),
    ("三函督办", "letters and problems"),
    ("任务回执", "task receipts"),
    ("统计", "counting"),
]


@dataclass(frozen=True)
class Scale:
    name: str
    towns: int
    #: 县直机关工委, 县教育工委, 非公党工委 (in this order), as many as given
    sector_committees: int
    villages: tuple[int, int]
    communities: tuple[int, int]
    town_units: tuple[int, int]
    town_enterprises: tuple[int, int]
    agencies: int
    schools_per_town: int
    nonpublic: int
    members: int
    groups: int
    ended: int
    transfers: int


SCALES: dict[str, Scale] = {
    "small": Scale("small", towns=2, sector_committees=1, villages=(5, 6), communities=(1, 1),
                   town_units=(2, 2), town_enterprises=(1, 1), agencies=5, schools_per_town=0,
                   nonpublic=0, members=406, groups=2, ended=6, transfers=5),
    "county": Scale("county", towns=12, sector_committees=3, villages=(19, 27),
                    communities=(2, 4), town_units=(3, 5), town_enterprises=(1, 3), agencies=50,
                    schools_per_town=2, nonpublic=70, members=20160, groups=40, ended=160,
                    transfers=150),
}


@dataclass
class DemoSummary:
    scale: str
    seed: int
    townships: int = 0
    organizations: int = 0
    dissolved: int = 0
    members: int = 0
    probationary: int = 0
    ended: int = 0
    transferred: int = 0
    lost_contact: int = 0
    floating: int = 0

    def line(self) -> str:
        return (
            f"演示县（{self.scale}，种子{self.seed}）：乡镇级党组织{self.townships}个，"
            f"党组织{self.organizations}个（已撤销{self.dissolved}个），"
            f"党员{self.members}名（预备党员{self.probationary}名、失联{self.lost_contact}名、"
            f"流动{self.floating}名），党籍终止{self.ended}名，组织关系转接{self.transferred}人次"
        )


# ---------------------------------------------------------------- word lists

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝"
    "龚邵万钱严武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左"
)
SURNAME_WEIGHTS = [1.0 / (i + 6) for i in range(len(SURNAMES))]
MALE_CHARS = (
    "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宁林峰建国文志海亮成东龙俊德生福贵荣新春永宏忠山兵"
    "洪庆宝金学万有才发旺喜祥瑞占元光胜利红卫兴家振兴世军浩宇博轩睿晨阳泽豪天嘉"
)
FEMALE_CHARS = (
    "芳娜敏静丽艳娟霞燕玲桂英兰红梅琴萍秀珍慧婷雪莉琳洁倩颖丹晶蓉凤翠云月华佳欣悦璐瑶玉春娥芬"
    "花菊香叶彩霞美娇淑惠爱莲雯涵怡思梦晓"
)
TOWNS = (
    "城关镇 红旗镇 新华镇 东关镇 西河乡 南山乡 北川镇 柳园镇 石桥乡 河口镇 三道沟镇 双塔乡 黄渠乡 "
    "腰站子乡 七墩乡 广至乡 梁湖乡 沙河镇 清泉乡 白杨镇 金山乡 马营镇 高台镇 龙王庙乡 平川镇"
).split()
VILLAGE_WORDS = (
    "红旗 新民 和平 团结 胜利 光明 幸福 前进 东风 向阳 五星 联合 丰收 建设 永丰 长胜 太平 柳树 "
    "杨庄 李家 王家 张家 刘家 高庄 马坊 石门 水磨 双泉 清水 沙河 南湾 北滩 东沟 西坡 金鸡 黄土 "
    "白杨 红柳 三合 四合 六工 八一 九墩 十里 桥湾 新丰 民主 先锋 大庄 小河 榆树 古城 上坝 下坝 "
    "中渠 兴隆 永红 新建 东升 西湖 南岔 北沟 双墩 三工 四工 五工 青山 绿洲 宏丰 瓦窑 堡子 营盘"
).split()
COMMUNITY_WORDS = (
    "幸福 阳光 和谐 滨河 春城 文化 东苑 西苑 锦绣 花园 建设路 解放路 人民路 新城 育才 朝阳 "
    "友谊 丝路 河畔 金城 康乐 南关 北关 鼓楼"
).split()
TOWN_UNITS = (
    ("机关", Sector.AGENCY, 14),
    ("卫生院", Sector.INSTITUTION, 8),
    ("农业农村综合服务中心", Sector.INSTITUTION, 6),
    ("便民服务中心", Sector.INSTITUTION, 5),
    ("司法所", Sector.AGENCY, 4),
    ("中心小学", Sector.SCHOOL, 8),
)
ENTERPRISE_WORDS = (
    "金穗 鑫源 绿洲 祥和 丰泰 宏达 瑞丰 华通 兴业 恒信 天润 富民 德康 安泰 嘉禾 昌盛 万通 "
    "博远 瀚海 长城 东方 西部 丝路 玉门 敦煌 阳关 胡杨 雪峰 祁连 天祥"
).split()
INDUSTRIES = (
    "农业科技 建材 果业 物流 种业 矿业 新能源 食品 商贸 建筑工程 农牧 棉业 风电 光伏 酒店 "
    "运输 水泥 化工 农产品 电子商务"
).split()
AGENCIES = (
    "县委办公室 县人民政府办公室 县纪委监委机关 县委组织部 县委宣传部 县委统战部 县委政法委员会 "
    "县发展和改革局 县财政局 县人力资源和社会保障局 县自然资源局 县住房和城乡建设局 "
    "县交通运输局 县水务局 县农业农村局 县商务局 县文化和旅游局 县卫生健康局 县应急管理局 "
    "县审计局 县市场监督管理局 县统计局 县医疗保障局 县林业和草原局 县乡村振兴局 县信访局 "
    "县人民法院 县人民检察院 县总工会 团县委 县妇女联合会 县科学技术协会 县残疾人联合会 "
    "县民政局 县司法局 县生态环境局 县退役军人事务局 县档案馆 县融媒体中心 县图书馆 "
    "县疾病预防控制中心 县妇幼保健院 县中医医院 县供销合作社 县气象局 县城市管理局 县工业和信息化局 "
    "县数据局 县国有资产服务中心 县机关事务服务中心"
).split()
#: big units: a committee or general branch with branches below
BIG_AGENCIES = {
    "县公安局": (OrgKind.COMMITTEE, Sector.AGENCY,
             ["机关第一", "机关第二", "交通警察大队", "刑事侦查大队", "治安管理大队", "城关派出所"]),
    "县人民医院": (OrgKind.GENERAL_BRANCH, Sector.INSTITUTION,
              ["内科", "外科", "护理部", "医技科室", "行政后勤"]),
}
SCHOOLS = (
    "县第一中学 县第二中学 县第三中学 县职业中等专业学校 县实验小学 县第一小学 县第二小学 "
    "县第三小学 县第四小学 县第五小学 县第一幼儿园 县第二幼儿园 县特殊教育学校 县教育研究室"
).split()
SOCIAL_ORGS = (
    "个体劳动者协会 律师协会 社会工作者协会 物流行业协会 餐饮行业协会 志愿者协会 农民专业合作社联合会"
).split()
NATIONS = (("汉族", 930), ("回族", 30), ("藏族", 10), ("蒙古族", 8), ("满族", 5), ("土族", 4),
           ("东乡族", 4), ("裕固族", 3), ("哈萨克族", 3), ("撒拉族", 2), ("维吾尔族", 1))
HOME_REGION = "620922"
OTHER_REGIONS = ("620921", "620923", "620902", "620982", "621102", "620102", "410523",
                 "510724", "130426", "612724", "370829", "642221")
FLOAT_TO = ("新疆乌鲁木齐市", "甘肃省兰州市城关区", "甘肃省酒泉市肃州区", "广东省深圳市宝安区",
            "浙江省宁波市北仑区", "江苏省苏州市昆山市", "新疆哈密市伊州区", "内蒙古额济纳旗",
            "陕西省西安市雁塔区", "四川省成都市武侯区")
WEAK_REASONS = ("党组织书记长期缺职", "组织生活不经常、不规范", "连续两年以上未发展党员",
                "年度考核排名末位", "群众满意度低于60%", "班子不团结、软弱无力")
MOBILE_PREFIXES = ("130 131 132 133 135 136 137 138 139 150 151 152 153 155 156 157 158 159 "
                   "176 177 180 181 182 183 185 186 187 188 189 191 199").split()
STREETS = ("建设路", "解放路", "人民路", "渊泉路", "新华路", "文化街", "西大街", "东环路")


# ---------------------------------------------------------------- the plan in memory


@dataclass
class OrgSpec:
    name: str
    short_name: str
    kind: OrgKind
    sector: Sector
    parent: OrgSpec | None
    #: weight of its share of members (0: holds none)
    weight: float = 0.0
    #: where its members live, for their addresses
    place: str = ""
    founded_on: date | None = None
    term_start: date | None = None
    term_years: int | None = None
    secretary: str | None = None
    phone: str | None = None
    weak_year: int | None = None
    weak_reason: str | None = None
    model_level: str | None = None
    model_year: int | None = None
    dissolve: bool = False
    id: int = 0
    path: str = ""
    members: list[dict[str, Any]] = field(default_factory=list)

    def row(self) -> dict[str, Any]:
        return {
            "name": self.name, "short_name": self.short_name, "kind": self.kind,
            "sector": self.sector, "secretary": self.secretary, "phone": self.phone,
            "founded_on": self.founded_on, "term_start": self.term_start,
            "term_years": self.term_years, "status": OrgStatus.ACTIVE,
            "weak_year": self.weak_year, "weak_reason": self.weak_reason,
            "model_level": self.model_level, "model_year": self.model_year,
        }


class Builder:
    def __init__(self, rng: random.Random, scale: Scale, today: date, county: str) -> None:
        self.rng = rng
        self.scale = scale
        self.today = today
        self.county = county  # 某某县
        self.orgs: list[OrgSpec] = []
        self.shorts: set[str] = set()
        self.names: set[str] = set()
        self.ids: set[str] = set()
        self.phones: set[str] = set()
        self.initials: dict[str, str] = {}

    # ------------------------------------------------ small helpers

    def days_ago(self, lo: int, hi: int) -> date:
        return self.today - timedelta(days=self.rng.randint(lo, hi))

    def short(self, wanted: str, prefix: str) -> str:
        name = wanted if wanted not in self.shorts else prefix + wanted
        n = 2
        while name in self.shorts:
            name = f"{prefix}{wanted}{n}"
            n += 1
        self.shorts.add(name)
        return name

    def add(self, name: str, short: str, kind: OrgKind, sector: Sector, parent: OrgSpec | None,
            weight: float = 0.0, place: str = "", prefix: str = "") -> OrgSpec:
        base, n = name, 2
        while name in self.names:  # never two organizations with one full name
            name = base.replace("委员会", f"（{n}）委员会") if "委员会" in base else f"{base}{n}"
            n += 1
        self.names.add(name)
        spec = OrgSpec(name, self.short(short, prefix), kind, sector, parent, weight, place)
        rng = self.rng
        spec.founded_on = date(rng.randint(1952, 2018), rng.randint(1, 12), rng.randint(1, 28))
        if sector in (Sector.PRIVATE_ENTERPRISE, Sector.SOCIAL_ORG):
            spec.founded_on = date(rng.randint(2005, 2022), rng.randint(1, 12), rng.randint(1, 28))
        years = 5 if sector in (Sector.RURAL, Sector.COMMUNITY) and kind != OrgKind.COMMITTEE else 3
        if kind != OrgKind.GROUP:
            spec.term_years = years
            if rng.random() < 0.05:  # overdue for re-election
                spec.term_start = self.days_ago(years * 366 + 20, years * 366 + 420)
            else:
                spec.term_start = self.days_ago(10, years * 365 - 40)
            spec.term_start = max(spec.term_start, spec.founded_on)
        if kind in BRANCH_OR_GENERAL and sector in (Sector.RURAL, Sector.COMMUNITY):
            if rng.random() < 0.04:
                spec.weak_year = self.today.year - rng.randint(0, 1)
                spec.weak_reason = rng.choice(WEAK_REASONS)
            elif rng.random() < 0.05:
                spec.model_level = rng.choice(("县级", "县级", "市级", "省级"))
                spec.model_year = self.today.year - rng.randint(0, 3)
        if rng.random() < 0.5:
            spec.phone = f"0937-{rng.randint(5200000, 5899999)}"
        self.orgs.append(spec)
        return spec

    def person_name(self, male: bool) -> str:
        rng = self.rng
        surname = rng.choices(SURNAMES, SURNAME_WEIGHTS)[0]
        chars = MALE_CHARS if male else FEMALE_CHARS
        if rng.random() < 0.3:
            return surname + rng.choice(chars)
        return surname + rng.choice(chars) + rng.choice(chars)

    def mobile(self) -> str:
        while True:
            number = self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randint(0, 99999999):08d}"
            if number not in self.phones:
                self.phones.add(number)
                return number

    def id_number(self, birth: date, male: bool) -> str:
        rng = self.rng
        region = HOME_REGION if rng.random() < 0.85 else rng.choice(OTHER_REGIONS)
        serial = rng.randint(0, 499)
        for step in range(500):
            number = idcard.make(region, birth, (serial + step) % 500, male)
            if number not in self.ids:
                self.ids.add(number)
                return number
        raise RuntimeError("ran out of ID serials")  # pragma: no cover

    def name_initials(self, name: str) -> str:
        out = []
        for ch in name:
            code = self.initials.get(ch)
            if code is None:
                code = self.initials[ch] = initials(ch)
            out.append(code)
        return "".join(out)

    # ------------------------------------------------ the tree

    def plan(self) -> None:
        rng, scale, county = self.rng, self.scale, self.county
        towns = rng.sample(TOWNS[1:], scale.towns - 1)
        towns.insert(0, TOWNS[0])  # every county has its 城关镇
        for town in towns:
            self.plan_town(town)
        committees = [
            (f"中共{county}直属机关工作委员会", "县直机关工委", Sector.AGENCY, self.plan_agencies),
            (f"中共{county}教育工作委员会", "县教育工委", Sector.SCHOOL, self.plan_schools),
            (f"中共{county}非公有制经济组织和社会组织工作委员会", "非公党工委",
             Sector.PRIVATE_ENTERPRISE, self.plan_nonpublic),
        ][: scale.sector_committees]
        for name, short, sector, fill in committees:
            top = self.add(name, short, OrgKind.WORK_COMMITTEE, sector, None)
            fill(top, towns)
        holding = [o for o in self.orgs if o.kind in BRANCH_OR_GENERAL and o.weight > 0]
        for spec in rng.sample(holding, min(scale.groups // 2, len(holding))):
            for i in range(2):
                self.add(f"{spec.name}{NUMERALS[i]}党小组", f"{spec.short_name}{NUMERALS[i]}党小组",
                         OrgKind.GROUP, spec.sector, spec)

    def plan_town(self, town: str) -> None:
        rng, scale, county = self.rng, self.scale, self.county
        top = self.add(f"中共{county}{town}委员会", f"{town}党委", OrgKind.COMMITTEE, Sector.RURAL, None)
        for word in rng.sample(VILLAGE_WORDS, rng.randint(*scale.villages)):
            village = f"{word}村"
            place = f"{town}{village}"
            if rng.random() < 0.18:
                general = self.add(f"中共{town}{village}总支部委员会", f"{village}党总支",
                                   OrgKind.GENERAL_BRANCH, Sector.RURAL, top, 4, place, town)
                for i in range(rng.randint(2, 4)):
                    self.add(f"中共{town}{village}{NUMERALS[i]}支部委员会",
                             f"{village}{NUMERALS[i]}党支部", OrgKind.BRANCH, Sector.RURAL, general,
                             rng.uniform(22, 40), place, town)
            else:
                self.add(f"中共{town}{village}支部委员会", f"{village}党支部", OrgKind.BRANCH,
                         Sector.RURAL, top, rng.uniform(20, 55), place, town)
        for word in rng.sample(COMMUNITY_WORDS, rng.randint(*scale.communities)):
            community = f"{word}社区"
            self.add(f"中共{town}{community}支部委员会", f"{community}党支部", OrgKind.BRANCH,
                     Sector.COMMUNITY, top, rng.uniform(20, 50), f"{town}{community}", town)
        units = [u for u in TOWN_UNITS if scale.schools_per_town == 0 or u[1] != Sector.SCHOOL]
        for unit, sector, weight in units[: rng.randint(*scale.town_units)]:
            self.add(f"中共{county}{town}{unit}支部委员会", f"{town}{unit}党支部", OrgKind.BRANCH,
                     sector, top, weight * rng.uniform(0.7, 1.3), town)
        for _ in range(rng.randint(*scale.town_enterprises)):
            self.plan_enterprise(top, town, rng.uniform(2, 10))
        if scale.nonpublic == 0 and town == TOWNS[0]:  # a closed enterprise, its branch dissolved
            self.plan_enterprise(top, town, 0).dissolve = True

    def enterprise_name(self) -> str:
        while True:
            name = self.rng.choice(ENTERPRISE_WORDS) + self.rng.choice(INDUSTRIES)
            if name not in self.shorts and f"{name}党支部" not in self.shorts:
                return name

    def plan_enterprise(self, parent: OrgSpec, place: str, weight: float) -> OrgSpec:
        company = self.enterprise_name()
        state = self.rng.random() < 0.1
        full = f"{self.county}{company}{'集团' if state else ''}有限责任公司"
        return self.add(f"中共{full}支部委员会", f"{company}党支部", OrgKind.BRANCH,
                        Sector.STATE_ENTERPRISE if state else Sector.PRIVATE_ENTERPRISE, parent,
                        weight, place or "城关镇")

    def plan_agencies(self, top: OrgSpec, towns: list[str]) -> None:
        rng, county = self.rng, self.county
        names = AGENCIES[: self.scale.agencies]
        for unit in names:
            sector = Sector.INSTITUTION if any(w in unit for w in ("中心", "院", "馆", "社")) else Sector.AGENCY
            bare = unit.removeprefix("县")
            self.add(f"中共{county}{bare}支部委员会", f"{unit}党支部", OrgKind.BRANCH, sector, top,
                     rng.uniform(8, 30), "城关镇")
        if self.scale.agencies >= len(AGENCIES):
            for unit, (kind, sector, branches) in BIG_AGENCIES.items():
                bare = unit.removeprefix("县")
                word = "委员会" if kind == OrgKind.COMMITTEE else "总支部委员会"
                short = "党委" if kind == OrgKind.COMMITTEE else "党总支"
                big = self.add(f"中共{county}{bare}{word}", f"{unit}{short}", kind, sector, top,
                               3 if kind == OrgKind.GENERAL_BRANCH else 0, "城关镇")
                for b in branches:
                    self.add(f"中共{county}{bare}{b}支部委员会", f"{unit}{b}党支部", OrgKind.BRANCH,
                             sector, big, rng.uniform(15, 35), "城关镇")
        elif self.scale.schools_per_town == 0 and self.scale.sector_committees < 2:
            for school in SCHOOLS[:3]:
                bare = school.removeprefix("县")
                self.add(f"中共{county}{bare}支部委员会", f"{school}党支部", OrgKind.BRANCH,
                         Sector.SCHOOL, top, rng.uniform(10, 25), "城关镇")

    def plan_schools(self, top: OrgSpec, towns: list[str]) -> None:
        rng, county = self.rng, self.county
        for school in SCHOOLS:
            bare = school.removeprefix("县")
            if school.endswith("中学") and school != "县第三中学":
                big = self.add(f"中共{county}{bare}总支部委员会", f"{school}党总支",
                               OrgKind.GENERAL_BRANCH, Sector.SCHOOL, top, 3, "城关镇")
                for dept in ("高中部", "初中部", "行政后勤"):
                    self.add(f"中共{county}{bare}{dept}支部委员会", f"{school}{dept}党支部",
                             OrgKind.BRANCH, Sector.SCHOOL, big, rng.uniform(12, 30), "城关镇")
            else:
                self.add(f"中共{county}{bare}支部委员会", f"{school}党支部", OrgKind.BRANCH,
                         Sector.SCHOOL, top, rng.uniform(8, 25), "城关镇")
        for town in towns:
            for school in ("中学", "中心小学")[: self.scale.schools_per_town]:
                self.add(f"中共{county}{town}{school}支部委员会", f"{town}{school}党支部",
                         OrgKind.BRANCH, Sector.SCHOOL, top, rng.uniform(6, 18), town)

    def plan_nonpublic(self, top: OrgSpec, towns: list[str]) -> None:
        rng, county = self.rng, self.county
        for _ in range(self.scale.nonpublic):
            self.plan_enterprise(top, rng.choice(towns), rng.uniform(1.5, 14))
        for park in ("工业园区", "物流园区"):
            self.add(f"中共{county}{park}非公有制企业联合支部委员会", f"{park}联合党支部",
                     OrgKind.JOINT_BRANCH, Sector.PRIVATE_ENTERPRISE, top, rng.uniform(8, 16), "城关镇")
        for org in SOCIAL_ORGS:
            self.add(f"中共{county}{org}支部委员会", f"县{org}党支部", OrgKind.BRANCH,
                     Sector.SOCIAL_ORG, top, rng.uniform(3, 8), "城关镇")
        for _ in range(2):  # closed enterprises: branches dissolved, no members left
            spec = self.plan_enterprise(top, rng.choice(towns), 0)
            spec.dissolve = True

    # ------------------------------------------------ members

    def people(self) -> None:
        holding = [o for o in self.orgs if o.weight > 0 and o.kind in BRANCH_OR_GENERAL]
        total = sum(o.weight for o in holding)
        target = self.scale.members
        counts = [max(1, round(o.weight * target / total)) for o in holding]
        # distribute the rounding difference so the total is exact
        diff = target - sum(counts)
        order = list(range(len(holding)))
        self.rng.shuffle(order)
        i = 0
        while diff != 0:
            k = order[i % len(order)]
            if diff > 0:
                counts[k] += 1
                diff -= 1
            elif counts[k] > 1:
                counts[k] -= 1
                diff += 1
            i += 1
        for spec, n in zip(holding, counts, strict=True):
            for j in range(n):
                spec.members.append(self.person(spec, first=j == 0))
            if spec.members and spec.kind != OrgKind.GROUP:
                spec.secretary = spec.members[0]["name"]
                if spec.phone is None:
                    spec.phone = spec.members[0]["phone"]
        for spec in self.orgs:
            if spec.secretary is None and not spec.dissolve and spec.kind != OrgKind.GROUP:
                spec.secretary = self.person_name(self.rng.random() < 0.8)

    def person(self, spec: OrgSpec, first: bool) -> dict[str, Any]:
        rng, today = self.rng, self.today
        sector = spec.sector
        if sector == Sector.RURAL:
            male = rng.random() < 0.76
            age = int(rng.triangular(24, 92, 58))
        elif sector == Sector.COMMUNITY:
            male = rng.random() < 0.55
            age = int(rng.triangular(28, 93, 66))
        elif sector == Sector.SCHOOL:
            male = rng.random() < 0.45
            age = int(rng.triangular(23, 60, 40)) if rng.random() > 0.03 else rng.randint(18, 20)
        else:
            male = rng.random() < 0.66
            age = int(rng.triangular(23, 60, 42))
        if first:
            age = min(max(age, 32), 62)
        age = min(max(age, 18), 95)
        birth = add_years(today, -age) - timedelta(days=rng.randint(1, 364))
        name = self.person_name(male)
        eldest = add_years(birth, 18)
        if rng.random() < 0.03 and today - timedelta(days=360) > eldest:  # probationary
            joined = today - timedelta(days=rng.randint(20, 360))
            full = None
        else:
            join_age = min(int(rng.triangular(18, max(19, age - 1), 26)), age - 1)
            joined = add_years(birth, join_age) + timedelta(days=rng.randint(0, 300))
            latest = today - timedelta(days=370)
            joined = min(max(joined, eldest), latest)
            if joined < eldest:  # very recent adult: probationary after all
                joined = today - timedelta(days=rng.randint(0, (today - eldest).days))
                full = None
            else:
                full = add_years(joined, 1)
                if rng.random() < 0.02:
                    full = min(full + timedelta(days=rng.randint(30, 300)), today)
        retired = age >= 60 and sector not in (Sector.RURAL,)
        category, education, position = self.work(sector, age, retired, first, spec)
        lost = rng.random() < 0.005
        floating = not lost and sector == Sector.RURAL and age < 55 and rng.random() < 0.06
        lost_since = None
        if lost:
            when = self.days_ago(200, 2500)
            lost_since = f"{when.year:04d}-{when.month:02d}"
        phone = self.mobile() if rng.random() < 0.96 or first else None
        return {
            "name": name,
            "name_initials": self.name_initials(name),
            "gender": Gender.MALE if male else Gender.FEMALE,
            "ethnicity": rng.choices(NATION_NAMES, NATION_WEIGHTS)[0],
            "id_number": self.id_number(birth, male),
            "birth_date": birth,
            "education": education,
            "category": category,
            "joined_on": joined,
            "full_on": full,
            "position": position,
            "phone": phone,
            "address": self.address(spec),
            "party_status": PartyStatus.NORMAL,
            "lost_contact": lost,
            "lost_since": lost_since,
            "floating": floating,
            "floating_to": rng.choice(FLOAT_TO) if floating else None,
            "ended_on": None,
            "end_reason": None,
            "end_note": None,
        }

    def work(self, sector: Sector, age: int, retired: bool, first: bool,
             spec: OrgSpec) -> tuple[MemberCategory, Education, str | None]:
        rng = self.rng
        E = Education
        if sector == Sector.RURAL:
            category = MemberCategory.FARMER if not (age < 30 and rng.random() < 0.2) else MemberCategory.OTHER
            education = rng.choices(
                [E.JUNIOR_OR_BELOW, E.HIGH_SCHOOL, E.SECONDARY_VOCATIONAL, E.COLLEGE, E.BACHELOR],
                [60, 18, 8, 9, 5] if age >= 45 else [25, 25, 10, 25, 15])[0]
            position = "村党支部书记" if first else rng.choice(("村民", "村民", "村民", "村民小组长", "村委会委员", None))
        elif sector == Sector.COMMUNITY:
            category = MemberCategory.RETIRED if retired or age >= 60 else rng.choice(
                (MemberCategory.WORKER, MemberCategory.OTHER, MemberCategory.MANAGER))
            education = rng.choices([E.JUNIOR_OR_BELOW, E.HIGH_SCHOOL, E.SECONDARY_VOCATIONAL,
                                     E.COLLEGE, E.BACHELOR], [25, 25, 10, 20, 20])[0]
            position = "社区党支部书记" if first else ("退休" if category == MemberCategory.RETIRED else rng.choice(("居民", "社区工作者", None)))
        elif sector == Sector.SCHOOL:
            category = MemberCategory.STUDENT if age <= 20 else (
                MemberCategory.RETIRED if retired else MemberCategory.PROFESSIONAL)
            education = E.HIGH_SCHOOL if category == MemberCategory.STUDENT else rng.choices(
                [E.POSTGRADUATE, E.BACHELOR, E.COLLEGE], [10, 70, 20])[0]
            position = "校长" if first else ("学生" if category == MemberCategory.STUDENT else rng.choice(("教师", "教师", "教师", "班主任", "教研组长")))
        elif sector in (Sector.AGENCY, Sector.INSTITUTION):
            category = (MemberCategory.OFFICIAL if sector == Sector.AGENCY else
                        rng.choice((MemberCategory.PROFESSIONAL, MemberCategory.MANAGER)))
            education = rng.choices([E.POSTGRADUATE, E.BACHELOR, E.COLLEGE, E.HIGH_SCHOOL], [10, 62, 24, 4])[0]
            position = "党支部书记" if first else rng.choice(("科员", "科员", "副主任科员", "股长", "干部", "医师", "技术员"))
        else:
            category = rng.choice((MemberCategory.WORKER, MemberCategory.WORKER, MemberCategory.MANAGER,
                                   MemberCategory.PROFESSIONAL)) if sector != Sector.SOCIAL_ORG else MemberCategory.OTHER
            education = rng.choices([E.BACHELOR, E.COLLEGE, E.SECONDARY_VOCATIONAL, E.HIGH_SCHOOL], [30, 35, 15, 20])[0]
            position = "总经理" if first else rng.choice(("职工", "技术员", "车间主任", "会计", "销售经理"))
        return category, education, position

    def address(self, spec: OrgSpec) -> str:
        rng = self.rng
        if spec.sector == Sector.RURAL:
            return f"{self.county}{spec.place}{rng.randint(1, 9)}组{rng.randint(1, 120)}号"
        if spec.sector == Sector.COMMUNITY:
            return (f"{self.county}{spec.place}{rng.randint(1, 30)}号楼{rng.randint(1, 4)}单元"
                    f"{rng.randint(1, 6)}0{rng.randint(1, 4)}室")
        return f"{self.county}城关镇{rng.choice(STREETS)}{rng.randint(1, 300)}号"


NUMERALS = ("第一", "第二", "第三", "第四", "第五", "第六")
BRANCH_OR_GENERAL = MEMBER_HOLDING_KINDS
NATION_NAMES = [n for n, _ in NATIONS]
NATION_WEIGHTS = [w for _, w in NATIONS]


# ---------------------------------------------------------------- writing


def county_short(full: str) -> str:
    """中共某某县委员会 → 某某县."""
    name = full.removeprefix("中共").removesuffix("委员会")
    return name or "某某县"


def _ensure_empty(session: Session) -> Organization:
    root = county_root(session)
    others = session.scalar(select(func.count()).select_from(Organization).where(Organization.id != root.id))
    members = session.scalar(select(func.count()).select_from(Member))
    if others or members:
        raise DomainError(
            f"数据库中已有{others}个党组织、{members}名党员：演示数据只能填入新建的空数据库"
        )
    return root


def _insert_orgs(session: Session, actor: Actor, root: Organization, plan: list[OrgSpec],
                 now: datetime) -> None:
    """Parents first (the plan is in tree order), their ids given in memory (services/bulk.Bulk),
    so each is written with its path: one executemany, then the audit rows."""
    bulk = Bulk(session, actor, now)
    for spec in plan:
        parent_id = spec.parent.id if spec.parent else root.id
        parent_path = spec.parent.path if spec.parent else root.path
        row = spec.row() | {"parent_id": parent_id}
        spec.id = bulk.add(Organization, row)
        spec.path = f"{parent_path}{spec.id}/"
        bulk.planned(Organization, spec.id)["path"] = row["path"] = spec.path
        changes = {k: [None, plain(v)] for k, v in row.items() if v is not None}
        bulk.audit("create", "organization", spec.id, changes, DEMO_NOTE)
    bulk.write()


def _insert_members(session: Session, actor: Actor, plan: list[OrgSpec], now: datetime) -> list[int]:
    rows = []
    for spec in plan:
        for m in spec.members:
            m["org_id"] = spec.id
            rows.append(m)
    if not rows:
        return []
    stamped = [m | {"version": 1, "created_at": now, "updated_at": now} for m in rows]
    ids = insert_members(session, stamped)
    insert_rows(session, Placement, [
        {"member_id": mid, "org_id": m["org_id"], "start_on": m["joined_on"], "end_on": None,
         "note": None} for mid, m in zip(ids, rows, strict=True)])
    changes = CreationChanges(frozenset(("ended_on", "end_reason", "end_note")))
    insert_rows(session, AuditEntry, [audit_row(actor.name, "create", "member", mid, changes(m), DEMO_NOTE, now)
                                      for mid, m in zip(ids, rows, strict=True)])
    return ids


def _reorganize(session: Session, actor: Actor, rng: random.Random, plan: list[OrgSpec],
                today: date, summary: DemoSummary) -> None:
    """Life after the first registration, through the services: a new general branch that takes
    over two village branches (children whose ids are lower than their parent's), closed
    enterprises dissolved."""
    tops = [s for s in plan if s.parent is None and s.kind == OrgKind.COMMITTEE]
    town = tops[0]
    villages = [s for s in plan if s.parent is town and s.kind == OrgKind.BRANCH
                and s.sector == Sector.RURAL][:2]
    if len(villages) == 2:
        town_name = town.short_name.removesuffix("党委")
        general = create_org(
            session, actor, name=f"中共{town_name}片区联合总支部委员会", short_name=f"{town_name}片区党总支",
            kind=OrgKind.GENERAL_BRANCH, sector=Sector.RURAL, parent_id=town.id,
            secretary=villages[0].secretary, term_start=today - timedelta(days=200), term_years=5,
            founded_on=today - timedelta(days=200))
        for spec in villages:
            move_org(session, actor, spec.id, general.id)
    for spec in plan:
        if spec.dissolve:
            dissolve_org(session, actor, spec.id, today - timedelta(days=rng.randint(30, 700)),
                         "企业关停")
            summary.dissolved += 1


def _life_events(session: Session, actor: Actor, rng: random.Random, plan: list[OrgSpec],
                 member_ids: list[int], scale: Scale, today: date, summary: DemoSummary) -> None:
    """Transfers and ends of membership, written in bulk with the placements and audit rows
    `transfer_member` and `end_membership` write."""
    holding = [s for s in plan if s.members and not s.dissolve]
    people = [(mid, m) for mid, m in zip(member_ids, [m for s in plan for m in s.members], strict=True)]
    picked = rng.sample(range(len(people)), min(len(people), scale.transfers + scale.ended))
    moved = picked[: scale.transfers]
    ended = picked[scale.transfers:]
    bulk = Bulk(session, actor)
    closed = []  # (member, the day their open placement ends)
    for k in moved:
        mid, m = people[k]
        target = rng.choice(holding)
        if target.id == m["org_id"]:
            continue
        start = max(m["joined_on"] + timedelta(days=1), today - timedelta(days=1500))
        if start >= today:
            continue
        on = start + timedelta(days=rng.randint(0, (today - start).days))
        closed.append({"b_member": mid, "b_on": on})
        bulk.add(Placement, {"member_id": mid, "org_id": target.id, "start_on": on, "note": "工作调动"})
        bulk.update(Member, mid, "member", {"org_id": m["org_id"]}, {"org_id": target.id}, "transfer", "工作调动")
        summary.transferred += 1
    for k in ended:
        mid, m = people[k]
        age = (today - m["birth_date"]).days // 365
        if age >= 70:
            reason, note = EndReason.DEATH, "病故"
        else:
            reason, note = rng.choice(((EndReason.REMOVED, "长期不参加组织生活，经教育仍无转变"),
                                       (EndReason.EXPELLED, "严重违纪")))
        start = max(m["joined_on"], today - timedelta(days=900))
        on = start + timedelta(days=rng.randint(0, max(0, (today - start).days)))
        closed.append({"b_member": mid, "b_on": on})
        bulk.update(Member, mid, "member", {"ended_on": None, "end_reason": None, "end_note": None},
                    {"ended_on": on, "end_reason": reason, "end_note": note}, "end", note)
        summary.ended += 1
    placements = Placement.__table__
    session.flush()
    if closed:  # before the new placements are written, which are open too
        session.execute(update(placements).where(placements.c.member_id == bindparam("b_member"),
                                                 placements.c.end_on.is_(None)).values(end_on=bindparam("b_on")),
                        closed)
    bulk.write()


def build_demo(session: Session, actor: Actor, scale: str | Scale = "small", seed: int = 0,
               today: date | None = None,
               progress: Callable[[int, int, tuple[str, str]], None] | None = None) -> DemoSummary:
    """Fill an empty, initialized database with a demo county; the same seed gives the same data.

    `progress(step, total, (zh, en))` is told as each stage of STAGES starts (the command line
    prints a line per stage, so a county-scale build is not half a minute of silence)."""
    stage = iter(range(1, len(STAGES) + 1))

    def tell() -> None:
        if progress is not None:
            n = next(stage, len(STAGES))
            progress(n, len(STAGES), STAGES[n - 1])

    access.require(actor, access.Permission.EDIT_RECORDS)
    spec = scale if isinstance(scale, Scale) else SCALES.get(scale)
    if spec is None:
        raise DomainError(f"未知的演示规模“{scale}”（可用：{'、'.join(SCALES)}）")
    today = today or date.today()
    # hundreds of thousands of rows and records: the cyclic collector paused (services.common.many_rows),
    # or its passes walk them all again and again (a tenth of the build)
    with many_rows():
        root = _ensure_empty(session)
        rng = random.Random(seed)
        tell()
        builder = Builder(rng, spec, today, county_short(get_setting(session, "county_name")))
        builder.plan()
        builder.people()
        plan = _tree_order(builder.orgs)
        now = datetime.now().replace(microsecond=0)
        tell()
        _insert_orgs(session, actor, root, plan, now)
        tell()
        member_ids = _insert_members(session, actor, plan, now)
        summary = DemoSummary(spec.name, seed)
        tell()
        _reorganize(session, actor, rng, plan, today, summary)
        tell()
        _life_events(session, actor, rng, plan, member_ids, spec, today, summary)
        for part in DEMO_PARTS:
            tell()
            module, _, name = part.partition(":")
            fn: Callable[..., Any] = getattr(importlib.import_module(module), name)
            fn(session, actor, rng, spec.name, today)
        tell()
        session.flush()
        _count(session, root, today, summary)
        return summary


def _tree_order(orgs: list[OrgSpec]) -> list[OrgSpec]:
    """Depth first, siblings in planning order: parents before children."""
    children: dict[int, list[OrgSpec]] = {}
    for o in orgs:
        children.setdefault(id(o.parent), []).append(o)
    out: list[OrgSpec] = []

    def walk(parent: OrgSpec | None) -> None:
        for child in children.get(id(parent), []):
            out.append(child)
            walk(child)

    walk(None)
    return out


def _count(session: Session, root: Organization, today: date, summary: DemoSummary) -> None:
    summary.townships = session.scalar(
        select(func.count()).where(Organization.parent_id == root.id,
                                   Organization.status == OrgStatus.ACTIVE)) or 0
    summary.organizations = session.scalar(
        select(func.count()).select_from(Organization).where(Organization.id != root.id)) or 0
    current = Member.ended_on.is_(None)
    summary.members = session.scalar(select(func.count()).select_from(Member).where(current)) or 0
    summary.probationary = session.scalar(select(func.count()).select_from(Member).where(
        current, (Member.full_on.is_(None)) | (Member.full_on > today))) or 0
    summary.lost_contact = session.scalar(select(func.count()).select_from(Member).where(current, Member.lost_contact)) or 0
    summary.floating = session.scalar(select(func.count()).select_from(Member).where(current, Member.floating)) or 0
