"""The PyInstaller bundle (build.spec) builds, and the programs in the built folder work.

The bundle is built once per test session (once across pytest-xdist workers) into a temporary
folder, then the built `dangjian` runs the contract's commands from a folder outside the checkout,
so nothing can be imported from the source tree. Commands that other work adds (demo, letters,
export quarterly) are run as soon as the built program has them, and must then succeed.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import time
import tomllib
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from models.services.members import MEMBER_LABELS
from models.services.orgs import ORG_LABELS
from tests.conftest import ROOT
from tests.factories import member_values

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(importlib.util.find_spec("PyInstaller") is None,
                       reason="PyInstaller is not installed (pip install -e '.[bundle]')"),
]

EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
BUILD_TIMEOUT = 20 * 60
RUN_TIMEOUT = 180
COUNTY = "中共某某县委员会"
#: a township and a branch of our own, so the test does not depend on the demo county's names
TOWNSHIP = ("中共某某县试装镇委员会", "试装镇党委")
BRANCH = ("中共试装镇前进村支部委员会", "前进村党支部")


# ---------------------------------------------------------------- building once


def _build(shared: Path) -> Path:
    dist, work, log = shared / "dist", shared / "work", shared / "build.log"
    started = time.monotonic()
    with open(log, "w", encoding="utf-8") as fh:
        proc = subprocess.run(
            [sys.executable, "-m", "PyInstaller", "--noconfirm", "--distpath", str(dist),
             "--workpath", str(work), str(ROOT / "build.spec")],
            cwd=ROOT, stdout=fh, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT,
        )
    seconds = time.monotonic() - started
    tail = "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-40:])
    (shared / "build.result").write_text(f"{proc.returncode}\n{seconds:.0f}\n{tail}", encoding="utf-8")
    return dist / "dangjian"


@pytest.fixture(scope="session")
def bundle(tmp_path_factory, worker_id) -> Path:
    """dist/dangjian/ built from build.spec; with xdist the first worker builds, the others wait."""
    base = tmp_path_factory.getbasetemp()
    shared = (base.parent if worker_id != "master" else base) / "bundle"
    try:
        shared.mkdir()  # atomic: whoever creates it builds
        folder = _build(shared)
    except FileExistsError:
        folder = shared / "dist" / "dangjian"
        deadline = time.monotonic() + BUILD_TIMEOUT
        while not (shared / "build.result").exists():
            if time.monotonic() > deadline:
                pytest.fail("another worker's bundle build did not finish in time")
            time.sleep(2)
    code, seconds, tail = (shared / "build.result").read_text(encoding="utf-8").split("\n", 2)
    if code != "0":
        pytest.fail(f"pyinstaller build.spec failed (exit {code}):\n{tail}")
    print(f"bundle built in {seconds} s: {folder}")
    return folder


@pytest.fixture(scope="session")
def worker_id(request) -> str:
    """pytest-xdist's worker id ("master" when it is not running)."""
    workerinput = getattr(request.config, "workerinput", None)
    return workerinput["workerid"] if workerinput else "master"


# ---------------------------------------------------------------- running the built programs


class Built:
    def __init__(self, folder: Path, home: Path) -> None:
        self.folder = folder
        self.home = home
        self.db = home / "bundle.sqlite3"
        self.env = {k: v for k, v in os.environ.items()
                    if not k.startswith(("PYTHON", "DANGJIAN_")) and k != "VIRTUAL_ENV"}
        self.env.update(DANGJIAN_HOME=str(home), LANG="zh_CN.UTF-8", QT_QPA_PLATFORM="offscreen")

    def exe(self, name: str) -> Path:
        return self.folder / f"{name}{EXE_SUFFIX}"

    def run(self, *args: str, program: str = "dangjian", env: dict | None = None,
            timeout: int = RUN_TIMEOUT) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(self.exe(program)), *args], cwd=self.home, capture_output=True, text=True,
            encoding="utf-8", errors="replace", env={**self.env, **(env or {})}, timeout=timeout,
        )

    def ok(self, *args: str) -> str:
        """Run `dangjian --db DB ARGS`; fail the test with its output unless it exits 0."""
        proc = self.run("--db", str(self.db), *args)
        assert proc.returncode == 0, (
            f"dangjian {' '.join(args)} exited {proc.returncode}\n"
            f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        )
        assert "Traceback" not in proc.stderr, proc.stderr
        return proc.stdout

    def has(self, *command: str) -> bool:
        """Does the built program have this command (`dangjian CMD [SUB] --help` answers 0)?"""
        return self.run(*command, "--help").returncode == 0


@pytest.fixture(scope="module")
def built(bundle, tmp_path_factory) -> Built:
    b = Built(bundle, tmp_path_factory.mktemp("bundle-home"))
    b.ok("init", "--county", COUNTY, "--agency", "某组")
    return b


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return tomllib.load(fh)["project"]["version"]


def write_book(path: Path, headers: list[str], rows: list[list]) -> Path:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    wb.save(path)
    return path


def skip_note(step: str, reason: str) -> None:
    """Skip a step the program cannot do yet, with a note in the output (-rs shows the reason)."""
    print(f"NOTE: bundle step `{step}` skipped: {reason}")
    pytest.skip(f"{step}: {reason}")


# ---------------------------------------------------------------- tests


def test_folder_holds_both_programs_and_the_data(bundle):
    assert bundle.joinpath(f"dangjian{EXE_SUFFIX}").is_file()
    assert bundle.joinpath(f"dangjian-desk{EXE_SUFFIX}").is_file()
    internal = bundle / "_internal"
    migrations = internal / "models" / "migrations"
    assert (migrations / "env.py").is_file()
    assert (migrations / "script.py.mako").is_file()
    shipped = {p.name for p in (migrations / "versions").glob("*.py")}
    assert shipped == {p.name for p in (ROOT / "models/migrations/versions").glob("*.py")}
    for source in sorted((ROOT / "resources").rglob("*")) if (ROOT / "resources").is_dir() else []:
        if source.is_file() and source.suffix not in {".py", ".pyc"} and "__pycache__" not in source.parts:
            assert (internal / source.relative_to(ROOT)).is_file(), f"{source} is not in the bundle"
    assert (internal / "pypinyin" / "pinyin_dict.json").is_file()
    assert (internal / "jieba" / "dict.txt").is_file()  # titles are broken between words


def test_version(built):
    proc = built.run("--version")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == f"dangjian {version()}"


def test_init_answers_with_the_county(built):
    out = built.ok("init")
    assert "数据库已就绪" in out and COUNTY in out and "某组" in out


@pytest.fixture(scope="module")
def demo_db(built) -> Path | None:
    """A database filled by `demo --scale small`, or None while the program has no demo command."""
    if not built.has("demo"):
        return None
    fresh = built.home / "demo.sqlite3"
    for args in (["init", "--county", COUNTY, "--agency", "某组"], ["demo", "--scale", "small"]):
        proc = built.run("--db", str(fresh), *args, timeout=600)
        assert proc.returncode == 0, f"dangjian {' '.join(args)}: {proc.stdout}\n{proc.stderr}"
    return fresh


def test_demo_small(built, demo_db):
    if demo_db is None:
        skip_note("demo --scale small", "the built program has no `demo` command yet")
    out = built.home / "demo-orgs.xlsx"
    proc = built.run("--db", str(demo_db), "export", "orgs", "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    rows = load_workbook(out, read_only=True).active.max_row
    assert rows > 5, "the demo county has hardly any organizations"


def test_template_import_and_export_members(built):
    out = built.ok("template", "members", "--out", str(built.home / "members-template.xlsx"))
    assert "已生成模板" in out
    header = next(load_workbook(built.home / "members-template.xlsx").active.iter_rows(values_only=True))
    assert list(header[:len(MEMBER_LABELS)]) == list(MEMBER_LABELS.values())

    orgs = write_book(built.home / "orgs.xlsx", list(ORG_LABELS.values()), [
        [TOWNSHIP[0], TOWNSHIP[1], "党委", "农村", COUNTY],
        [BRANCH[0], BRANCH[1], "党支部", "农村", TOWNSHIP[1]],
    ])
    built.ok("import", "orgs", str(orgs))
    members = [member_values(n, org=BRANCH[1]) for n in (101, 102, 103)]
    book = write_book(built.home / "members.xlsx", list(MEMBER_LABELS.values()),
                      [[m.get(attr) for attr in MEMBER_LABELS] for m in members])
    built.ok("import", "members", str(book))

    out = built.ok("export", "members", "--org", BRANCH[1], "--out", str(built.home / "roster.xlsx"))
    assert "已导出3行" in out
    sheet = load_workbook(built.home / "roster.xlsx", read_only=True).active
    names = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert names == {m["name"] for m in members}


def test_letters_draft_and_pdf(built, demo_db):
    if not built.has("letters"):
        skip_note("letters draft / letters pdf", "the built program has no `letters` command yet")
    db = str(demo_db or built.db)
    month = date.today().strftime("%Y-%m")
    built.ok("--db", db, "letters", "draft", "--month", month)
    out_dir, combined = built.home / "letters", built.home / "letters.pdf"
    built.ok("--db", db, "letters", "pdf", "--month", month, "--out", str(out_dir),
             "--combined", str(combined))
    pdfs = [*out_dir.glob("*.pdf"), *([combined] if combined.exists() else [])]
    for pdf in pdfs:
        assert pdf.read_bytes()[:5] == b"%PDF-", f"{pdf} is not a PDF"
    if demo_db is not None:
        assert pdfs, f"no letter PDF for {month} in the demo county"


def test_export_quarterly(built, demo_db):
    today = date.today()
    quarter = f"{today.year}Q{(today.month - 1) // 3 + 1}"
    out = built.home / "quarterly.xlsx"
    db = str(demo_db or built.db)
    proc = built.run("--db", db, "export", "quarterly", "--quarter", quarter, "--out", str(out))
    if proc.returncode == 2 and "未知的导出类型" in proc.stderr:
        skip_note("export quarterly", "the built program has no `export quarterly` yet")
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    sheets = load_workbook(out, read_only=True).sheetnames
    assert sheets[0] == "党组织和党员"


def test_desktop_window_starts_offscreen(built):
    if not (ROOT / "desktop" / "app.py").is_file():
        proc = built.run(program="dangjian-desk", timeout=60)
        assert proc.returncode == 2 and "desktop.app" in proc.stderr, proc.stderr
        skip_note("dangjian-desk (offscreen)",
                  "desktop/app.py does not exist yet; the launcher says so and exits 2")
    try:
        proc = built.run(program="dangjian-desk", timeout=90, env={
            "QT_QPA_PLATFORM": "offscreen", "DANGJIAN_SMOKE_EXIT_MS": "1500",
            "DANGJIAN_DB": str(built.db),
        })
    except subprocess.TimeoutExpired:
        pytest.fail("dangjian-desk did not quit by itself: desktop.app.main() must close the "
                    "window DANGJIAN_SMOKE_EXIT_MS milliseconds after showing it")
    assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
    assert "Traceback" not in proc.stderr, proc.stderr


def test_init_on_postgresql(built):
    """The bundled psycopg and the PostgreSQL dialect run the migrations on a server."""
    from tests.conftest import pg_create_database, pg_drop_database, pg_unavailable, pg_url

    reason = pg_unavailable()
    if reason:
        pytest.skip(reason)
    name = pg_create_database()
    try:
        proc = built.run("--db", pg_url(name), "init", "--county", COUNTY, "--agency", "某组")
        assert proc.returncode == 0, f"stdout:\n{proc.stdout}\nstderr:\n{proc.stderr}"
        assert "数据库已就绪" in proc.stdout and "postgresql+psycopg" in proc.stdout
    finally:
        pg_drop_database(name)
