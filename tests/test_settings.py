"""Shared settings (issue 15): validation at the boundaries, 管理员 only, audited, category mapping,
the `settings` and `audit` commands, and `init --agency-name`."""

from __future__ import annotations

import json

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from desktop.cli import main
from models.actor import Actor
from models.audit import AuditEntry
from models.db import open_database
from models.errors import NotFound, PermissionDenied, ValidationError
from models.org import Organization
from models.services import settings as st
from models.services import supervision as sv
from models.settings import get_setting
from models.supervision import Problem
from reports.supervision_import import PROBLEM_HEADERS
from tests.factories import build_county
from tests.supervision_factories import problem
from tests.test_accounts_cli import office, run  # noqa: F401  (fixture)
from tests.test_letters_cli_import import xlsx

ADMIN = Actor("测试员", "管理员")


@pytest.mark.parametrize(("key", "good", "bad"), [
    ("problem_deadline_days", ["1", "90", " 30 "], ["0", "91", "-1", "1.5", "十五", ""]),
    ("problem_deadline_days_serious", ["1", "90"], ["0", "91"]),
    ("letter_reply_days", ["1", "90"], ["0", "91"]),
    ("light_yellow_days", ["3", "90"], ["0", "91"]),
    ("light_orange_days", ["1", "7"], ["0", "91"]),
    ("warning_interview_count", ["1", "12"], ["0", "x"]),
    ("warning_deduction", ["0", "100"], ["-1", "101"]),
    ("pairing_max_per_org", ["1"], ["0"]),
    ("problem_categories", ["A", "A、B", "A，B,C"], ["", "A、A", "A、、B", "A、", "、"]),
    ("county_name", ["中共青山县委员会"], ["", "  "]),
    ("agency_code", ["青组"], [""]),
    ("letter_copies", ["", "县纪委"], []),
])
def test_validation_at_the_boundaries(session, actor, key, good, bad):
    for value in good:
        st.set_value(session, actor, key, value)
        assert get_setting(session, key) == st.normalize(st._spec(key), value)
    for value in bad:
        with pytest.raises(ValidationError) as exc:
            st.set_value(session, actor, key, value)
        assert st._spec(key).label in str(exc.value)


def test_messages_name_the_rule(session, actor):
    with pytest.raises(ValidationError, match=r"整改天数（一般）.*91超出范围，应为1–90的整数"):
        st.set_value(session, actor, "problem_deadline_days", "91")
    with pytest.raises(ValidationError, match="“组织生活”重复"):
        st.set_value(session, actor, "problem_categories", "组织生活、作风建设、组织生活")
    with pytest.raises(NotFound, match="没有设置项“no_such”"):
        st.set_value(session, actor, "no_such", "1")


def test_a_new_declaration_is_listed_and_validated(session, actor, monkeypatch):
    """A setting added to DEFAULTS without a spec (as issue 16 adds) is listed and validated by its name."""
    from models import settings

    monkeypatch.setitem(settings.DEFAULTS, "supervision_min_example", "1")
    monkeypatch.setitem(settings.DEFAULTS, "letter_example_days", "15")
    keys = [r.key for r in st.list_settings(session, actor)]
    assert "supervision_min_example" in keys and "letter_example_days" in keys
    with pytest.raises(ValidationError):
        st.set_value(session, actor, "supervision_min_example", "0")
    with pytest.raises(ValidationError):
        st.set_value(session, actor, "letter_example_days", "91")
    st.set_value(session, actor, "supervision_min_example", "3")
    assert get_setting(session, "supervision_min_example") == "3"


@pytest.mark.parametrize("role", ["县级办事员", "乡镇办事员", "只读"])
def test_only_the_administrator_changes_settings(session, role):
    other = Actor("某人", role)
    with pytest.raises(PermissionDenied, match="只有管理员"):
        st.set_value(session, other, "problem_deadline_days", "10")
    with pytest.raises(PermissionDenied):
        st.reset_value(session, other, "problem_deadline_days")
    with pytest.raises(PermissionDenied):
        st.list_settings(session, other)
    shown = st.settings_for_display(session, other)  # the read-only page
    assert [r for r in shown if r.key == "problem_deadline_days"][0].value == "15"


def audit_rows(session, entity="setting"):
    return list(session.scalars(select(AuditEntry).where(AuditEntry.entity == entity).order_by(AuditEntry.id)))


def test_every_change_is_audited_old_to_new(session, actor):
    st.set_value(session, actor, "letter_reply_days", "10")
    st.set_value(session, actor, "letter_reply_days", "10")  # no change: no row
    st.reset_value(session, actor, "letter_reply_days")
    st.set_value(session, actor, "letter_copies", "县纪委监委")
    rows = audit_rows(session)
    assert [(r.account, r.changed) for r in rows] == [
        ("测试员", {"letter_reply_days": ["15", "10"]}),
        ("测试员", {"letter_reply_days": ["10", "15"]}),
        ("测试员", {"letter_copies": ["", "县纪委监委"]}),
    ]
    from models.services.auditlog import describe_changes

    assert describe_changes(rows[0], actor) == [("反馈天数", "15", "10")]


def test_the_letter_deadline_days_are_named_apart_from_the_problem_days(session, actor, capsys):
    """`supervision_deadline_days` reads “督办函整改天数” in the log and `settings list`, beside
    the problem's own “问题整改天数”, never as a program key alone."""
    from models.services.auditlog import describe_changes

    st.set_value(session, actor, "supervision_deadline_days_serious", "10")
    assert describe_changes(audit_rows(session)[-1], actor) == [("督办函整改天数（严重）", "7", "10")]
    labels = {r.key: r.label for r in st.list_settings(session, actor)}
    assert labels["supervision_deadline_days"] == "督办函整改天数（一般）"
    assert labels["problem_deadline_days"] == "问题整改天数（一般）"


def test_renaming_a_used_category_maps_its_problems(session, actor, county):
    for text in ("三会一课记录不全", "党费收缴不及时", "主题党日活动未开展"):
        problem(session, actor, county.village, category="组织生活", description=text)
    problem(session, actor, county.village, category="阵地建设", description="党员活动室被挪作他用")
    session.commit()
    new = "组织建设、党员教育管理、作风建设、阵地建设"
    with pytest.raises(ValidationError) as exc:
        st.set_value(session, actor, "problem_categories", new)
    assert "“组织生活”已有3个问题使用，不能直接删除" in str(exc.value)
    with pytest.raises(ValidationError, match="“不存在”不在新的类别中"):
        st.set_value(session, actor, "problem_categories", new, {"组织生活": "不存在"})
    session.rollback()
    change = st.set_value(session, actor, "problem_categories", new, st.parse_mapping(["组织生活=作风建设"]))
    session.commit()
    assert change.mapped == [("组织生活", "作风建设", 3)]
    cats = session.execute(select(Problem.category, Problem.version).order_by(Problem.id)).all()
    assert cats == [("作风建设", 2)] * 3 + [("阵地建设", 1)]
    mapped = audit_rows(session, "problem")[-1]
    assert mapped.changed == {"category": ["组织生活", "作风建设"]}
    assert "3个问题" in mapped.note
    assert sv.categories(session) == ["组织建设", "党员教育管理", "作风建设", "阵地建设"]


def test_renaming_the_county_renames_the_committee(session, actor, county):
    st.set_value(session, actor, "county_name", "中共青山县委员会")
    root = session.scalar(select(Organization).where(Organization.parent_id.is_(None)))
    assert root.name == "中共青山县委员会"
    org_row = audit_rows(session, "organization")[-1]
    assert org_row.changed == {"name": ["中共某某县委员会", "中共青山县委员会"]}


# ---------------------------------------------------------------- the command line


def test_cli_refuses_clerks_and_read_only(office, monkeypatch, capsys):  # noqa: F811
    for user in ("东城", "领导", "县级甲"):
        assert run(office, user, "settings", "set", "problem_deadline_days", "10", monkeypatch=monkeypatch) == 3
        assert "修改系统设置" in capsys.readouterr().err
        assert run(office, user, "settings", "reset", "letter_reply_days", monkeypatch=monkeypatch) == 3
    for user in ("东城", "领导"):
        assert run(office, user, "settings", "list", monkeypatch=monkeypatch) == 3
    assert run(office, "管理员", "settings", "set", "problem_deadline_days", "91", monkeypatch=monkeypatch) == 1
    assert "应为1–90的整数" in capsys.readouterr().err
    assert run(office, "管理员", "settings", "set", "problem_deadline_days", "10", monkeypatch=monkeypatch) == 0
    assert "已修改问题整改天数（一般）（problem_deadline_days）：15 → 10" in capsys.readouterr().out
    assert run(office, "管理员", "settings", "get", "problem_deadline_days", monkeypatch=monkeypatch) == 0
    assert capsys.readouterr().out == "10\n"
    assert run(office, "领导", "audit", monkeypatch=monkeypatch) == 3


@pytest.fixture
def county_file(sqlite_path):
    db = open_database(sqlite_path)
    with db.session() as s:
        build_county(s, ADMIN)
        s.commit()
    db.dispose()
    return sqlite_path


def cli(path, *argv) -> int:
    return main(["--db", str(path), *argv])


def test_cli_categories_then_import_and_audit(county_file, tmp_path, capsys):
    rows = [["2026-03-10", "红星村党支部", "督查", "党员教育管理", "学习教育走过场", "", "", "", "", ""],
            ["2026-03-11", "中心小学党支部", "督查", "作风建设", "值班脱岗", "", "", "", "", ""]]
    path = xlsx(tmp_path / "p.xlsx", PROBLEM_HEADERS, rows)
    assert cli(county_file, "import", "problems", str(path)) == 1
    assert "“党员教育管理”不在可选类别中" in capsys.readouterr().err
    old = xlsx(tmp_path / "old.xlsx", PROBLEM_HEADERS,
               [["2026-03-01", "红星村党支部", "督查", "组织生活", "三会一课记录不全", "", "", "", "", ""]])
    assert cli(county_file, "import", "problems", str(old)) == 0
    capsys.readouterr()

    assert cli(county_file, "settings", "set", "problem_categories", "党员教育管理、作风建设") == 1
    assert "“组织生活”已有1个问题使用，不能直接删除" in capsys.readouterr().err
    assert cli(county_file, "settings", "set", "problem_categories", "党员教育管理、作风建设",
               "--map", "组织生活=党员教育管理") == 0
    out = capsys.readouterr().out
    assert "1个问题的类别由“组织生活”改为“党员教育管理”" in out
    assert cli(county_file, "import", "problems", str(path)) == 0
    capsys.readouterr()

    assert cli(county_file, "settings", "list") == 0
    lines = capsys.readouterr().out.splitlines()
    line = next(x for x in lines if x.startswith("supervision_deadline_days\t"))
    assert line.split("\t")[1] == "督办函整改天数（一般）" and "督办函" in line.split("\t")[4]
    line = next(x for x in lines if x.startswith("problem_categories\t"))
    assert line.split("\t")[1:4] == ["问题类别", "党员教育管理、作风建设",
                                     "组织建设、党员管理、组织生活、阵地建设、制度落实、作用发挥、党风廉政"]

    assert cli(county_file, "audit", "--record", "设置", "--user", "管理员") == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "时间\t账号\t操作\t记录类型\t编号\t记录\t变更\t说明"
    cols = out[1].split("\t")
    assert cols[1:4] == ["管理员", "修改", "设置"] and cols[5] == "问题类别"
    assert cols[6] == ("问题类别：组织建设、党员管理、组织生活、阵地建设、制度落实、作用发挥、党风廉政 → "
                       "党员教育管理、作风建设")
    assert cli(county_file, "audit", "--record", "problem", "--since", "2020-01-01") == 0
    out = capsys.readouterr().out
    assert "问题类别：组织生活 → 党员教育管理" in out
    assert "党组织：（空） → 中共东城镇红星村支部委员会" in out  # names, not ids
    assert "\t问题\t1\t三会一课记录不全\t" in out and "\t问题\t3\t值班脱岗\t" in out

    assert cli(county_file, "audit", "--record", "党组织", "--id", "1", "--out", str(tmp_path / "a.xlsx")) == 0
    ws = load_workbook(tmp_path / "a.xlsx").active
    assert [c.value for c in ws[1]][:6] == ["时间", "账号", "操作", "记录类型", "编号", "记录"]
    assert ws.cell(2, 6).value == "中共某某县委员会"
    assert cli(county_file, "audit", "--since", "3月") == 1
    assert "--since" in capsys.readouterr().err


def test_init_agency_name(tmp_path, capsys):
    path = tmp_path / "n.sqlite3"
    assert cli(path, "init", "--county", "中共青山县委员会", "--agency", "青组") == 0
    out = capsys.readouterr().out
    assert "中共青山县委员会" in out and "发文机关：中共青山县委组织部" in out and "发文机关代字：青组" in out
    assert cli(path, "init", "--agency-name", "中共青山县委组织部党建办") == 0
    assert "发文机关：中共青山县委组织部党建办" in capsys.readouterr().out
    assert cli(path, "init", "--county", "中共绿水县委员会") == 0  # a custom agency name stays
    out = capsys.readouterr().out
    assert "中共绿水县委员会" in out and "发文机关：中共青山县委组织部党建办" in out
    assert cli(path, "audit", "--record", "党组织") == 0
    assert "组织名称：中共青山县委员会 → 中共绿水县委员会" in capsys.readouterr().out
    db = open_database(path)
    with db.session() as s:
        assert get_setting(s, "agency_name") == "中共青山县委组织部党建办"
        notes = [json.loads(e.changes) for e in s.scalars(select(AuditEntry).where(AuditEntry.entity == "setting"))]
    db.dispose()
    assert {"agency_name": ["中共青山县委组织部", "中共青山县委组织部党建办"]} in notes


def test_light_days_keep_their_order(session, actor):
    with pytest.raises(ValidationError, match="橙灯天数.*3天不应大于黄灯天数2天|橙灯天数：3天不应大于黄灯天数2天"):
        st.set_value(session, actor, "light_yellow_days", "2")
    session.rollback()
    st.set_values(session, actor, {"light_yellow_days": "2", "light_orange_days": "1"})
    assert (get_setting(session, "light_yellow_days"), get_setting(session, "light_orange_days")) == ("2", "1")


def test_audit_lists_and_audit_verify_verifies():
    from desktop.cli import build_parser
    from desktop.commands.auditverify import verify

    parser = build_parser()
    assert parser.parse_args(["audit", "verify"]).handler is verify
    args = parser.parse_args(["--user", "管理员", "audit", "--user", "张三", "--since", "2026-01-01"])
    assert args.handler.__name__ == "audit_list" and args.user == "管理员" and args.audit_user == "张三"


def test_settings_are_read_once_a_transaction_and_another_clerks_change_is_seen(db, actor):
    """Every setting in one statement for a whole transaction (a demo build asks thousands of times);
    a change written in the session is read back at once, and one another clerk commits is seen by
    the next transaction."""
    from sqlalchemy import event

    statements: list[str] = []

    def seen(conn, cursor, statement, *args):
        if "setting" in statement:
            statements.append(statement)

    with db.session() as mine, db.session() as theirs:
        event.listen(db.engine, "before_cursor_execute", seen)
        try:
            for _ in range(3):
                assert get_setting(mine, "letter_reply_days") == "15"
                assert get_setting(mine, "rating_veto") == "1"
                mine.flush()  # a flush does not end the transaction
            assert len(statements) == 1
            st.set_value(mine, actor, "letter_reply_days", "20")
            assert get_setting(mine, "letter_reply_days") == "20"
            mine.commit()
            assert get_setting(theirs, "letter_reply_days") == "20"
            st.set_value(theirs, actor, "letter_reply_days", "30")
            theirs.commit()
            assert get_setting(mine, "letter_reply_days") == "30"  # a new transaction reads again
            mine.rollback()
            st.set_value(mine, actor, "letter_reply_days", "40")
            mine.rollback()  # undone: not kept
            assert get_setting(mine, "letter_reply_days") == "30"
        finally:
            event.remove(db.engine, "before_cursor_execute", seen)
