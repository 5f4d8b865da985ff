"""Screenshots of every page (docs/screenshots/<key>.png), a letter and a monthly report page.

The demo county (small scale, a fixed "today") is built in a temporary database; the window is
shown offscreen at 1280×760 and every page of PAGE_MODULES (and the help page) is grabbed. The
letter and the report are made with the command line and rendered with pdftoppm.

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DANGJIAN_HOME", tempfile.mkdtemp())

#: the demo county's "today" (screenshots stay the same from run to run)
TODAY = date(2026, 11, 20)
OUT = ROOT / "docs" / "screenshots"


def build(db_path: Path) -> None:
    from models.db import open_database
    from models.demo import build_demo
    from models.services import access
    from models.services.orgs import ensure_county

    db = open_database(db_path)
    with db.session() as s:
        actor = access.login(s, None)
        ensure_county(s, actor, None, None)
        build_demo(s, actor, "small", seed=0, today=TODAY)
        s.commit()
    db.dispose()


def settle(ms: int = 400) -> None:
    """Let lazy loads (QTimer.singleShot) and paints finish."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()
    QApplication.processEvents()


def cli(db: Path, *args: str) -> None:
    subprocess.run([sys.executable, "-m", "desktop.cli", "--db", str(db), *args], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def pdf_page(pdf: Path, png: Path, page: int = 1) -> None:
    stem = png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page), "-singlefile",
                    str(pdf), str(stem)], check=True)


def documents(db: Path, work: Path) -> list[Path]:
    month = TODAY.strftime("%Y-%m")
    cli(db, "letters", "draft", "--month", month, "--as-of", TODAY.isoformat())
    cli(db, "letters", "pdf", "--month", month, "--out", str(work / "letters"))
    letters = sorted((work / "letters").glob("*.pdf"))
    letters.sort(key=lambda p: "督" not in p.name)  # the README shows a 督办函
    made = []
    if letters:
        pdf_page(letters[0], OUT / "letter.png")
        made.append(OUT / "letter.png")
    cli(db, "report", "monthly", "--month", month, "--out", str(work / "report.pdf"), "--date", TODAY.isoformat())
    pdf_page(work / "report.pdf", OUT / "report.png")
    made.append(OUT / "report.png")
    return made


def county_roster(db: Path, out: Path) -> Path:
    """A roster the way a township keeps it: a title, 填报单位, 序号 and 备注, everyday header names,
    the branch merged down, one ID number mistyped."""
    from openpyxl import Workbook
    from sqlalchemy import select

    from models import idcard
    from models.db import open_database
    from models.enums import OrgKind
    from models.org import Organization

    database = open_database(db)
    with database.session() as s:
        branches = list(s.scalars(select(Organization.name).where(Organization.kind == OrgKind.BRANCH)
                                  .order_by(Organization.id).limit(2)))
    database.dispose()
    wb = Workbook()
    ws = wb.active
    ws.append(["2026年党员花名册"])
    ws.append(["填报单位：（盖章）", None, None, None, None, None, None, "填报日期：2026年11月20日"])
    ws.append(["序号", "姓名", "性别", "身份证号", "文化程度", "入党时间", "转正时间", "所在支部", "手机号码", "备注"])
    names = ["王建国", "李秀英", "张伟", "刘洋", "陈静", "杨帆"]
    for i, name in enumerate(names):
        number = idcard.make("620922", date(1972 + i, 3, 1 + i), 60 + i, i % 2 == 0)
        if i == 3:
            number = number[:-1] + ("0" if number[-1] != "0" else "1")
        ws.append([i + 1, name, "男" if i % 2 == 0 else "女", number, "高中", f"{1996 + i}-07-01",
                   f"{1997 + i}-07-01", branches[i // 3], f"1380000{i:04d}", None])
    for col, start in ((8, 4), (8, 7)):
        ws.merge_cells(start_row=start, start_column=col, end_row=start + 2, end_column=col)
    ws.merge_cells("A1:J1")
    wb.save(out)
    return out


def wizard_shot(win, db: Path, work: Path) -> Path:
    """党员名册 → 导入…: the clerk's own layout placed and checked, before anything is written."""
    page = win.navigate("members")
    wizard = page.import_members()
    wizard.resize(1100, 640)
    wizard.path.setText(str(county_roster(db, work / "花名册.xlsx")))
    wizard.next()
    for _ in range(50):
        settle(200)
        if wizard.checks:
            break
    settle(400)
    file = OUT / "import-wizard.png"
    wizard.grab().save(str(file))
    wizard.reject()
    return file


def main() -> None:

    from desktop.app import MainWindow, make_app

    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp())
    path = work / "demo.sqlite3"
    build(path)
    make_app()
    win = MainWindow(str(path), None)
    win.resize(1280, 800)
    win.show()
    assert win.open_database(), "the demo database did not open"
    settle()
    made = []
    for row in range(win.nav.count()):
        key = win.nav.item(row).data(0x0100)  # Qt.UserRole
        page = win.navigate(key)
        if key == "orgs" and page is not None:
            page.tree.expandToDepth(1)
        elif key == "supervision" and page is not None:  # last month: this month has just begun
            last = date.today().replace(day=1) - timedelta(days=1)
            page.set_month(f"{last.year}-{last.month:02d}", date.today())
        elif key == "members" and page is not None:
            page.search.setText("z")
            page.apply_search()
        settle(600)
        file = OUT / f"{key}.png"
        win.grab().save(str(file))
        made.append(file)
    # a 1024×700 screen: button rows wrap, nothing is cut off
    win.resize(1024, 700)
    win.navigate("supervision")
    settle(600)
    small = OUT / "small-screen.png"
    win.grab().save(str(small))
    made.append(small)
    made.append(wizard_shot(win, path, work))
    made += documents(path, work)
    win.close()
    shutil.rmtree(work, ignore_errors=True)
    for file in made:
        print("saved", file.relative_to(ROOT))


if __name__ == "__main__":
    main()
