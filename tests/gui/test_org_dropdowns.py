"""Every organization drop-down lists its organizations in pinyin order within their parent,
indented by level (forms.common.org_tree), and a short name that repeats carries its township."""

from __future__ import annotations

import pytest

from forms.common import ORG_INDENT, org_tree


def test_org_tree_sorts_each_parents_children_by_pinyin_and_indents():
    orgs = [(1, "县委", None), (2, "西山乡党委", 1), (3, "东城镇党委", 1), (4, "幸福社区党支部", 3),
            (5, "红星村党支部", 3), (6, "中心小学党支部", 2), (7, "安乐村党支部", 2)]
    assert org_tree(orgs) == [(1, "县委"), (3, ORG_INDENT + "东城镇党委"), (5, ORG_INDENT * 2 + "红星村党支部"),
                              (4, ORG_INDENT * 2 + "幸福社区党支部"), (2, ORG_INDENT + "西山乡党委"),
                              (7, ORG_INDENT * 2 + "安乐村党支部"), (6, ORG_INDENT * 2 + "中心小学党支部")]
    # a township clerk's list: the township is the top, without the county
    assert [t for _i, t in org_tree(orgs[2:3] + orgs[3:5])] == ["东城镇党委", ORG_INDENT + "红星村党支部",
                                                                 ORG_INDENT + "幸福社区党支部"]


@pytest.fixture
def gui_db(gui_db, actor):
    """The test county with 安乐村党支部 added last under 西山乡: by id it would follow 中心小学."""
    from sqlalchemy import select

    from models.enums import OrgKind, Sector
    from models.org import Organization
    from models.services.orgs import create_org

    with gui_db.session() as s:
        west = s.scalar(select(Organization).where(Organization.short_name == "西山乡党委"))
        create_org(s, actor, name="中共西山乡安乐村支部委员会", short_name="安乐村党支部", kind=OrgKind.BRANCH,
                   sector=Sector.RURAL, parent_id=west.id)
        s.commit()
    return gui_db


def _texts(combo):
    return [combo.itemText(i) for i in range(combo.count())]


def test_the_roster_filter_the_pairing_form_and_the_org_forms_list_in_pinyin_order(qtbot, ctx, gui_db, actor):
    from desktop.pages.members import MembersPage
    from forms.org_form import OrgForm
    from forms.pairing_form import PairingDialog, load_choices

    page = MembersPage(ctx)
    qtbot.addWidget(page)
    # 安乐村 (ān) before 中心小学 (zhōng) though made after it; 红星村 (hóng) before 幸福 (xìng)
    texts = _texts(page.org_filter)[1:]
    root = texts[0]
    want = [root, ORG_INDENT + "东城镇党委", ORG_INDENT * 2 + "红星村党支部", ORG_INDENT * 2 + "幸福社区党支部",
            ORG_INDENT + "西山乡党委", ORG_INDENT * 2 + "安乐村党支部", ORG_INDENT * 2 + "中心小学党支部"]
    assert texts == want
    with gui_db.session() as s:
        choices = load_choices(s, actor)
    dialog = PairingDialog(choices, lambda values: None)
    qtbot.addWidget(dialog)
    assert _texts(dialog.hh_org) == want
    top = dialog.org_tree.topLevelItem(0)
    assert [top.child(i).text(0) for i in range(top.childCount())] == ["东城镇党委", "西山乡党委"]
    assert [top.child(1).child(i).text(0) for i in range(top.child(1).childCount())] == ["安乐村党支部", "中心小学党支部"]
    form = OrgForm(gui_db, actor)
    qtbot.addWidget(form)
    assert _texts(form.fields["parent_id"].editor)[-len(want):] == want
