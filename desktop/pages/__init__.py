"""Pages of the main window, in navigation order.

Each module named here defines KEY (str), TITLE (a source string for tr), and
`create_page(ctx: AppContext) -> QWidget`.
"""

PAGE_MODULES: list[str] = [
    "desktop.pages.dashboard",
    "desktop.pages.orgs",
    "desktop.pages.members",
    "desktop.pages.supervision",
    "desktop.pages.evaluation",
    "desktop.pages.pairing",
    "desktop.pages.audit",
]
