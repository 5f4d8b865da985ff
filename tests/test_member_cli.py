"""`dangjian member …`: what the 党员名册 page does for one member, on the command line."""

from __future__ import annotations

import pytest

import desktop.cli as cli
from models.actor import Actor
from models.db import open_database
from models.services.members import create_member
from models.services.orgs import find_org
from tests.factories import build_county, id_number, member_values

ADMIN = Actor("测试员", "管理员")


@pytest.fixture
def county_db(sqlite_path):
    """The county of tests/factories.py with 张芳1 in 红星村 (东城镇) and 张静4 in 中心小学 (西山乡)."""
    db = open_database(sqlite_path)
    with db.transaction() as s:
        build_county(s, ADMIN)
        ids = {v["name"]: create_member(s, ADMIN, v).id
               for v in (member_values(1), member_values(4, org="中心小学党支部"))}
        east = find_org(s, "东城镇党委", ADMIN).id
    db.dispose()
    return sqlite_path, ids, east


@pytest.fixture
def run(county_db, capsys):
    path = county_db[0]

    def run(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = cli.main(["--db", str(path), *argv])
        out = capsys.readouterr()
        return code, out.out, out.err

    return run


def test_add_show_edit_transfer_end_reinstate_and_history(run, county_db):
    number = id_number(21)
    code, out, err = run("member", "add", "--name", "王伟", "--id-number", number, "--org", "红星村党支部",
                         "--joined", "2005.7.1", "--education", "大学本科", "--phone", "13800000021")
    assert (code, err) == (0, "")
    assert out.startswith("已新增党员：王伟（编号") and out.rstrip().endswith("，红星村党支部）")
    mid = out.split("编号")[1].split("，")[0]

    code, out, _ = run("member", "search", "ww")  # pinyin initials
    assert code == 0 and out.splitlines()[:2] == ["编号\t姓名\t所在党支部\t公民身份号码\t状态",
                                                 f"{mid}\t王伟\t红星村党支部\t{number}\t在册"]
    assert out.splitlines()[-1] == "共1人"

    code, out, _ = run("member", "show", "--id", mid)
    lines = out.splitlines()
    assert code == 0 and lines[:3] == [f"编号：{mid}", "状态：在册", "姓名：王伟"]
    for line in ("性别：男", f"公民身份号码：{number}", "出生日期：1980-05-17", "学历：大学本科",
                 "所在党支部：中共东城镇红星村支部委员会", "加入党组织日期：2005-07-01", "转为正式党员日期：",
                 "联系电话：13800000021", "党籍状态：正常", "是否失联：否", "组织关系：",
                 "  2005-07-01 至今  中共东城镇红星村支部委员会"):
        assert line in lines, line

    code, out, _ = run("member", "edit", "--id", mid, "--phone", "13911112222", "--address", "东城镇红星村3组")
    assert code == 0 and out.strip() == f"已修改：王伟（编号{mid}，红星村党支部）：联系电话、家庭住址"

    code, out, _ = run("member", "transfer", "--id", mid, "--to", "幸福社区党支部", "--date", "2024-03-01",
                       "--note", "搬迁")
    assert code == 0 and out.strip() == "已转接组织关系：王伟：红星村党支部 → 幸福社区党支部（2024-03-01）"

    code, out, _ = run("member", "end", "--id", mid, "--date", "2025-06-01", "--reason", "停止党籍")
    assert code == 0 and out.startswith(f"已终止党籍：王伟（编号{mid}，幸福社区党支部），2025-06-01，停止党籍")
    assert run("member", "search", "王伟")[1].splitlines()[-1] == "共0人"
    assert run("member", "search", "王伟", "--all")[1].splitlines()[1].endswith("\t已终止")

    code, out, _ = run("member", "reinstate", "--id", mid, "--reason", "误操作")
    assert code == 0 and out.strip() == f"已恢复党籍：王伟（编号{mid}，幸福社区党支部）"
    lines = run("member", "show", "--id", mid)[1].splitlines()
    assert "状态：在册" in lines and "党籍状态：正常" in lines
    assert lines[-2:] == ["  2005-07-01 至 2024-03-01  中共东城镇红星村支部委员会",
                          "  2024-03-01 至今  中共东城镇幸福社区支部委员会（搬迁）"]

    code, out, _ = run("member", "history", "--id", mid)
    lines = out.splitlines()
    assert code == 0 and lines[:3] == [f"王伟（编号{mid}，幸福社区党支部）", "组织关系", "转入日期\t转出日期\t党组织\t说明"]
    assert lines[3:5] == ["2005-07-01\t2024-03-01\t中共东城镇红星村支部委员会\t",
                          "2024-03-01\t\t中共东城镇幸福社区支部委员会\t搬迁"]
    actions = [line.split("\t")[2] for line in lines[7:]]
    assert actions == ["恢复党籍", "终止党籍", "组织关系转接", "修改", "新增"]
    assert lines[7].endswith("党籍状态：停止党籍 → 正常\t误操作")


def test_refused_input_is_told_field_by_field(run, county_db):
    code, out, err = run("member", "add", "--name", "李四", "--id-number", "123", "--org", "不存在的支部",
                         "--joined", "2005-07-01", "--phone", "12345")
    assert code == 1 and out == ""
    assert err.splitlines() == ["所在党支部：找不到党组织“不存在的支部”", "公民身份号码：应为18位，实为3位",
                                "联系电话：应为11位手机号（1开头）或带区号的固定电话"]
    mid = str(county_db[1]["张芳1"])
    code, _, err = run("member", "edit", "--id", mid, "--gender", "男", "--lost-contact", "是")
    assert code == 1 and err.splitlines() == ["性别：与公民身份号码不符（号码为女性）",
                                              "失去联系日期：失联党员须填写失去联系的年月"]
    code, _, err = run("member", "transfer", "--id", mid, "--to", "幸福社区党支部", "--date", "2024-13-01")
    assert code == 1 and err.strip() == "转接日期：“2024-13-01”不是有效日期"
    code, _, err = run("member", "reinstate", "--id", mid, "--reason", "误操作")
    assert code == 1 and err.strip() == "“张芳1”的党籍未终止"
    code, _, err = run("member", "edit", "--id", mid)
    assert code == 2 and "请至少给出一项要修改的内容" in err


def test_a_township_clerk_sees_masked_numbers_and_not_another_townships_member(run, county_db, monkeypatch):
    _path, ids, east = county_db
    monkeypatch.setattr(cli.Context, "actor", lambda self, session: Actor("东城", "乡镇办事员", east))
    full = member_values(1)["id_number"]
    code, out, _ = run("member", "search", "张")
    rows = [line.split("\t") for line in out.splitlines()[1:-1]]
    assert code == 0 and [r[:3] for r in rows] == [[str(ids["张芳1"]), "张芳1", "红星村党支部"]]
    assert rows[0][3] == full[:6] + "********" + full[-4:]
    code, out, _ = run("member", "show", "--id", str(ids["张芳1"]))
    assert code == 0 and f"公民身份号码：{full[:6]}********{full[-4:]}" in out.splitlines() and full not in out
    for argv in (("show",), ("history",), ("end", "--date", "2025-06-01", "--reason", "死亡")):
        code, out, err = run("member", argv[0], "--id", str(ids["张静4"]), *argv[1:])
        assert (code, out, err.strip()) == (1, "", f"找不到党员（编号{ids['张静4']}）")
