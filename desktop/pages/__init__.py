"""Pages of the main window, in navigation order.

Each module named here defines KEY (str), TITLE (a source string for tr), and
`create_page(ctx: AppContext) -> QWidget`. The key and title are repeated here so that the
navigation is built without importing any page (a page is imported when first shown, which keeps
start-up fast); tests/gui/test_app.py checks that both places agree.
"""

#: (module, KEY, TITLE) of every page, in navigation order
PAGES: list[tuple[str, str, str]] = [
    ("desktop.pages.dashboard", "dashboard", "工作台"),
    ("desktop.pages.orgs", "orgs", "党组织"),
    ("desktop.pages.members", "members", "党员名册"),
    ("desktop.pages.supervision", "supervision", "三函督办"),
    ("desktop.pages.evaluation", "evaluation", "星级评定与双评"),
    ("desktop.pages.points", "points", "积分台账"),
    ("desktop.pages.pairing", "pairing", "结对帮扶"),
    ("desktop.pages.audit", "audit", "审计日志"),
    ("desktop.pages.help", "help", "使用说明"),
]

PAGE_MODULES: list[str] = [module for module, _key, _title in PAGES]
PAGE_TITLES: dict[str, tuple[str, str]] = {module: (key, title) for module, key, title in PAGES}

#: pages a role uses only with a duty: key → the operation (models/operations.py) that opens it; the
#: navigation leaves a page out for an account that may not run it (docs/screen.md)
PAGE_OPERATIONS: dict[str, str] = {"audit": "audit.view"}
