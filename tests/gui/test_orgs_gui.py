"""The organization page: the tree model, create, move, dissolve, flags in the tree."""

from __future__ import annotations

from sqlalchemy import select

from models.enums import OrgStatus
from models.org import Organization


def tree_names(model, parent=None):
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    out = []
    for r in range(model.rowCount(parent)):
        idx = model.index(r, 0, parent)
        out.append(idx.data())
        out += tree_names(model, idx)
    return out


def test_create_move_dissolve_organization(qtbot, ctx, gui_db, messages, qtmodeltester):
    from desktop.pages.orgs import OrgsPage

    page = OrgsPage(ctx)
    qtbot.addWidget(page)
    qtmodeltester.check(page.tree_model)
    qtmodeltester.check(page.members_model)
    with gui_db.session() as s:
        east = s.scalar(select(Organization).where(Organization.short_name == "东城镇党委"))
        west_id = s.scalar(select(Organization.id).where(Organization.short_name == "西山乡党委"))
    page.select_org(east.id)
    form = page.new_org()
    form.fields["name"].editor.setText("中共东城镇新华村支部委员会")
    form.fields["short_name"].editor.setText("新华村党支部")
    form.fields["phone"].editor.setText("12345")
    assert form.save() is False
    assert "手机号" in form.fields["phone"].error.text()
    form.fields["phone"].editor.setText("13800001111")
    with qtbot.waitSignal(form.saved):
        assert form.save() is True
    assert "新华村党支部" in tree_names(page.tree_model)
    assert page.details["name"].text() == "中共东城镇新华村支部委员会"
    # a new branch has no members: the structure warning shows in the tree
    idx = page.tree.currentIndex()
    assert "少于3名" in idx.data(0x0003)  # ToolTipRole
    assert "需关注" in idx.siblingAtColumn(3).data()
    qtmodeltester.check(page.tree_model)

    move = page.move_org()
    move.target.setCurrentIndex(move.target.findData(west_id))
    with qtbot.waitSignal(move.saved):
        assert move.save() is True
    node = page.tree_model.by_id[page.current_id()]
    assert node.parent.name == "西山乡党委"

    dissolve = page.dissolve_org()
    dissolve.reason.setText("村庄合并")
    with qtbot.waitSignal(dissolve.saved):
        assert dissolve.save() is True
    assert "新华村党支部" not in tree_names(page.tree_model)
    with gui_db.session() as s:
        org = s.scalar(select(Organization).where(Organization.short_name == "新华村党支部"))
        assert org.status == OrgStatus.DISSOLVED


def test_weak_and_model_flags_show_in_tree(qtbot, ctx, gui_db, actor):
    from desktop.pages.orgs import OrgsPage
    from models.services.orgs import update_org

    with gui_db.session() as s:
        village = s.scalar(select(Organization).where(Organization.short_name == "红星村党支部"))
        update_org(s, actor, village.id, weak_year=2025, weak_reason="班子不团结")
        school = s.scalar(select(Organization).where(Organization.short_name == "中心小学党支部"))
        update_org(s, actor, school.id, model_level="县级", model_year=2025)
        s.commit()
    page = OrgsPage(ctx)
    qtbot.addWidget(page)
    idx = page.tree_model.index_of(village.id)
    assert "软弱涣散" in idx.siblingAtColumn(3).data()
    assert "软弱涣散" in idx.data(0x0003)
    assert "示范点" in page.tree_model.index_of(school.id).siblingAtColumn(3).data()


def test_dissolving_an_org_with_members_is_refused(qtbot, ctx, gui_db, actor, messages):
    from desktop.pages.orgs import OrgsPage
    from models.services.members import create_member
    from tests.factories import member_values

    with gui_db.session() as s:
        create_member(s, actor, member_values(1))
        village = s.scalar(select(Organization).where(Organization.short_name == "红星村党支部"))
        s.commit()
    page = OrgsPage(ctx)
    qtbot.addWidget(page)
    page.select_org(village.id)
    qtbot.waitUntil(lambda: page.members_model.rowCount() == 1)
    dlg = page.dissolve_org()
    assert dlg.save() is False
    assert "还有1名党员" in messages[-1][2]


def test_search_box_on_the_tree(qtbot, ctx, gui_db, messages):
    from desktop.pages.orgs import OrgsPage

    page = OrgsPage(ctx)
    qtbot.addWidget(page)
    page.find.setText("xfsq")  # pinyin initials of 幸福社区
    assert page.current_id() is not None
    assert page.details["name"].text().startswith("中共东城镇幸福社区")
    assert page.find_note.text() == "第1个，共1个相符"
    page.find.setText("党支部")  # every branch: Enter moves to the next one
    first = page.current_id()
    page.find.returnPressed.emit()
    assert page.current_id() != first and page.find_note.text().startswith("第2个")
    page.find.setText("高庄")
    assert page.find_note.text() == "没有相符的党组织"


def test_organizations_imported_through_the_wizard(qtbot, ctx, gui_db, messages, tmp_path):
    """党组织 → 导入…: a county's own organization list (title row, 序号, 党组织名称/支部书记) is placed
    and shown before anything is written; the tree then holds the new branch."""
    from openpyxl import Workbook

    from desktop.pages.orgs import OrgsPage

    page = OrgsPage(ctx)
    qtbot.addWidget(page)
    path = tmp_path / "组织.xlsx"
    wb = Workbook()
    ws = wb.active
    ws.append(["东城镇党组织名册"])
    ws.append(["序号", "组织名称", "简称", "组织类别", "单位属性", "上级党组织", "书记"])
    ws.append([1, "中共东城镇新华村支部委员会", "新华村党支部", "党支部", "农村", "东城镇党委", "王五"])
    wb.save(path)
    wizard = page.import_orgs(str(path))
    assert wizard.windowTitle() == "导入党组织"
    qtbot.waitUntil(lambda: wizard.checks >= 1, timeout=10000)
    assert wizard.mapping.field_of("序号") == "（不导入）" and "1行无误" in wizard.summary.text()
    assert "新华村党支部" not in tree_names(page.tree_model)
    with qtbot.waitSignal(wizard.imported, timeout=10000):
        wizard.accept()
    assert messages[-1][:2] == ("info", "导入完成")
    assert "新华村党支部" in tree_names(page.tree_model)


def _org_id(db, short_name):
    with db.session() as s:
        return s.scalar(select(Organization.id).where(Organization.short_name == short_name))


def test_a_township_clerk_starts_at_their_township_and_is_told_what_they_cannot_change(qtbot, gui_db):
    from desktop.context import AppContext
    from desktop.pages.orgs import OrgsPage
    from models.actor import Actor

    east = _org_id(gui_db, "东城镇党委")
    page = OrgsPage(AppContext(gui_db, Actor("东城镇组织委员", "乡镇办事员", east)))
    qtbot.addWidget(page)
    assert page.current_id() == east and page.details["name"].text() == "中共某某县东城镇委员会"
    assert all(page.buttons[k].isEnabled() for k in ("new", "edit", "move", "dissolve", "import"))
    page.select_org(page.tree_model.roots[0].oid)  # the county committee above the township
    for key in ("new", "edit", "move", "dissolve"):
        assert not page.buttons[key].isEnabled()
        assert page.buttons[key].toolTip() == "乡镇账号只能处理本乡镇的党组织"
    assert page.buttons["roster"].isEnabled()
    page.select_org(_org_id(gui_db, "红星村党支部"))
    assert page.buttons["new"].isEnabled() and page.buttons["new"].toolTip() == ""


def test_a_reader_sees_the_changing_buttons_disabled_with_the_reason(qtbot, gui_db):
    from desktop.context import AppContext
    from desktop.pages.orgs import OrgsPage
    from models.actor import Actor

    page = OrgsPage(AppContext(gui_db, Actor("领导", "只读")))
    qtbot.addWidget(page)
    for key in ("new", "edit", "move", "dissolve", "import"):
        assert not page.buttons[key].isEnabled()
    assert page.buttons["edit"].toolTip() == "只读账号只能查看和打印，不能维护党组织和党员信息"


def test_the_members_under_an_organization_keep_the_rosters_order(qtbot, ctx, gui_db, actor):
    """Not sorted Z to A by name (Qt's default sort indicator) until the clerk clicks a header."""
    from desktop.pages.orgs import OrgsPage
    from models.services.members import create_member, roster_rows
    from tests.factories import member_values

    with gui_db.session() as s:
        for n in (1, 2, 3):
            create_member(s, actor, member_values(n, name=("安强", "周明", "白云")[n - 1]))
        s.commit()
        county = s.scalar(select(Organization.id).where(Organization.parent_id.is_(None)))
        expected = [r[1] for r in roster_rows(s, actor, org_id=county)]
    page = OrgsPage(ctx)
    qtbot.addWidget(page)
    page.select_org(county)
    qtbot.waitUntil(lambda: page.members_model.rowCount() == 3)
    names = [page.members_model.rows[r][1] for r in range(3)]
    assert names == expected and names != ["周明", "白云", "安强"]
