"""一票否决 (docs/findings.md): while `rating_veto` is on, a branch with an open 软弱涣散 整顿 is
rated no higher than ★★★, the warnings beside the grid and the results workbook say why; with
the setting off the score decides."""

from __future__ import annotations

from datetime import date

import pytest
from openpyxl import load_workbook

from models.errors import ValidationError
from models.services import evaluation as ev
from models.services.rectification import open_rectification
from models.settings import set_setting
from reports.evaluation_xlsx import export_results


def stars_round(session, actor, county):
    ev.ensure_builtin_schemes(session, actor)
    scheme = {x.name: x for x in ev.list_schemes(session)}["星级党支部"]
    rnd = ev.open_round(session, actor, scheme, "2025", county.east)
    full = {i.name: str(i.max) for i in ev.definition_of(scheme).items}  # 100 points each
    for row in ev.sheet_rows(session, rnd.id):
        ev.enter_scores(session, actor, row.sheet_id, row.version, items=full)
    return rnd


def levels(session, rnd):
    return {r.org_name: (r.computed_level, r.final_level) for r in ev.sheet_rows(session, rnd.id)}


def test_an_open_rectification_caps_the_stars_and_the_workbook_says_why(session, actor, county, tmp_path):
    open_rectification(session, actor, county.village.id, 2025, ["书记职位空缺3个月以上"], date(2025, 6, 1), "李县长", "王书记")
    rnd = stars_round(session, actor, county)
    assert levels(session, rnd) == {"红星村党支部": ("★★★★★", "★★★"), "幸福社区党支部": ("★★★★★", "★★★★★")}
    [line] = [w for w in ev.round_warnings(session, rnd.id) if "一票否决" in w]
    assert line == "红星村党支部：星级不超过★★★（一票否决：软弱涣散整顿未转化（2025-06-01开始））"

    sheet = next(r for r in ev.sheet_rows(session, rnd.id) if r.org_name == "红星村党支部")
    with pytest.raises(ValidationError, match="星级不能高于★★★"):
        ev.override_level(session, actor, sheet.sheet_id, None, "★★★★★", "成绩突出", "乡镇党委")
    ev.compute_round(session, actor, rnd.id)
    assert levels(session, rnd)["红星村党支部"] == ("★★★★★", "★★★")

    path = tmp_path / "results.xlsx"
    export_results(session, actor, rnd.id, path, mask=False)
    ws = load_workbook(path)["评价结果"]
    rows = list(ws.iter_rows(values_only=True))
    col = rows[0].index("一票否决")
    village = next(r for r in rows if r[1] and "红星村" in r[1])
    assert village[rows[0].index("最终等次")] == "★★★"
    assert village[col] == "一票否决：软弱涣散整顿未转化（2025-06-01开始）"
    notes = [r[0] for r in load_workbook(path)["提示"].iter_rows(values_only=True)]
    assert "红星村党支部：星级不超过★★★（一票否决：软弱涣散整顿未转化（2025-06-01开始））" in notes


def test_with_the_setting_off_the_score_decides(session, actor, county, tmp_path):
    set_setting(session, "rating_veto", "0")
    open_rectification(session, actor, county.village.id, 2025, ["书记职位空缺3个月以上"], date(2025, 6, 1), "李县长", "王书记")
    rnd = stars_round(session, actor, county)
    assert levels(session, rnd)["红星村党支部"] == ("★★★★★", "★★★★★")
    path = tmp_path / "results.xlsx"
    export_results(session, actor, rnd.id, path, mask=False)
    assert "一票否决" not in next(load_workbook(path)["评价结果"].iter_rows(values_only=True))


def test_the_grid_shows_the_cap_and_why(qtbot, sqlite_db):
    from desktop.context import AppContext
    from desktop.pages import evaluation as page_module
    from models.actor import Actor
    from tests.factories import build_county

    actor = Actor("测试员", "管理员")
    with sqlite_db.transaction() as s:
        county = build_county(s, actor)
        open_rectification(s, actor, county.village.id, 2025, ["书记职位空缺3个月以上"], date(2025, 6, 1),
                           "李县长", "王书记")
        round_id = stars_round(s, actor, county).id
    widget = page_module.create_page(AppContext(sqlite_db, actor))
    qtbot.addWidget(widget)
    widget.select_round(round_id, None)
    model = widget.model
    village = next(i for i, r in enumerate(model.rows) if r.org_name == "红星村党支部")
    assert model.final_level(village) == "★★★"
    items = [widget.warnings.item(i).text() for i in range(widget.warnings.count())]
    assert "红星村党支部：星级不超过★★★（一票否决：软弱涣散整顿未转化（2025-06-01开始））" in items


def test_screening_lists_the_weak_branches_and_one_becomes_a_rectification(sqlite_path, capsys):
    import desktop.cli as cli
    from models.actor import Actor
    from models.db import open_database
    from models.services import evaluation as ev2
    from models.services.members import create_member
    from tests.factories import build_county, member_values

    actor = Actor("测试员", "管理员")
    db = open_database(sqlite_path)
    with db.transaction() as s:
        county = build_county(s, actor)
        create_member(s, actor, member_values(1, joined_on=date.today().replace(year=date.today().year - 1),
                                              full_on=None))  # 红星村 developed a member recently
        create_member(s, actor, member_values(2, org="幸福社区党支部"))
        ev2.ensure_builtin_schemes(s, actor)
        scheme = {x.name: x for x in ev2.list_schemes(s)}["星级党支部"]
        rnd = ev2.open_round(s, actor, scheme, "2025", county.east)
        for row in ev2.sheet_rows(s, rnd.id):
            items = {i.name: str(i.max) for i in ev2.definition_of(scheme).items}
            if row.org_name == "幸福社区党支部":
                items = {name: "1" for name in items}  # ★, 群众满意 1 point
            ev2.enter_scores(s, actor, row.sheet_id, row.version, items=items)
    db.dispose()
    capsys.readouterr()
    assert cli.main(["--db", str(sqlite_path), "rectify", "screen", "--year", "2025"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "党组织\t乡镇\t整顿原因\t依据"
    rows = {line.split("\t")[0]: line.split("\t") for line in lines[1:-1]}
    assert rows["幸福社区党支部"][1] == "东城镇党委"
    assert rows["幸福社区党支部"][2] == "年度考核排名末位、群众满意度低于60%"
    assert "红星村党支部" not in rows  # a member joined within 2 years, rated ★★★★★
    assert cli.main(["--db", str(sqlite_path), "rectify", "open", "--org", "幸福社区党支部", "--year", "2026",
                     "--reasons", "年度考核排名末位、群众满意度低于60%", "--date", date.today().isoformat(),
                     "--leader", "李县长", "--first-secretary", "王书记"]) == 0
    capsys.readouterr()
    assert cli.main(["--db", str(sqlite_path), "rectify", "screen", "--year", "2025"]) == 0
    assert "幸福社区党支部" not in capsys.readouterr().out  # now in 整顿
    with pytest.raises(SystemExit):
        cli.main(["rectify", "screen", "--help"])
