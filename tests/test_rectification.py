"""软弱涣散 整顿 register: opening to 转化, the org's flag following it, the dashboard list and the
quarterly workbook's counts per township."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from models.actor import Actor
from models.errors import DomainError, PermissionDenied, ValidationError
from models.periods import quarter
from models.services import dashboard
from models.services import rectification as rc


def test_a_rectification_from_opening_to_transformation(session, actor, county, tmp_path):
    with pytest.raises(ValidationError) as exc:
        rc.open_rectification(session, actor, county.village.id, 2026, "班子不团结", "2026-03-01")
    text = str(exc.value)
    assert "整顿原因：“班子不团结”不是软弱涣散的认定情形" in text
    assert "包联县级领导：必填" in text and "第一书记或驻村工作队：至少填写一项" in text
    rect = rc.open_rectification(
        session, actor, county.village.id, 2026, ["书记职位空缺3个月以上", "群众满意度低于60%"], "2026-03-01",
        county_leader="王副县长", first_secretary="李明（县农业农村局）",
        plan="一、选优配强村党支部书记；二、规范三会一课；三、发展村集体经济")
    session.commit()
    assert (county.village.weak_year, county.village.weak_reason) == (2026, "书记职位空缺3个月以上、群众满意度低于60%")
    with pytest.raises(DomainError, match="已有正在进行的整顿"):
        rc.open_rectification(session, actor, county.village.id, 2026, ["年度考核排名末位"], "2026-04-01",
                              county_leader="王副县长", work_team="县委组织部驻村工作队")
    rc.add_progress(session, actor, rect.id, "2026-05-10", "选举产生新任村党支部书记")
    with pytest.raises(PermissionDenied):
        rc.add_progress(session, Actor("西山乡", "乡镇办事员", county.west.id), rect.id, "2026-05-11", "x")

    d = dashboard.load(session, actor, today=date(2026, 6, 1))
    assert [r.cells for r in d.lists["软弱涣散整顿"]] == [
        ["红星村党支部", "2026", "王副县长", "李明（县农业农村局）", "2026-03-01起整顿"]]
    counts = rc.township_counts(session, quarter("2026Q2"))
    assert counts[county.east.id]["整顿中"] == 1

    rc.accept(session, actor, rect.id, rect.version, "2026-06-20", "继续整顿")
    assert rect.status.value == "整顿中" and county.village.weak_year == 2026
    rc.accept(session, actor, rect.id, rect.version, "2026-09-25", "转化")
    session.commit()
    assert (county.village.weak_year, county.village.weak_reason) == (None, None)
    [row] = rc.rectification_rows(session, actor)
    assert (row.status, row.result, row.accepted_on) == ("已转化", "转化", date(2026, 9, 25))
    assert row.notes[0][1] == "选举产生新任村党支部书记"
    assert dashboard.load(session, actor, today=date(2026, 10, 1)).lists["软弱涣散整顿"] == []
    with pytest.raises(DomainError, match="已于2026-09-25验收转化"):
        rc.accept(session, actor, rect.id, None, "2026-10-01", "转化")

    from reports import quarterly as q

    path = tmp_path / "q.xlsx"
    q.export_quarterly(session, actor, path, quarter("2026Q3"), "某某县委组织部", q.SHEETS, date(2026, 10, 8))
    ws = load_workbook(path)["党组织和党员"]
    headers = [c.value for c in ws[q.HEADER_ROW]]
    rows = {r[0]: dict(zip(headers, r, strict=True)) for r in ws.iter_rows(min_row=q.FIRST_DATA_ROW, values_only=True)}
    assert (rows["东城镇党委"]["整顿中"], rows["东城镇党委"]["已转化"]) == (0, 1)
    assert rows["合计"]["已转化"] == 1
