"""The 问责查办 tab of 三函督办: the cases listed, 决定… for county accounts, the assessment export."""

from __future__ import annotations

from datetime import date

from models.actor import Actor


def _page(qtbot, db, actor, today):
    from desktop.context import AppContext
    from desktop.pages.supervision import SupervisionPage

    page = SupervisionPage(AppContext(db, actor), today=today)
    qtbot.addWidget(page)
    return page


def _scenario_db(gui_db, actor):
    from models.org import Organization
    from tests.test_accountability import scenario

    class County:
        pass

    with gui_db.session() as s:
        from sqlalchemy import select

        county = County()
        for name, attr in (("红星村党支部", "village"), ("幸福社区党支部", "community"),
                           ("东城镇党委", "east")):
            setattr(county, attr, s.scalar(select(Organization).where(Organization.short_name == name)))
        scenario(s, actor, county)
        s.commit()
    return county


def test_the_cases_tab_lists_and_decides(qtbot, gui_db, actor, messages):
    _scenario_db(gui_db, actor)
    page = _page(qtbot, gui_db, actor, date(2026, 4, 14))
    assert "问责查办" in [page.tabs.tabText(i) for i in range(page.tabs.count())]
    [row] = page.cases.rows
    assert row.cells[1:7] == ["东城镇党委", "某组警〔2026〕1号", "2026-04-13", "第1次", "约谈乡镇党委书记", "待决定"]
    assert page.buttons["decide"].isEnabled() and page.buttons["decide"].toolTip() == ""
    page.case_view.selectRow(0)
    assert page.decide_selected("约谈东城镇党委书记", date(2026, 4, 14), "已约谈")
    assert page.cases.rows[0].cells[6] == "已决定：约谈东城镇党委书记（2026年4月14日，测试员）"


def test_a_township_clerk_sees_its_cases_but_cannot_decide(qtbot, gui_db, actor, messages):
    county = _scenario_db(gui_db, actor)
    clerk = Actor("东城镇组织委员", "乡镇办事员", county.east.id)
    page = _page(qtbot, gui_db, clerk, date(2026, 4, 14))
    assert [r.cells[1] for r in page.cases.rows] == ["东城镇党委"]
    assert not page.buttons["decide"].isEnabled() and page.buttons["decide"].toolTip()
    assert not page.buttons["assessment"].isEnabled()


def test_the_assessment_is_exported_from_the_page(qtbot, gui_db, actor, messages, tmp_path):
    from openpyxl import load_workbook

    _scenario_db(gui_db, actor)
    page = _page(qtbot, gui_db, actor, date(2026, 4, 30))
    task = page.export_assessment(2026, tmp_path / "kh.xlsx")
    qtbot.waitUntil(lambda: (tmp_path / "kh.xlsx").exists(), timeout=20000)
    assert task is not None
    ws = load_workbook(tmp_path / "kh.xlsx").active
    assert ws["B4"].value == "西山乡党委" and ws["L5"].value == 95


def test_a_refused_decision_keeps_what_was_typed_and_esc_asks(qtbot, gui_db, actor, messages, monkeypatch,
                                                              confirmations):

    from desktop.pages.supervision import DecideDialog

    _scenario_db(gui_db, actor)
    page = _page(qtbot, gui_db, actor, date(2026, 4, 14))
    page.case_view.selectRow(0)
    seen: dict = {}

    def fill(dialog: DecideDialog) -> int:
        dialog.show()
        dialog.measure.setText("")
        dialog.note.setPlainText("书记出差，下周约谈")
        dialog.accept()  # no measure: refused
        seen["open"], seen["note"] = dialog.isVisible(), dialog.note.toPlainText()
        seen["focus"] = dialog.focusWidget() is dialog.measure
        confirmations.answer = False
        dialog.reject()
        seen["asked"], seen["kept"] = confirmations[-1][0], dialog.isVisible()
        confirmations.answer = True
        dialog.measure.setText("约谈东城镇党委书记")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(DecideDialog, "exec", fill)
    assert page.decide_selected()
    assert messages[-1][2] == "措施：请填写采取的问责措施"
    assert seen == {"open": True, "note": "书记出差，下周约谈", "focus": True, "asked": "放弃输入", "kept": True}
    assert page.cases.rows[0].cells[6].startswith("已决定：约谈东城镇党委书记")
