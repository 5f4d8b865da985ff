"""Screenshots of the organization and member pages on a demo-like county (offscreen Qt).

    QT_QPA_PLATFORM=offscreen python docs/make_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("DANGJIAN_HOME", tempfile.mkdtemp())

SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"
GIVEN = ["伟", "芳", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "霞", "平", "刚"]


def build(db_path: Path) -> None:
    from models import idcard
    from models.actor import Actor
    from models.db import open_database
    from models.enums import OrgKind, Sector
    from models.services.members import create_member, transfer_member
    from models.services.orgs import create_org, update_org
    from tests.factories import build_county, member_values

    actor = Actor("管理员")
    db = open_database(db_path)
    with db.session() as s:
        c = build_county(s, actor)
        extra = [
            create_org(s, actor, name="中共东城镇光明村支部委员会", short_name="光明村党支部",
                       kind=OrgKind.BRANCH, sector=Sector.RURAL, parent_id=c.east.id,
                       term_start=date(2023, 3, 1), term_years=3),
            create_org(s, actor, name="中共西山乡卫生院支部委员会", short_name="卫生院党支部",
                       kind=OrgKind.BRANCH, sector=Sector.INSTITUTION, parent_id=c.west.id),
            create_org(s, actor, name="中共某某县教育局机关支部委员会", short_name="教育局机关党支部",
                       kind=OrgKind.BRANCH, sector=Sector.AGENCY, parent_id=c.root.id),
        ]
        update_org(s, actor, c.community.id, weak_year=2025, weak_reason="组织生活不规范")
        update_org(s, actor, c.school.id, model_level="县级", model_year=2025)
        branches = [c.village, c.community, c.school, *extra]
        # leave 卫生院 with 2 members so a structure warning shows
        plan = [0] * 60 + [1] * 40 + [2] * 45 + [3] * 35 + [4] * 2 + [5] * 18
        for n, b in enumerate(plan):
            org = branches[b]
            birth = date(1955 + n % 45, 1 + n % 12, 1 + n % 28)
            vals = member_values(n, org=org.short_name)
            vals["name"] = SURNAMES[n % 20] + GIVEN[(n * 7) % 20]
            vals["id_number"] = idcard.make("440524", birth, n % 100, n % 3 != 0)
            vals["joined_on"] = date(min(birth.year + 22 + n % 10, 2025), 7, 1)
            vals["full_on"] = None if n % 17 == 0 else date(vals["joined_on"].year + 1, 7, 1)
            if vals["joined_on"].year == 2025:
                vals["full_on"] = None
            vals["lost_contact"] = n % 53 == 0
            vals["lost_since"] = "2023-04" if n % 53 == 0 else None
            vals["floating"] = n % 29 == 0
            vals["floating_to"] = "广东省深圳市" if n % 29 == 0 else None
            m = create_member(s, actor, vals)
            if n == 5:
                transfer_member(s, actor, m.id, c.community.id, date(2024, 3, 1))
        s.commit()
    db.dispose()


def main() -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.app import MainWindow, make_app

    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    path = Path(tempfile.mkdtemp()) / "demo.sqlite3"
    build(path)
    make_app()
    win = MainWindow(str(path), "县委组织部")
    win.resize(1280, 760)
    win.show()
    win.open_database()
    orgs = win.pages["orgs"]
    with orgs.ctx.session() as s:
        from sqlalchemy import select

        from models.org import Organization

        oid = s.scalar(select(Organization.id).where(Organization.short_name == "红星村党支部"))
    orgs.tree.expandAll()
    orgs.select_org(oid)
    QApplication.processEvents()
    win.grab().save(str(out / "orgs.png"))
    page = win.navigate("members")
    page.search.setText("z")
    page.apply_search()
    QApplication.processEvents()
    win.grab().save(str(out / "members.png"))
    print("saved", out / "orgs.png", out / "members.png")


if __name__ == "__main__":
    main()
