"""GUI benchmarks on the shared fixture (QT_QPA_PLATFORM=offscreen is set here if not given)."""

from __future__ import annotations

import os

from bench.benchmarks import ACTOR, Fixture, Measured, bench, measure


def _app():
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication, QLabel

    from desktop.app import apply_look

    app = QApplication.instance() or QApplication([])
    apply_look(app)
    # the program's window is up before its first page: fonts loaded, style polished
    warm = QLabel("工作台 党组织 0123")
    warm.show()
    warm.grab()
    warm.close()
    return app


@bench("dashboard: key numbers, action lists and chart series (service), demo county", 0.5)
def dashboard_service(fx: Fixture) -> Measured:
    from models.services import dashboard

    with fx.big.session() as s, measure() as m:
        dashboard.load(s, ACTOR)
    return m.result


@bench("dashboard shown with all charts on the demo county", 0.5)
def dashboard_shown(fx: Fixture) -> Measured:
    """Build the 工作台 page (its queries included), show it at 1280×760 and paint it with the charts."""
    from desktop.context import AppContext
    from desktop.pages.dashboard import DashboardPage

    app = _app()
    ctx = AppContext(fx.big, ACTOR)
    with measure() as m:
        page = DashboardPage(ctx)
        page.resize(1130, 740)
        page.show()
        app.processEvents()
        page.grab()  # every chart painted
    page.close()
    page.deleteLater()
    app.processEvents()
    return m.result
