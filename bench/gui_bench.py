"""GUI timings (print only; the coordinator folds them into the bench framework).

    QT_QPA_PLATFORM=offscreen python bench/gui_bench.py [--members 25000]

1. process start → main window shown (a fresh interpreter each), and a bare PySide6 window;
2. a search keystroke over N members → table updated (debounce excluded);
3. opening the member form.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

BARE = """
import time, sys
t0 = float(sys.argv[1])
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
w = QMainWindow(); w.resize(1280, 800); w.show(); app.processEvents()
print(time.time() - t0)
"""

SHELL = """
import time, sys, os
t0 = float(sys.argv[1])
sys.path.insert(0, sys.argv[3])
from desktop.app import run
from PySide6.QtWidgets import QApplication
w = run(sys.argv[2], None, exec_loop=False)
while not w.painted:
    QApplication.processEvents()
shown = time.time() - t0
while w.ctx is None or not w.pages:
    QApplication.processEvents()
print(shown, time.time() - t0)
"""


def build(path: Path, n: int) -> None:
    """n members over 50 branches, bulk-inserted (fast), with valid ID numbers."""
    from sqlalchemy import insert

    from models import idcard
    from models.actor import Actor
    from models.db import open_database
    from models.enums import Gender, OrgKind, Sector
    from models.member import Member
    from models.services.members import initials
    from models.services.orgs import create_org, ensure_county

    actor = Actor("bench")
    db = open_database(path)
    sur, giv = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高", "伟芳敏静丽强磊军洋勇艳杰娟涛明超霞平刚华"
    with db.session() as s:
        root = ensure_county(s, actor, "中共某某县委员会", "某组")
        branches = []
        for t in range(10):
            town = create_org(s, actor, name=f"乡镇{t}党委", kind=OrgKind.COMMITTEE, sector=Sector.RURAL, parent_id=root.id)
            for b in range(5):
                branches.append(create_org(s, actor, name=f"乡镇{t}村{b}党支部", kind=OrgKind.BRANCH,
                                           sector=Sector.RURAL, parent_id=town.id).id)
        now = datetime.now().replace(microsecond=0)
        rows = []
        for i in range(n):
            birth = date(1950 + i % 50, 1 + i % 12, 1 + i % 28)
            number = idcard.make(f"{440000 + i // 2100:06d}", birth, i % 100, i % 2 == 0)
            name = sur[i % 20] + giv[(i // 20) % 20] + (giv[(i // 400) % 20] if i % 3 else "")
            rows.append(dict(name=name, name_initials=initials(name), gender=Gender.MALE if i % 2 == 0 else Gender.FEMALE,
                             ethnicity="汉族", id_number=number, birth_date=birth, org_id=branches[i % 50],
                             joined_on=date(birth.year + 25, 7, 1), full_on=date(birth.year + 26, 7, 1),
                             phone=f"139{i:08d}", version=1, created_at=now, updated_at=now))
        # unique (id_number) among current members: drop accidental duplicates
        seen, unique = set(), []
        for r in rows:
            if r["id_number"] not in seen:
                seen.add(r["id_number"])
                unique.append(r)
        s.execute(insert(Member), unique)
        s.commit()
    db.dispose()


def start_times(script: str, *args: str, runs: int = 3, field: int = 0) -> list[float]:
    out = []
    for _ in range(runs):
        t0 = time.time()
        res = subprocess.run([sys.executable, "-c", script, repr(t0), *args], capture_output=True, text=True,
                             env={**os.environ, "DANGJIAN_HOME": tempfile.mkdtemp()})
        if res.returncode or not res.stdout.strip():
            raise SystemExit(f"start-up run failed ({res.returncode}): {res.stderr[-3000:]}")
        out.append(float(res.stdout.split()[field]))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--members", type=int, default=25000)
    args = parser.parse_args()
    os.environ.setdefault("DANGJIAN_HOME", tempfile.mkdtemp())
    path = Path(tempfile.mkdtemp()) / "bench.sqlite3"
    t = time.perf_counter()
    build(path, args.members)
    print(f"built {args.members} members in {time.perf_counter() - t:.1f} s")

    bare = min(start_times(BARE))
    shell = min(start_times(SHELL, str(path), str(ROOT)))
    ready = min(start_times(SHELL, str(path), str(ROOT), field=1))
    print(f"bare PySide6 window shown: {bare * 1000:.0f} ms")
    print(f"dangjian window shown:     {shell * 1000:.0f} ms  ({shell / bare:.1f}× bare)")
    print(f"dangjian first page ready (database open, 党组织 page built): {ready * 1000:.0f} ms")

    from PySide6.QtWidgets import QApplication

    from desktop.app import make_app
    from desktop.context import AppContext
    from desktop.pages.members import MembersPage
    from forms.member_form import MemberForm
    from models.actor import Actor
    from models.db import open_database

    make_app()
    db = open_database(path)
    ctx = AppContext(db, Actor("bench"))
    t = time.perf_counter()
    page = MembersPage(ctx)
    page.resize(1200, 700)
    page.show()
    QApplication.processEvents()
    print(f"roster page with {len(page.model.all_rows)} rows built: {(time.perf_counter() - t) * 1000:.0f} ms")
    times = []
    for text in ("z", "zw", "张", "张伟", "1390001", "", "w", "wf", "4400"):
        t = time.perf_counter()
        page.search.setText(text)
        page.apply_search()  # what the 150 ms debounce timer calls
        page.view.viewport().repaint()
        QApplication.processEvents()
        times.append((time.perf_counter() - t) * 1000)
    print(f"search keystroke → table updated: median {sorted(times)[len(times) // 2]:.1f} ms, max {max(times):.1f} ms")
    mid = page.model.member_id(0)
    times = []
    for _ in range(5):
        t = time.perf_counter()
        form = MemberForm(db, ctx.actor, mid)
        form.show()
        QApplication.processEvents()
        times.append((time.perf_counter() - t) * 1000)
        form.close()
    print(f"member form opened: median {sorted(times)[2]:.0f} ms (first {times[0]:.0f} ms)")


if __name__ == "__main__":
    main()
