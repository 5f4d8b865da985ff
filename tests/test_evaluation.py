"""Evaluations: band boundaries of the built-in schemes, weights, rounding, quotas, workflow, lock."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from models.actor import SYSTEM, Actor
from models.audit import AuditEntry
from models.errors import DomainError, PermissionDenied, ValidationError
from models.evaluation import EvaluationFollowUp, EvaluationScheme, EvaluationSheet, RoundStatus
from models.services import evaluation as ev
from tests.evaluation_helpers import add_members, prepare_democratic

D = Decimal


def builtin(name: str) -> ev.Definition:
    return next(ev.parse_definition(d) for d in ev.builtin_definitions() if d["name"] == name)


# ---------------------------------------------------------------- bands and rounding (pure)


@pytest.mark.parametrize("total, level", [
    ("100", "★★★★★"), ("90", "★★★★★"), ("89.95", "★★★★★"), ("89.94", "★★★★"), ("80", "★★★★"),
    ("79.94", "★★★"), ("70", "★★★"), ("69.9", "★★"), ("60", "★★"), ("59.95", "★★"), ("59.94", "★"),
    ("0", "★"),
])
def test_branch_star_bands(total, level):
    assert ev.band_level(builtin("星级党支部"), D(total)) == level


@pytest.mark.parametrize("total, level", [
    ("100", "★★★★★"), ("96", "★★★★★"), ("95.95", "★★★★★"), ("95.94", "★★★★"), ("90", "★★★★"),
    ("89.94", "★★★"), ("80", "★★★"), ("79.9", "★★"), ("70", "★★"), ("69.94", "★"), ("60", "★"),
    ("59.95", "★"), ("59.94", "不合格"),
    ("20", "不合格"),
])
def test_member_points_bands(total, level):
    assert ev.band_level(builtin("星级党员"), D(total)) == level


@pytest.mark.parametrize("total, level", [
    ("100", "优秀"), ("90", "优秀"), ("89.95", "优秀"), ("89.9499", "合格"), ("75", "合格"),
    ("74.94", "基本合格"), ("60", "基本合格"), ("59.95", "基本合格"), ("59.94", "不合格"), ("0", "不合格"),
])
def test_democratic_bands(total, level):
    assert ev.band_level(builtin("民主评议党员"), D(total)) == level


@pytest.mark.parametrize("total, level", [
    ("90", "优秀"), ("89.95", "优秀"), ("89.94", "称职"), ("70", "称职"), ("69.94", "基本称职"),
    ("60", "基本称职"), ("59.95", "基本称职"), ("59.94", "不称职"),
])
def test_dual_bands(total, level):
    assert ev.band_level(builtin("双评"), D(total)) == level


def test_rounding_rule_half_up_to_one_decimal_and_bands_by_the_rounded_total():
    defn = builtin("星级党支部")
    items = {"班子建设": "14.95", "党员队伍": "15", "组织生活": "15", "制度落实": "15", "阵地建设": "10",
             "作用发挥": "10", "群众满意": "10"}
    total, level = ev.sheet_result(defn, items, {}, graded=True)
    assert total == D("90.0")  # 89.95 → 90.0 (half up, docs/evaluation-rules.md)
    assert level == "★★★★★"
    assert ev.display_score(total) == "90.0"
    items["班子建设"] = "14.59"
    items["作用发挥"] = "13"
    assert ev.sheet_result(defn, items, {}, graded=True) == (D("92.6"), "★★★★★")  # 92.59
    items.update({"班子建设": "9.95", "制度落实": "5", "作用发挥": "5", "群众满意": "5", "阵地建设": "5"})  # 59.95
    assert ev.sheet_result(defn, items, {}, graded=True) == (D("60.0"), "★★")
    assert ev.display_score(D("92.59")) == "92.6"
    assert ev.display_score(D("66.6666")) == "66.7"
    assert ev.display_score(D("66.64")) == "66.6"


def test_items_total_waits_for_every_item():
    defn = builtin("星级党支部")
    assert ev.compute_total(defn, {"班子建设": "15"}, {}) is None


def test_points_scheme_base_additions_and_deductions():
    defn = builtin("星级党员")
    total = ev.compute_total(defn, {"学习教育加分": "10", "先锋作用加分": "6.5", "违规违纪扣分": "2"}, {})
    assert total == D("74.5")
    assert ev.compute_total(defn, {}, {}) == D("60")
    assert ev.band_level(defn, ev.compute_total(defn, {"组织生活扣分": "0.06"}, {})) == "不合格"  # 59.94
    assert ev.band_level(defn, ev.compute_total(defn, {"组织生活扣分": "0.05"}, {})) == "★"  # 59.95 → 60.0


def test_dual_weights_default_60_40():
    defn = builtin("双评")
    assert [g.weight for g in defn.raters] == [D("0.6"), D("0.4")]
    raters = {"乡镇党委考评": {"score": "95"}, "党员群众测评": {"votes": {"满意": 30, "基本满意": 10}}}
    # 0.6 × 95 + 0.4 × (30×100 + 10×60)/40 = 57 + 0.4 × 90 = 93
    assert ev.compute_total(defn, {}, raters) == D("93")
    raters["党员群众测评"] = {"votes": {"满意": 1, "基本满意": 1, "不满意": 1}}
    # 0.6 × 95 + 0.4 × 160/3 = 57 + 21.3333… → 78.3 (half up, one decimal)
    assert ev.compute_total(defn, {}, raters) == D("78.3")


def test_vote_shares_are_rounded_once_half_up():
    defn = builtin("民主评议党员")
    # 党员互评: 2 优秀 1 合格 → 93.333…; 群众: 2 优秀 1 合格 → 93.333…; total 93.3
    votes = {"votes": {"优秀": 2, "合格": 1}}
    assert ev.compute_total(defn, {}, {"党员互评": votes, "群众评议": votes}) == D("93.3")
    # 0.6 × (5×100 + 1×80)/6 + 0.4 × 80 = 58 + 32 = 90 exactly; 0.6 × 96.58… shows its rounding
    votes = {"votes": {"优秀": 5, "合格": 1}}
    assert ev.compute_total(defn, {}, {"党员互评": votes, "群众评议": {"votes": {"合格": 1}}}) == D("90.0")
    # 89.99999… never becomes 90 (优秀): 群众 all 优秀 (100), 党员 to give 83.3333…
    members = {"votes": {"优秀": 1, "合格": 4, "基本合格": 1}}  # (100+320+60)/6 = 80
    total = ev.compute_total(defn, {}, {"党员互评": members, "群众评议": {"votes": {"优秀": 1}}})
    assert total == D("88") and ev.band_level(defn, total) == "合格"


def test_probationary_members_take_part_but_get_no_grade():
    defn = builtin("民主评议党员")
    r = {"党员互评": {"votes": {"优秀": 9}}, "群众评议": {"votes": {"优秀": 3}}}
    assert ev.sheet_result(defn, {}, r, graded=False) == (D("100"), ev.NOT_GRADED)
    t = ev.tally(defn, "一支部", [(True, "优秀", r), (False, ev.NOT_GRADED, r), (True, "合格", r),
                                   (True, "合格", r)])
    assert (t.members, t.graded) == (4, 3)
    assert ev.quota_warnings(defn, t) == []  # 1 of 3 graded is one third: allowed


def test_one_third_excellent_quota_per_branch():
    defn = builtin("民主评议党员")
    sheets = [(True, "优秀", {})] * 4 + [(True, "合格", {})] * 5 + [(False, ev.NOT_GRADED, {})] * 3
    t = ev.tally(defn, "红星村党支部", sheets)
    assert ev.quota_warnings(defn, t) == ["红星村党支部：优秀4个，超过参评9个的三分之一（最多3个）"]
    t = ev.tally(defn, "红星村党支部", [(True, "优秀", {})] * 3 + [(True, "合格", {})] * 6)
    assert ev.quota_warnings(defn, t) == []


def test_turnout_and_public_rater_rules_read_the_recorded_meeting():
    defn = builtin("民主评议党员")
    # votes received are no measure: 9 members each rating the other 8
    r = {"党员互评": {"votes": {"合格": 8}}, "群众评议": {"votes": {"合格": 2}}}
    sheets = [(True, "合格", r)] * 9
    assert ev.turnout_warnings(defn, ev.tally(defn, "一支部", sheets)) == [
        "一支部：未记录支部党员大会（会议日期、应到、实到、到会群众），参评率无从计算"]
    full = ev.Meeting(1, date(2026, 1, 8), 9, 9, None, 2, 2)
    assert ev.turnout_warnings(defn, ev.tally(defn, "一支部", sheets, full)) == []
    fewer = ev.Meeting(1, date(2026, 1, 8), 8, 8, None, 2, 2)
    assert ev.turnout_warnings(defn, ev.tally(defn, "一支部", sheets, fewer)) == [
        "一支部：支部党员大会应到8人，少于本支部正式党员9人（应到应为全体正式党员）"]
    short = ev.Meeting(1, date(2026, 1, 8), 9, 8, "李四外出务工请假", 2, 1)
    assert ev.turnout_warnings(defn, ev.tally(defn, "一支部", sheets, short)) == [
        "一支部：支部党员大会应到9人，实到8人，参评率88.9%，低于95%（党员参评率不低于95%）",
        "一支部：到会群众1人，少于党员人数的20%（党员9人，至少2人）",
    ]


def test_entry_errors_name_the_column():
    defn = builtin("星级党支部")
    with pytest.raises(ValidationError) as exc:
        ev.clean_entry(defn, {"阵地建设": "11", "班子建设": "-1"}, {})
    assert "阵地建设(10)：超过最高分10" in str(exc.value)
    assert "班子建设(15)：不能为负数" in str(exc.value)


def test_a_bad_definition_is_refused():
    data = dict(ev.builtin_definitions()[0])
    data["bands"] = [{"min": "80", "level": "好"}, {"min": "90", "level": "很好"}]
    with pytest.raises(ValidationError, match="分档"):
        ev.parse_definition(data)


def test_periods():
    from models.evaluation import PeriodKind

    assert ev.parse_period(PeriodKind.QUARTER, "2026q3") == (date(2026, 7, 1), date(2026, 9, 30))
    assert ev.parse_period(PeriodKind.HALF, "2026H1")[1] == date(2026, 6, 30)
    assert ev.parse_period(PeriodKind.MONTH, "2026-12")[1] == date(2026, 12, 31)
    with pytest.raises(ValidationError, match="不是年度周期"):
        ev.parse_period(PeriodKind.YEAR, "2026Q1")


# ---------------------------------------------------------------- database services


@pytest.fixture
def schemes(session, actor, county):
    assert ev.ensure_builtin_schemes(session, actor) == 4
    assert ev.ensure_builtin_schemes(session, actor) == 0  # idempotent
    session.commit()
    return {s.name: s for s in ev.list_schemes(session)}


def test_open_round_creates_a_sheet_for_each_subject_in_scope(session, actor, county, schemes):
    add_members(session, actor, 5)
    add_members(session, actor, 2, org="中心小学党支部", start=50, probationary=1)
    rnd = ev.open_round(session, actor, schemes["民主评议党员"], "2025", county.west)
    rows = ev.sheet_rows(session, rnd.id)
    assert [(r.org_name, r.graded) for r in rows] == [("中心小学党支部", False), ("中心小学党支部", True)]
    county_round = ev.open_round(session, actor, schemes["民主评议党员"], "2025", county.root)
    assert len(ev.sheet_rows(session, county_round.id)) == 7
    stars = ev.open_round(session, actor, schemes["星级党支部"], "2025", county.east)
    assert sorted(r.subject_name for r in ev.sheet_rows(session, stars.id)) == sorted(
        [county.village.name, county.community.name])
    with pytest.raises(DomainError, match="已经开启"):
        ev.open_round(session, actor, schemes["民主评议党员"], "2025", county.west)


def test_township_clerk_cannot_open_another_township(session, actor, county, schemes):
    clerk = Actor("西山乡", "乡镇办事员", county.west.id)
    with pytest.raises(PermissionDenied):
        ev.open_round(session, clerk, schemes["星级党支部"], "2025", county.east)


def test_a_township_clerk_lists_the_countys_rounds_and_their_own_not_another_townships(
        session, actor, county, schemes):
    county_round = ev.open_round(session, actor, schemes["星级党支部"], "2025", county.root)
    east = ev.open_round(session, actor, schemes["民主评议党员"], "2025", county.east)
    west = ev.open_round(session, actor, schemes["民主评议党员"], "2025", county.west)
    session.commit()
    clerk = Actor("东城", "乡镇办事员", county.east.id)
    assert [r.id for r in ev.list_rounds(session, clerk)] == [east.id, county_round.id]
    assert [r.id for r in ev.list_rounds(session, actor)] == [west.id, east.id, county_round.id]


def fill_branch(session, actor, rnd, excellent):
    prepare_democratic(session, actor, rnd)
    for i, row in enumerate(ev.sheet_rows(session, rnd.id)):
        grade = "优秀" if i < excellent else "合格"
        ev.enter_scores(session, actor, row.sheet_id, row.version, raters={
            "党员互评": {"votes": {grade: 10}}, "群众评议": {"votes": {grade: 2}}})
    session.commit()


def test_entry_compute_quota_warning_and_override(session, actor, county, schemes):
    add_members(session, actor, 6)
    rnd = ev.open_round(session, actor, schemes["民主评议党员"], "2025", county.east)
    fill_branch(session, actor, rnd, excellent=3)
    rows = ev.sheet_rows(session, rnd.id)
    assert [r.final_level for r in rows] == ["优秀"] * 3 + ["合格"] * 3
    assert ev.round_warnings(session, rnd.id) == ["红星村党支部：优秀3个，超过参评6个的三分之一（最多2个）"]
    with pytest.raises(ValidationError, match="决定机关"):
        ev.override_level(session, actor, rows[2].sheet_id, rows[2].version, "合格", "名额", "")
    ev.override_level(session, actor, rows[2].sheet_id, rows[2].version, "合格", "超过三分之一名额",
                      "红星村党支部支委会")
    session.commit()
    assert ev.round_warnings(session, rnd.id) == []
    assert ev.compute_round(session, actor, rnd.id) == 0  # nothing changed; the override stays
    row = ev.sheet_rows(session, rnd.id)[2]
    assert (row.computed_level, row.final_level, row.override_body) == ("优秀", "合格", "红星村党支部支委会")


def test_compute_round_after_bulk_entry(session, actor, county, schemes):
    add_members(session, actor, 3)
    rnd = ev.open_round(session, actor, schemes["星级党员"], "2025Q4", county.root)
    rows = ev.sheet_rows(session, rnd.id)
    assert ev.compute_round(session, actor, rnd.id) == 0  # computed on opening: base 60, ★ for everyone
    assert {r.final_level for r in ev.sheet_rows(session, rnd.id)} == {"★"}
    from models.services import points as pts

    for item, value in (("学习教育加分", "15"), ("先锋作用加分", "15"), ("志愿服务加分", "6")):
        pts.add_entry(session, actor, rows[0].member_id, "2025-11-02", item, value, "积分台账")
    assert ev.compute_round(session, actor, rnd.id) == 1  # the quarter's totals come from the ledger
    row = ev.sheet_rows(session, rnd.id)[0]
    assert (row.total, row.final_level, row.items["志愿服务加分"]) == (D("96"), "★★★★★", "6")


def test_status_workflow_lock_followups_and_reopen(session, actor, county, schemes):
    add_members(session, actor, 3)
    rnd = ev.open_round(session, actor, schemes["民主评议党员"], "2025", county.east)
    with pytest.raises(DomainError, match="没有得出总分"):
        ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
    prepare_democratic(session, actor, rnd, public=1)
    rows = ev.sheet_rows(session, rnd.id)
    for row, grade in zip(rows, ["优秀", "合格", "不合格"], strict=True):
        ev.enter_scores(session, actor, row.sheet_id, row.version, raters={
            "党员互评": {"votes": {grade: 3}}, "群众评议": {"votes": {grade: 1}}})
    with pytest.raises(DomainError, match="不能从“草稿”改为“公示中”"):
        ev.set_status(session, actor, rnd.id, None, RoundStatus.POSTED)
    ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
    with pytest.raises(DomainError, match="只有草稿可以修改"):
        ev.enter_scores(session, actor, rows[0].sheet_id, None, raters={})
    ev.set_status(session, actor, rnd.id, None, RoundStatus.POSTED, posting_start=date(2026, 1, 10))
    assert ev.posting_end(rnd) == date(2026, 1, 14)
    with pytest.raises(DomainError, match="公示期至2026-01-14"):
        ev.lock_round(session, actor, rnd.id, today=date(2026, 1, 14))
    with pytest.raises(PermissionDenied):
        ev.lock_round(session, Actor("乡镇", "乡镇办事员"), rnd.id, today=date(2026, 1, 15))
    ev.lock_round(session, actor, rnd.id, today=date(2026, 1, 15))
    session.commit()
    assert rnd.status is RoundStatus.LOCKED
    f = session.scalars(select(EvaluationFollowUp)).one()
    assert (f.started_on, f.deadline) == (date(2026, 1, 15), date(2027, 1, 15))
    assert ev.followup_findings(session, SYSTEM, date(2027, 2, 1)) == [
        f"评议不合格\t红星村党支部\t{rows[2].subject_name}：限期改正至2027-01-15，已逾期17天，应作出劝退或除名等处理"]
    with pytest.raises(DomainError, match="已确定"):
        ev.override_level(session, actor, rows[0].sheet_id, None, "合格", "x", "y")
    with pytest.raises(DomainError, match="已有确定的评价结果"):
        ev.update_scheme(session, actor, schemes["民主评议党员"].id, None,
                         json.loads(schemes["民主评议党员"].definition))
    assert [(h.period, h.level) for h in ev.member_history(session, SYSTEM, rows[0].member_id)] == [("2025", "优秀")]
    with pytest.raises(ValidationError, match="重新开启理由"):
        ev.reopen_round(session, actor, rnd.id, " ")
    ev.reopen_round(session, actor, rnd.id, "群众反映评议程序不规范")
    session.commit()
    assert rnd.status is RoundStatus.DRAFT
    note = session.scalar(select(AuditEntry.note).where(AuditEntry.action == "reopen"))
    assert note == "群众反映评议程序不规范"
    with pytest.raises(ValidationError, match="期满前作出“改正”须写明理由"):
        ev.resolve_followup(session, actor, f.id, f.version, ev.FollowUpOutcome.CORRECTED, date(2026, 6, 1))
    ev.resolve_followup(session, actor, f.id, f.version, ev.FollowUpOutcome.CORRECTED, date(2026, 6, 1),
                        "支部大会认定已改正")
    assert ev.followup_findings(session, SYSTEM, date(2027, 2, 1)) == []


def test_copy_and_edit_a_scheme(session, actor, county, schemes):
    copy = ev.copy_scheme(session, actor, schemes["双评"].id, "村干部双评")
    data = json.loads(copy.definition)
    data["raters"][0]["weight"], data["raters"][1]["weight"] = "0.7", "0.3"
    ev.update_scheme(session, actor, copy.id, copy.version, data)
    session.commit()
    assert [g.weight for g in ev.definition_of(copy).raters] == [D("0.7"), D("0.3")]
    assert copy.copy_of == schemes["双评"].id and not copy.builtin
    data["raters"][0]["weight"] = "0.9"
    with pytest.raises(ValidationError, match="权重之和应为1"):
        ev.update_scheme(session, actor, copy.id, copy.version, data)
    with pytest.raises(PermissionDenied):
        ev.copy_scheme(session, Actor("乡镇", "乡镇办事员"), copy.id, "x")
    assert session.scalar(select(func.count()).select_from(EvaluationScheme)) == 5


def test_history_up_and_down(session, actor, county, schemes):
    scheme = schemes["星级党支部"]
    for year, pts in (("2023", "2"), ("2024", "15"), ("2025", "10")):
        rnd = ev.open_round(session, actor, scheme, year, county.east)
        for row in ev.sheet_rows(session, rnd.id):
            items = {i.name: str(i.max) for i in ev.definition_of(scheme).items}
            items["班子建设"] = pts
            ev.enter_scores(session, actor, row.sheet_id, row.version, items=items)
        ev.set_status(session, actor, rnd.id, None, RoundStatus.REVIEWED)
        ev.set_status(session, actor, rnd.id, None, RoundStatus.POSTED, date(2026, 1, 1))
        ev.lock_round(session, actor, rnd.id, today=date(2026, 2, 1))
    session.commit()
    hist = ev.org_history(session, SYSTEM, county.village.id)
    assert [(h.period, h.level, h.change) for h in hist] == [
        ("2023", "★★★★", ""), ("2024", "★★★★★", "↑"), ("2025", "★★★★★", "—")]
    assert session.scalar(select(func.count()).select_from(EvaluationSheet)) == 6


def test_demo_rounds(session, actor, county):
    import random

    from models.demo.evaluation import add_demo

    add_members(session, actor, 9)
    add_members(session, actor, 2, org="中心小学党支部", start=60, probationary=1)
    counts = add_demo(session, actor, random.Random(1), 1.0, date(2026, 11, 23))
    session.commit()
    assert counts == {"星级党支部": 3, "民主评议党员": 11, "积分记录": 23, "双议双评村干部": 3, "软弱涣散整顿": 1}
    rounds = ev.list_rounds(session, actor)
    assert [(r.scheme.name, r.period, r.status) for r in rounds] == [
        ("双评", "2025", RoundStatus.DRAFT), ("星级党员", "2025Q4", RoundStatus.LOCKED),
        ("民主评议党员", "2025", RoundStatus.LOCKED), ("星级党支部", "2025", RoundStatus.LOCKED)]
    democratic = rounds[2]
    assert all(r.final_level and r.self_done is not None for r in ev.sheet_rows(session, democratic.id))
    assert not [w for w in ev.round_warnings(session, democratic.id) if "优秀" in w]


def test_township_clerk_cannot_write_sheets_of_another_township(session, actor, county, schemes):
    add_members(session, actor, 2)
    rnd = ev.open_round(session, actor, schemes["星级党员"], "2025Q4", county.root)
    row = ev.sheet_rows(session, rnd.id)[0]
    clerk = Actor("西山乡", "乡镇办事员", county.west.id)
    with pytest.raises(PermissionDenied, match="红星村党支部|不在其范围内"):
        ev.enter_many(session, clerk, {row.sheet_id: ({"学习教育加分": "1"}, {})}, "导入")
    with pytest.raises(PermissionDenied):
        ev.enter_scores(session, clerk, row.sheet_id, None, items={"学习教育加分": "1"})
    with pytest.raises(PermissionDenied):
        ev.compute_round(session, clerk, rnd.id)
