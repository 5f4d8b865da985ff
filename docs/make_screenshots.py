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
    made += documents(path, work)
    win.close()
    shutil.rmtree(work, ignore_errors=True)
    for file in made:
        print("saved", file.relative_to(ROOT))


if __name__ == "__main__":
    main()
