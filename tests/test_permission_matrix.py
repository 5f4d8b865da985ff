"""Role × action matrix: every command that reads or writes data, run as each of the four roles.

The county has two townships: A = 东城镇 (the township clerk's scope) and B = 西山乡. Each cell
asserts what a user would see: the command is refused with exit 3, or it runs and the township
clerk's output (standard output, standard error and any workbook written) names nothing of B,
and ID numbers are masked for 乡镇办事员 and 只读.

The commands run in-process (desktop.cli.main) on a fresh copy of one prepared database per cell.
The acting account is given to the command line as the Actor a login would return (the login
itself is tested in test_accounts*.py); every permission, scope and masking decision under test
is taken inside the actions.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

import desktop.cli as cli
from models.actor import SYSTEM, Actor
from models.db import open_database
from models.enums import EndReason, OrgKind, Sector
from models.evaluation import RoundStatus
from models.member import Member
from models.services import evaluation as ev
from models.services import supervision as sv
from models.services.members import create_member, end_membership
from models.services.orgs import create_org
from models.services.pairing import PartyRef, create_pairing
from reports.roster import MEMBER_HEADERS
from tests.evaluation_helpers import add_members, prepare_democratic
from tests.factories import build_county, member_values
from tests.supervision_factories import problem, task

ADMIN, COUNTY, TOWN, READER = "管理员", "县级办事员", "乡镇办事员", "只读"
ROLES = [ADMIN, COUNTY, TOWN, READER]
#: what must never reach the township clerk of A: B's organizations, members, problems, pairings
B_MARKERS = ["西山乡", "中心小学", "柳溪村", "张静4", "张丽5", "西山问题", "西山结对"]
A_MARKERS = ["东城镇", "张芳1", "东城问题", "东城结对"]


@dataclass
class World:
    path: Path
    east_id: int
    west_id: int
    east_problem: int
    west_problem: int
    ids: dict[str, str] = field(default_factory=dict)  # member name → full ID number
    mids: dict[str, int] = field(default_factory=dict)  # member name → member id


def _build(path: Path) -> World:
    db = open_database(path)
    actor = Actor("建库", ADMIN)
    with db.transaction() as s:
        county = build_county(s, actor)
        liuxi = create_org(s, actor, name="中共柳溪村支部委员会", short_name="柳溪村党支部",
                           kind=OrgKind.BRANCH, sector=Sector.RURAL, parent_id=county.west.id)
        add_members(s, actor, 3)  # 张芳1 张娜2 张敏3 in 红星村 (A)
        add_members(s, actor, 2, org="中心小学党支部", start=4)  # 张静4 张丽5 (B)
        # a locked 民主评议 with one 不合格 member in each township: follow-ups in A and B
        ev.ensure_builtin_schemes(s, actor)
        scheme = {x.name: x for x in ev.list_schemes(s)}["民主评议党员"]
        rnd = ev.open_round(s, actor, scheme, "2025", county.root)
        prepare_democratic(s, actor, rnd, public=1, commit=False)  # 自评 and each branch's meeting
        for row in ev.sheet_rows(s, rnd.id):
            grade = "不合格" if row.subject_name in ("张敏3", "张丽5") else "合格"
            ev.enter_scores(s, actor, row.sheet_id, row.version, raters={
                "党员互评": {"votes": {grade: 3}}, "群众评议": {"votes": {grade: 1}}})
        ev.set_status(s, actor, rnd.id, None, RoundStatus.REVIEWED)
        ev.set_status(s, actor, rnd.id, None, RoundStatus.POSTED, posting_start=date(2026, 1, 10))
        ev.lock_round(s, actor, rnd.id, today=date(2026, 1, 15))
        # the 三函 cycle: a task, one problem each, letters drafted and issued
        task(s, actor)
        pa = problem(s, actor, county.village, description="东城问题：三会一课记录不全")
        pb = problem(s, actor, county.school, description="西山问题：党费收缴不及时")
        drafts = sv.draft_letters(s, actor, "2026-03", date(2026, 3, 31))
        sv.issue_letters(s, actor, [x.id for x in drafts], date(2026, 3, 31), reason="补录")
        # one pairing inside each township, both idle (so `pairing check` reports them)
        create_pairing(s, actor, type="城乡联建", name="东城结对", start_on=date(2025, 1, 1),
                       leads=[PartyRef("org", county.community.id)],
                       assisted=[PartyRef("org", county.village.id)])
        create_pairing(s, actor, type="城乡联建", name="西山结对", start_on=date(2025, 1, 1),
                       leads=[PartyRef("org", county.school.id)],
                       assisted=[PartyRef("org", liuxi.id)])
        # a member of A whose membership ended (恢复党籍)
        ended = create_member(s, actor, member_values(6))  # 张强6 in 红星村
        end_membership(s, actor, ended.id, date(2026, 1, 5), EndReason.DEATH)
        world = World(path, county.east.id, county.west.id, pa.id, pb.id)
        world.ids = {m.name: m.id_number for m in s.query(Member)}
        world.mids = {m.name: m.id for m in s.query(Member)}
    db.dispose()
    return world


@pytest.fixture(scope="module")
def world(tmp_path_factory) -> World:
    return _build(tmp_path_factory.mktemp("matrix") / "base.sqlite3")


def actor_for(role: str, world: World) -> Actor:
    return Actor(f"测试{role}", role, world.east_id if role == TOWN else None)


def _members_book(path: Path, rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(MEMBER_HEADERS)
    for r in rows:
        ws.append(r)
    wb.save(path)
    return path


def _member_row(n: int, org: str) -> list:
    v = member_values(n, org=org)
    by_header = {"姓名": v["name"], "民族": "汉族", "公民身份号码": v["id_number"], "学历": "大学本科",
                 "人员类别": "农牧渔民", "所在党支部": org, "加入党组织日期": v["joined_on"],
                 "转为正式党员日期": v["full_on"]}
    return [by_header.get(h) for h in MEMBER_HEADERS]


def _workbook_text(path: Path) -> str:
    if not path.exists() or path.suffix != ".xlsx":
        return ""
    wb = load_workbook(path, read_only=True)
    return "\n".join(str(c) for ws in wb.worksheets for row in ws.iter_rows(values_only=True)
                     for c in row if c is not None)


@dataclass(frozen=True)
class Cell:
    """One action: its argv (placeholders filled from the world) and who may run it."""

    name: str
    argv: tuple[str, ...]
    #: roles refused with exit 3
    denied: frozenset[str] = frozenset()
    #: exit code when allowed (1 for the township clerk where B's data is "not found")
    town_code: int = 0
    #: the allowed output shows B's data for county-wide roles (proves the data is there)
    shows_b: bool = True
    #: the output carries ID numbers: masked for 乡镇办事员 and 只读, full for the others
    shows_ids: bool = False
    #: exit code for the roles allowed (1: the action ran and refused on a rule of the data)
    code: int = 0
    #: the township clerk's own input names B (a row error may repeat it)
    echoes_b: bool = False


NOT_WRITERS = frozenset({READER})
#: the ID number of a member added by `member add`
NEW_ID = member_values(44)["id_number"]
COUNTY_WRITERS_ONLY = frozenset({TOWN, READER})
COUNTY_VIEW = frozenset({TOWN})

CELLS = [
    # reading
    Cell("problem list", ("problem", "list")),
    Cell("problem list --overdue", ("problem", "list", "--overdue", "--as-of", "2026-11-30")),
    Cell("problem list --month", ("problem", "list", "--month", "2026-03")),
    Cell("check", ("check",)),
    Cell("letters list", ("letters", "list")),
    Cell("pairing list", ("pairing", "list")),
    Cell("pairing summary", ("pairing", "summary")),
    Cell("pairing check", ("pairing", "check", "--as-of", "2026-11-30")),
    Cell("evaluate followups --all", ("evaluate", "followups", "--all")),
    Cell("evaluate history (A member)", ("evaluate", "history", "--id-number", "{id:张芳1}"),
         shows_b=False),
    Cell("evaluate history (B member)", ("evaluate", "history", "--id-number", "{id:张静4}"),
         town_code=1),
    Cell("evaluate history --org B", ("evaluate", "history", "--org", "中心小学党支部"),
         denied=frozenset({TOWN})),
    Cell("export members", ("export", "members", "--out", "{out}"), shows_ids=True),
    Cell("export members --org B", ("export", "members", "--org", "中心小学党支部", "--out", "{out}"),
         denied=frozenset({TOWN}), shows_ids=True),
    Cell("export orgs", ("export", "orgs", "--out", "{out}")),
    Cell("export pairings", ("export", "pairings", "--out", "{out}")),
    Cell("evaluate results", ("evaluate", "results", "--scheme", "民主评议党员", "--period", "2025",
                              "--out", "{out}")),
    Cell("evaluate export", ("evaluate", "export", "--scheme", "民主评议党员", "--period", "2025",
                             "--out", "{out}")),
    Cell("evaluate export --full-id", ("evaluate", "export", "--scheme", "民主评议党员", "--period",
                                       "2025", "--full-id", "--out", "{out}"),
         denied=frozenset({TOWN, READER}), shows_ids=True),
    Cell("export quarterly", ("export", "quarterly", "--quarter", "2026Q1", "--out", "{out}"),
         denied=COUNTY_VIEW),
    Cell("evaluate schemes", ("evaluate", "schemes"), shows_b=False),
    Cell("member search", ("member", "search", "张", "--all"), shows_ids=True),
    Cell("member show (A member)", ("member", "show", "--id", "{mid:张芳1}"), shows_b=False, shows_ids=True),
    Cell("member show (B member)", ("member", "show", "--id", "{mid:张静4}"), town_code=1, shows_ids=True),
    Cell("member history (B member)", ("member", "history", "--id", "{mid:张静4}"), town_code=1),
    Cell("account list", ("account", "list"), denied=frozenset({COUNTY, TOWN, READER}), shows_b=False),
    # writing
    Cell("letters draft", ("letters", "draft", "--month", "2026-04", "--as-of", "2026-04-30"),
         denied=COUNTY_WRITERS_ONLY),
    Cell("letters issue (nothing to issue)", ("letters", "issue", "--month", "2026-03"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False),
    Cell("letters void", ("letters", "void", "--id", "1", "--reason", "重复"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False),
    Cell("problem status (A)", ("problem", "status", "--id", "{pa}", "--to", "整改中"),
         denied=NOT_WRITERS, shows_b=False),
    Cell("problem status (B)", ("problem", "status", "--id", "{pb}", "--to", "整改中"),
         denied=frozenset({TOWN, READER}), shows_b=False),
    # 撤销 and 验收销号 are the county's duties: the supervised township never withdraws or closes
    # its own finding; refused (exit 1) once an issued letter lists it
    Cell("problem withdraw (A, issued)", ("problem", "withdraw", "--id", "{pa}", "--reason", "误录"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False, code=1),
    Cell("problem close (A)", ("problem", "close", "--id", "{pa}", "--report", "已整改",
                               "--verifier", "乡镇自己"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False),
    Cell("problem edit --severity (A, issued)", ("problem", "edit", "--id", "{pa}", "--severity", "一般",
                                                 "--reason", "降级"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False),
    Cell("problem edit --deadline (A, issued)", ("problem", "edit", "--id", "{pa}", "--deadline", "2026-12-31",
                                                 "--reason", "延期"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False),
    Cell("pairing end (A only)", ("pairing", "end", "东城结对"), denied=NOT_WRITERS, shows_b=False),
    Cell("backup", ("backup", "--out", "{bak}"), denied=frozenset({COUNTY, TOWN, READER}), shows_b=False),
    Cell("problem withdraw (B, issued)", ("problem", "withdraw", "--id", "{pb}", "--reason", "误录"),
         denied=frozenset({TOWN, READER}), shows_b=False, code=1),
    Cell("problem close (B)", ("problem", "close", "--id", "{pb}", "--report", "已整改",
                               "--verifier", "王五"),
         denied=frozenset({TOWN, READER}), shows_b=False),
    Cell("import members (A rows)", ("import", "members", "{book:A}"), denied=NOT_WRITERS, shows_b=False),
    # the township clerk's row error repeats the B branch named in their own file: exit 1, and
    # nothing written (asserted in test_import_into_b_writes_nothing)
    Cell("import members (B rows)", ("import", "members", "{book:B}"), denied=NOT_WRITERS,
         town_code=1, shows_b=False, echoes_b=True),
    Cell("evaluate lock (already locked)", ("evaluate", "lock", "--scheme", "民主评议党员", "--period", "2025"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False, code=1),
    Cell("evaluate lock (no such round)", ("evaluate", "lock", "--scheme", "民主评议党员", "--period",
                                           "2030"), denied=COUNTY_WRITERS_ONLY, shows_b=False, code=1),
    Cell("evaluate compute (locked round)", ("evaluate", "compute", "--scheme", "民主评议党员",
                                             "--period", "2025"),
         denied=frozenset({TOWN, READER}), shows_b=False, code=1),
    Cell("letters issue --id (no such draft)", ("letters", "issue", "--id", "999"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False, code=1),
    Cell("member add (A)", ("member", "add", "--name", "王新", "--id-number", NEW_ID, "--org", "红星村党支部",
                            "--joined", "2010-07-01"), denied=NOT_WRITERS, shows_b=False),
    Cell("member add (B)", ("member", "add", "--name", "王新", "--id-number", NEW_ID, "--org", "中心小学党支部",
                            "--joined", "2010-07-01"), denied=frozenset({TOWN, READER})),
    Cell("member edit (A member)", ("member", "edit", "--id", "{mid:张芳1}", "--phone", "13911112222"),
         denied=NOT_WRITERS, shows_b=False),
    Cell("member transfer (A member)", ("member", "transfer", "--id", "{mid:张芳1}", "--to", "幸福社区党支部",
                                        "--date", "2026-03-01"), denied=NOT_WRITERS, shows_b=False),
    Cell("member end (B member)", ("member", "end", "--id", "{mid:张静4}", "--date", "2026-03-01",
                                   "--reason", "死亡"), denied=NOT_WRITERS, town_code=1),
    Cell("member reinstate (A member)", ("member", "reinstate", "--id", "{mid:张强6}", "--reason", "误操作"),
         denied=NOT_WRITERS, shows_b=False),
    Cell("member reinstate (B, current)", ("member", "reinstate", "--id", "{mid:张静4}", "--reason", "误操作"),
         denied=NOT_WRITERS, town_code=1, code=1),
    Cell("account add", ("account", "add", "新账号", "--role", "只读"),
         denied=frozenset({COUNTY, TOWN, READER}), shows_b=False),
    Cell("settings list", ("settings", "list"), denied=frozenset({COUNTY, TOWN, READER}), shows_b=False),
    Cell("settings set", ("settings", "set", "letter_reply_days", "10"),
         denied=frozenset({COUNTY, TOWN, READER}), shows_b=False),
    Cell("audit", ("audit", "--limit", "5000"), denied=COUNTY_WRITERS_ONLY),
    Cell("audit verify", ("audit", "verify"), denied=COUNTY_WRITERS_ONLY, shows_b=False),
    Cell("points show (A member)", ("points", "show", "--id-number", "{id:张芳1}", "--year", "2026"),
         shows_b=False),
    Cell("points show (B member)", ("points", "show", "--id-number", "{id:张静4}", "--year", "2026"),
         town_code=1),
    Cell("cadres list", ("cadres", "list"), shows_b=False),
    Cell("rectify list", ("rectify", "list"), shows_b=False),
    # 问责查办: everyone reads the cases of their scope, the county decides them
    Cell("accountability list", ("accountability", "list", "--as-of", "2026-12-01"), shows_b=False),
    Cell("accountability decide (no such case)", ("accountability", "decide", "--id", "999", "--measure", "约谈",
                                                  "--date", "2026-04-01"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False, code=1),
    Cell("rectify screen", ("rectify", "screen", "--year", "2025"), shows_b=False),
    # 数据核查 (docs/findings.md): the county's; the leadership register as the roster
    Cell("findings", ("findings", "--month", "2026-03", "--as-of", "2026-03-31"), denied=COUNTY_WRITERS_ONLY),
    Cell("findings dismiss (no such finding)", ("findings", "dismiss", "--id", "999", "--reason", "重复"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False, code=1),
    Cell("org leaders --org B", ("org", "leaders", "--org", "中心小学党支部"), denied=frozenset({TOWN})),
    Cell("org leaders add (A)", ("org", "leaders", "add", "--org", "红星村党支部", "--post", "委员", "--name", "王委员",
                                 "--start", "2026-01-01"), denied=NOT_WRITERS, shows_b=False),
    # month tasks are the county's directives: everyone reads them, county writers change them
    Cell("task list", ("task", "list", "--month", "2026-03", "--withdrawn"), shows_b=False),
    Cell("task add", ("task", "add", "--month", "2026-05", "--title", "召开支部党员大会"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False),
    Cell("task withdraw (no such task)", ("task", "withdraw", "--id", "999"),
         denied=COUNTY_WRITERS_ONLY, shows_b=False, code=1),
    # task receipts: a township reports for its own township; everyone reads inside their scope
    Cell("task report (A)", ("task", "report", "--task", "1", "--org", "东城镇党委", "--status", "完成"),
         denied=NOT_WRITERS, shows_b=False),
    Cell("task report (B)", ("task", "report", "--task", "1", "--org", "西山乡党委", "--status", "完成"),
         denied=frozenset({TOWN, READER})),
    Cell("task receipts", ("task", "receipts", "--month", "2026-03")),
]


def _argv(cell: Cell, world: World, tmp: Path) -> tuple[list[str], Path]:
    out = tmp / "out.xlsx"
    argv = []
    for a in cell.argv:
        if a == "{out}":
            a = str(out)
        elif a == "{bak}":
            a = str(tmp / "copy.sqlite3")
        elif a == "{pa}":
            a = str(world.east_problem)
        elif a == "{pb}":
            a = str(world.west_problem)
        elif a.startswith("{id:"):
            a = world.ids[a[4:-1]]
        elif a.startswith("{mid:"):
            a = str(world.mids[a[5:-1]])
        elif a == "{book:A}":
            a = str(_members_book(tmp / "a.xlsx", [_member_row(41, "红星村党支部")]))
        elif a == "{book:B}":
            a = str(_members_book(tmp / "b.xlsx", [_member_row(42, "中心小学党支部")]))
        argv.append(a)
    return argv, out


def run_cell(cell: Cell, role: str, world: World, tmp: Path, capsys, monkeypatch) -> tuple[int, str]:
    db_path = tmp / "cell.sqlite3"
    shutil.copyfile(world.path, db_path)
    actor = actor_for(role, world)
    monkeypatch.setattr(cli.Context, "actor", lambda self, session: actor)
    monkeypatch.setenv("DANGJIAN_NEW_PASSWORD", "new-pass-123")
    argv, out = _argv(cell, world, tmp)
    capsys.readouterr()
    code = cli.main(["--db", str(db_path), *argv])
    captured = capsys.readouterr()
    return code, captured.out + captured.err + _workbook_text(out)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("cell", CELLS, ids=[c.name for c in CELLS])
def test_matrix(cell: Cell, role: str, world: World, tmp_path, capsys, monkeypatch):
    code, text = run_cell(cell, role, world, tmp_path, capsys, monkeypatch)
    check_cell(cell, role, world, code, text)


def check_cell(cell: Cell, role: str, world: World, code: int, text: str) -> None:
    """What the user sees of one cell (also run with real logins on PostgreSQL:
    tests/test_permission_matrix_pg.py)."""
    if role in cell.denied:
        assert code == 3, f"{cell.name} as {role}: expected refusal (exit 3), got {code}: {text}"
        assert "无权" in text or "只能" in text or "不能" in text or "没有“" in text, text
        return
    expected = cell.town_code if role == TOWN else cell.code
    assert code == expected, f"{cell.name} as {role}: exit {code}: {text}"
    if role == TOWN and not cell.echoes_b:
        leaked = [m for m in B_MARKERS if m in text]
        assert not leaked, f"{cell.name}: the township clerk of A sees {leaked}:\n{text}"
    elif cell.shows_b:
        assert any(m in text for m in B_MARKERS), f"{cell.name} as {role} shows nothing of B:\n{text}"
    if cell.shows_ids:
        full = [n for n, number in world.ids.items() if number in text]
        if role in (TOWN, READER):
            assert not full, f"{cell.name} as {role}: full ID numbers of {full}"
        else:
            assert full, f"{cell.name} as {role}: no full ID number:\n{text}"


def test_matrix_covers_every_data_command():
    """A new command group must be added to the matrix (or here, when it touches no data)."""
    parser = cli.build_parser()
    groups = {a for a in parser._subparsers._group_actions[0].choices}  # noqa: SLF001
    covered = {c.argv[0] for c in CELLS}
    without_data = {"init", "template", "backup", "restore", "demo", "gui", "report"}
    assert groups - covered - without_data == set()


# ---------------------------------------------------------------- GUI paths (the same services)


def _open(world: World, tmp: Path):
    path = tmp / "gui.sqlite3"
    shutil.copyfile(world.path, path)
    return open_database(path, migrate=False)


@pytest.mark.parametrize("role", ROLES)
def test_members_page_export_masks_and_scopes(role, world, tmp_path):
    """党员名册 → 导出所示: the page hands its actor to export_members (desktop/pages/members.py)."""
    from reports.roster import export_members

    db = _open(world, tmp_path)
    with db.transaction() as s:
        everyone = [m.id for m in s.query(Member)]
        export_members(s, actor_for(role, world), tmp_path / "shown.xlsx", member_ids=everyone)
    db.dispose()
    text = _workbook_text(tmp_path / "shown.xlsx")
    full = [n for n, number in world.ids.items() if number in text]
    if role in (TOWN, READER):
        assert full == []
    else:
        assert "张静4" in text and full
    if role == TOWN:
        assert "张芳1" in text and "张静4" not in text


@pytest.mark.parametrize("role", ROLES)
def test_undo_last_import_is_scoped(role, world, tmp_path):
    """撤销上次导入: a batch the county imported into B is not the township clerk's to undo."""
    from models.errors import PermissionDenied
    from models.services.importbatch import last_import_batch, undo_import
    from reports.imports import run_import
    from reports.roster import MEMBER_IMPORTER

    db = _open(world, tmp_path)
    book = _members_book(tmp_path / "b.xlsx", [_member_row(43, "中心小学党支部")])
    with db.transaction() as s:
        run_import(s, SYSTEM, MEMBER_IMPORTER, book)
    actor = actor_for(role, world)
    with db.transaction() as s:
        if role == READER:
            with pytest.raises(PermissionDenied):
                last_import_batch(s, actor)
            return
        batch = last_import_batch(s, actor)
        if role == TOWN:
            assert batch is None  # nothing of theirs to undo
            own = s.query(Member).filter(Member.name == "张芳1").one()
            from models.importbatch import ImportBatch

            b_batch = s.query(ImportBatch).order_by(ImportBatch.id.desc()).first()
            with pytest.raises(PermissionDenied):
                undo_import(s, actor, b_batch.id)
            assert own.ended_on is None
        else:
            assert batch is not None and undo_import(s, actor, batch.id) == 1
    db.dispose()
