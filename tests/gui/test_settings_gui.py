"""The 设置 dialog (issue 15): shared settings grouped in tabs, saved through the settings service,
used by the 三函 page without a restart; read-only for non-administrators; the open database shown."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select


def make_dialog(qtbot, ctx):
    from desktop.settings_dialog import SettingsDialog

    dlg = SettingsDialog(ctx)
    qtbot.addWidget(dlg)
    return dlg


def tab_titles(dlg) -> list[str]:
    return [dlg.tabs.tabText(i) for i in range(dlg.tabs.count())]


def test_categories_edited_on_the_page_reach_the_problem_form(qtbot, ctx, gui_db, messages):
    from desktop.pages.supervision import SupervisionPage
    from models.audit import AuditEntry
    from models.settings import get_setting

    page = SupervisionPage(ctx, today=date(2026, 3, 20))
    qtbot.addWidget(page)
    before = page.problem_dialog()
    assert "组织生活" in [before.category.itemText(i) for i in range(before.category.count())]

    dlg = make_dialog(qtbot, ctx)
    assert tab_titles(dlg)[:3] == ["单位", "三函", "结对"] and "评价" in tab_titles(dlg) and "文书" in tab_titles(dlg)
    assert dlg.findChild(type(dlg.open_db), "openDatabase").text() == str(gui_db.engine.url.database)
    dlg.set_value("problem_categories", "党员教育管理、作风建设、阵地建设")
    dlg.set_value("problem_deadline_days", "20")
    assert dlg.save() is True

    after = page.problem_dialog()  # the same page, no restart
    assert [after.category.itemText(i) for i in range(after.category.count())] == ["党员教育管理", "作风建设", "阵地建设"]
    with gui_db.session() as s:
        assert get_setting(s, "problem_deadline_days") == "20"
        changes = [e.changed for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting"))]
    assert {"problem_deadline_days": ["15", "20"]} in changes


def test_a_used_category_removed_on_the_page_is_mapped(qtbot, ctx, gui_db, actor, messages):
    from models.supervision import Problem
    from tests.factories import County
    from tests.supervision_factories import problem

    with gui_db.session() as s:
        from models.org import Organization

        village = s.scalar(select(Organization).where(Organization.short_name == "红星村党支部"))
        problem(s, actor, village, category="组织生活")
        s.commit()
    assert County  # the county of the gui_db fixture
    dlg = make_dialog(qtbot, ctx)
    asked = []
    dlg.ask_mapping = lambda old, count, choices: asked.append((old, count, choices)) or "作风建设"
    dlg.set_value("problem_categories", "组织建设、作风建设")
    assert dlg.save() is True
    assert asked == [("组织生活", 1, ["组织建设", "作风建设"])]
    with gui_db.session() as s:
        assert s.scalar(select(Problem.category)) == "作风建设"


def test_bad_value_is_refused_with_the_rule(qtbot, ctx, gui_db, messages):
    dlg = make_dialog(qtbot, ctx)
    dlg.set_value("problem_categories", "组织建设、组织建设")
    assert dlg.save() is False
    assert "“组织建设”重复" in messages[-1][2]
    dlg.set_value("county_name", "")
    dlg.set_value("problem_categories", "组织建设")
    assert dlg.save() is False
    assert "县委名称" in messages[-1][2] and "不能为空" in messages[-1][2]


def test_county_name_renames_the_committee(qtbot, ctx, gui_db, messages):
    from models.org import Organization

    dlg = make_dialog(qtbot, ctx)
    dlg.set_value("county_name", "中共新县委员会")
    dlg.set_value("agency_code", "新组")
    assert dlg.save() is True
    with gui_db.session() as s:
        assert s.scalar(select(Organization.name).where(Organization.parent_id.is_(None))) == "中共新县委员会"


def test_read_only_for_other_accounts(qtbot, gui_db, messages):
    from desktop.context import AppContext
    from models.actor import Actor

    dlg = make_dialog(qtbot, AppContext(gui_db, Actor("领导", "只读")))
    assert dlg.readonly_note.isVisibleTo(dlg)
    assert not dlg.fields["problem_categories"].isEnabled()
    assert not dlg.scheme_form.save_button.isEnabled()
    dlg.fields["problem_categories"].setText("甲")  # even if typed: nothing is written
    assert dlg.save() is True
    from models.settings import get_setting

    with gui_db.session() as s:
        assert get_setting(s, "problem_categories").startswith("组织建设")


def test_scheme_form_names_faults_and_saves(qtbot, ctx, gui_db, actor, messages):
    from PySide6.QtWidgets import QTableWidgetItem

    from models.services import evaluation as ev

    with gui_db.session() as s:
        ev.ensure_builtin_schemes(s, actor)
        s.commit()
    dlg = make_dialog(qtbot, ctx)
    form = dlg.scheme_form
    form.load_names()
    form.scheme.setCurrentIndex(form.scheme.findText("星级党支部"))
    assert form.check() is True
    form.tables["items"].setItem(0, 2, QTableWidgetItem("20"))
    assert form.check() is False
    assert "各评价项目最高分合计为105分，应为满分100分" in form.result.text()
    assert form.save() is False
    form.tables["items"].setItem(0, 2, QTableWidgetItem("15"))
    form.tables["bands"].setItem(1, 1, QTableWidgetItem("95"))
    assert form.check() is False and "重叠" in form.result.text()
    form.tables["bands"].setItem(1, 1, QTableWidgetItem("85"))
    assert form.save() is True
    with gui_db.session() as s:
        assert [b.min for b in ev.definition_of(ev.find_scheme(s, "星级党支部")).bands][:2] == [90, 85]


def test_a_county_clerk_has_no_enabled_shared_input_and_no_save(qtbot, gui_db, messages):
    """Read-only means read-only: every shared input disabled, 关闭 instead of 取消, and no 保存
    on the shared tabs; the per-computer tabs (本机, 文书) keep their 保存 (docs/screen.md)."""
    from PySide6.QtWidgets import QLineEdit, QSpinBox

    from desktop.context import AppContext
    from models.actor import Actor

    dlg = make_dialog(qtbot, AppContext(gui_db, Actor("县里", "县级办事员")))
    dlg.show()
    assert tab_titles(dlg)[0] == "单位" and dlg.tabs.currentIndex() == 0
    assert not dlg.save_button.isVisible()
    for index in range(dlg.tabs.count()):
        dlg.tabs.setCurrentIndex(index)
        page = dlg.tabs.widget(index)
        if page.objectName() in ("tab_本机", "tab_文书"):
            assert dlg.save_button.isVisible()
            continue
        assert not dlg.save_button.isVisible(), dlg.tabs.tabText(index)
        editable = [w.objectName() for w in page.findChildren(QLineEdit) + page.findChildren(QSpinBox)
                    if w.isEnabled() and not w.isReadOnly() and w.parent() is not None
                    and not isinstance(w.parent(), QSpinBox)]
        assert editable == [], (dlg.tabs.tabText(index), editable)
    assert "关闭" in [b.text() for b in dlg.findChildren(type(dlg.save_button))]


def test_an_administrator_sees_save_on_every_tab(qtbot, ctx, gui_db, messages):
    dlg = make_dialog(qtbot, ctx)
    dlg.show()
    for index in range(dlg.tabs.count()):
        dlg.tabs.setCurrentIndex(index)
        assert dlg.save_button.isVisible()


def test_the_two_deadline_pairs_are_told_apart_in_both_languages(qtbot, ctx, gui_db, messages):
    from PySide6.QtWidgets import QFormLayout

    from models.setting_specs import DECLARED
    from models.settings import DEFAULTS

    assert set(DEFAULTS) <= set(DECLARED)  # every setting named, in Chinese and English
    for spec in DECLARED.values():
        assert spec.label != spec.key and spec.label_en and spec.meaning_en, spec.key
    labels = [s.label for s in DECLARED.values()]
    assert len(set(labels)) == len(labels) and len({s.label_en for s in DECLARED.values()}) == len(labels)
    dlg = make_dialog(qtbot, ctx)
    form = dlg.fields["supervision_deadline_days"].parent().layout()
    assert isinstance(form, QFormLayout)
    shown = form.labelForField(dlg.fields["supervision_deadline_days"]).text()
    assert shown == "督办函整改天数（一般）："
    assert form.labelForField(dlg.fields["problem_deadline_days"]).text() == "问题整改天数（一般）："
    assert "supervision" not in shown
