"""The member lifecycle on the command line (docs/member-lifecycle.md): 转正 decisions and the
due list, 失联 with contact attempts and the decision point, 组织关系转出/转入 with 介绍信 and
回执, 停止党籍; the history shows each step and the quarterly workbook counts the transfers."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from openpyxl import load_workbook

import desktop.cli as cli
from models.actor import Actor
from models.db import open_database
from models.enums import EndReason
from models.member import Member
from models.services.members import create_member
from tests.factories import build_county, id_number, member_values

ADMIN = Actor("测试员", "管理员")
TODAY = date.today()


@pytest.fixture
def county(sqlite_path):
    db = open_database(sqlite_path)
    with db.transaction() as s:
        build_county(s, ADMIN)
        ids = {
            "full": create_member(s, ADMIN, member_values(1)).id,
            "overdue": create_member(s, ADMIN, member_values(2, name="李逾期", full_on=None,
                                                            joined_on=TODAY - timedelta(days=400))).id,
            "due": create_member(s, ADMIN, member_values(3, name="李将满", full_on=None,
                                                        joined_on=TODAY - timedelta(days=350))).id,
            "young": create_member(s, ADMIN, member_values(4, name="李新", full_on=None,
                                                          joined_on=TODAY - timedelta(days=100))).id,
        }
    db.dispose()
    return sqlite_path, ids


@pytest.fixture
def run(county, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(["--db", str(county[0]), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_transfer_out_ends_membership_history_and_quarterly_count_it(run, county, tmp_path):
    mid = str(county[1]["full"])
    code, out, err = run("member", "transfer-out", "--id", mid, "--to", "甘肃省兰州市城关区某街道党工委",
                         "--letter", "某组转〔2026〕15号", "--date", TODAY.isoformat())
    assert (code, err) == (0, "")
    assert "介绍信某组转〔2026〕15号" in out and "原因 转出" in out
    db = open_database(county[0])
    with db.session() as s:
        m = s.get(Member, int(mid))
        assert m.ended_on == TODAY and m.end_reason == EndReason.TRANSFERRED_OUT
        assert "某组转〔2026〕15号" in m.end_note
    db.dispose()

    code, out, _ = run("member", "history", "--id", mid)
    lines = out.splitlines()
    event = lines[lines.index("党员经历") + 2]
    assert event.startswith(f"{TODAY}\t组织关系转出\t")
    assert "转往甘肃省兰州市城关区某街道党工委，介绍信某组转〔2026〕15号，回执未收到" in event

    code, out, err = run("member", "receipt", "--id", mid, "--date", TODAY.isoformat())
    assert (code, err) == (0, "") and f"回执{TODAY}" in out

    quarter = f"{TODAY.year}Q{(TODAY.month - 1) // 3 + 1}"
    path = tmp_path / "q.xlsx"
    code, _out, err = run("export", "quarterly", "--quarter", quarter, "--out", str(path))
    assert code == 0, err
    ws = load_workbook(path)["党组织和党员"]
    header = next(r for r in ws.iter_rows(values_only=True) if r and "本期转出县外" in r)
    col = header.index("本期转出县外")
    east = next(r for r in ws.iter_rows(values_only=True) if r and r[0] and "东城镇" in str(r[0]))
    assert east[col] == 1

    code, _out, err = run("member", "end", "--id", str(county[1]["due"]), "--date", TODAY.isoformat(),
                          "--reason", "转出")
    assert code == 1 and "member transfer-out" in err


def test_transfer_in_records_the_letter(run):
    code, out, err = run("member", "transfer-in", "--name", "赵转入", "--id-number", id_number(40),
                         "--org", "红星村党支部", "--joined", "2001-07-01", "--full", "2002-07-01",
                         "--from", "某省某县某镇党委", "--letter", "外组转〔2026〕3号", "--date", TODAY.isoformat())
    assert (code, err) == (0, "") and "转自某省某县某镇党委" in out
    mid = out.split("编号")[1].split("，")[0]
    _code, out, _ = run("member", "history", "--id", mid)
    assert "组织关系转入" in out and "转自某省某县某镇党委，介绍信外组转〔2026〕3号" in out


def test_probation_list_and_decisions(run, county):
    ids = county[1]
    code, out, _ = run("member", "probation")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "所在党支部\t编号\t姓名\t加入党组织日期\t预备期至\t状态"
    assert [line.split("\t")[2:] for line in lines[1:-1]] == [
        ["李逾期", str(TODAY - timedelta(days=400)), lines[1].split("\t")[4], "逾期"],
        ["李将满", str(TODAY - timedelta(days=350)), lines[2].split("\t")[4], "到期"],
    ]
    assert lines[-1] == "共2人，其中逾期1人"

    code, out, err = run("member", "decide", "--id", str(ids["overdue"]), "--decision", "转正",
                         "--date", TODAY.isoformat(), "--note", "支部大会通过")
    assert (code, err) == (0, "") and "转正" in out
    code, out, _ = run("member", "show", "--id", str(ids["overdue"]))
    assert f"转为正式党员日期：{TODAY}" in out

    code, _out, err = run("member", "decide", "--id", str(ids["young"]), "--decision", "转正",
                          "--date", TODAY.isoformat())
    assert code == 1 and "不能早于入党满1年" in err
    until = (TODAY - timedelta(days=350) + timedelta(days=600)).isoformat()
    code, out, err = run("member", "decide", "--id", str(ids["due"]), "--decision", "延长预备期",
                         "--date", TODAY.isoformat(), "--until", until)
    assert (code, err) == (0, "")
    code, out, _ = run("member", "show", "--id", str(ids["due"]))
    assert f"预备期至：{until}（已延长）" in out
    code, _out, err = run("member", "decide", "--id", str(ids["due"]), "--decision", "延长预备期",
                          "--date", TODAY.isoformat(), "--until", until)
    assert code == 1 and "只能延长一次" in err


def test_lost_contact_attempts_decision_point_and_suspension(run, county):
    mid = str(county[1]["full"])
    lost_on = TODAY - timedelta(days=200)
    code, out, err = run("member", "lost", "--id", mid, "--date", lost_on.isoformat(), "--note", "外出务工")
    assert (code, err) == (0, "") and "处理期限" in out
    code, out, err = run("member", "contact", "--id", mid, "--date", TODAY.isoformat(), "--note", "电话停机，走访家属未果")
    assert (code, err) == (0, "") and out.startswith("已记录联系尝试")
    code, out, _ = run("member", "lost-list")
    row = out.splitlines()[1].split("\t")
    assert row[2:4] == ["张芳1", str(lost_on)] and row[5] == "逾期"
    code, out, err = run("member", "suspend", "--id", mid, "--date", TODAY.isoformat(), "--note", "党委批复")
    assert (code, err) == (0, "") and out.startswith("已停止党籍")
    code, out, _ = run("member", "history", "--id", mid)
    assert "失去联系" in out and "联系尝试" in out and "电话停机，走访家属未果" in out and "停止党籍" in out
    code, out, _ = run("member", "lost-list")
    assert out.splitlines()[-1] == "共0人，其中逾期0人"


@pytest.mark.parametrize("action", ["probation", "decide", "lost", "contact", "lost-list", "transfer-out",
                                    "receipt", "transfer-in", "suspend"])
def test_lifecycle_help(action):
    with pytest.raises(SystemExit) as exc:
        cli.main(["member", action, "--help"])
    assert exc.value.code == 0


def test_check_lists_overdue_probation_and_lost_members(run, county):
    run("member", "lost", "--id", str(county[1]["full"]), "--date", (TODAY - timedelta(days=200)).isoformat())
    code, out, _ = run("check")
    assert code == 0
    lines = out.splitlines()
    assert any(line.startswith("转正逾期\t红星村党支部\t预备党员李逾期预备期已于") for line in lines)
    assert any(line.startswith("失联待处理\t红星村党支部\t张芳1自") for line in lines)
    assert not any("李新" in line or "李将满" in line for line in lines)


def test_editing_the_lost_month_drops_the_old_lost_day(run, county):
    mid = str(county[1]["full"])
    run("member", "lost", "--id", mid, "--date", (TODAY - timedelta(days=200)).isoformat())
    code, _out, err = run("member", "edit", "--id", mid, "--lost-contact", "否", "--lost-since", "")
    assert (code, err) == (0, "")
    code, _out, err = run("member", "edit", "--id", mid, "--lost-contact", "是", "--lost-since", TODAY.strftime("%Y-%m"))
    assert (code, err) == (0, "")
    _code, out, _ = run("member", "lost-list")
    row = out.splitlines()[1].split("\t")
    assert row[3] == str(TODAY.replace(day=1)) and row[5] == "未到期"
