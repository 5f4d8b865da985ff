"""Settings: database target, county name and agency code (in the database), language, fonts."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from forms import dialogs
from models.errors import DomainError

from . import paths


class SettingsDialog(QDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        from .app import settings

        self.ctx = ctx
        self.qs = settings()
        self.setWindowTitle(self.tr("设置"))
        self.resize(560, 420)
        self.target = QLineEdit(str(self.qs.value("database/target", "") or paths.default_database()))
        self.target.setObjectName("target")
        self.target.setToolTip(self.tr("SQLite 文件路径，或 postgresql+psycopg://用户@主机/库"))
        test = QPushButton(self.tr("测试连接"))
        test.clicked.connect(self.test_connection)
        pick = QPushButton(self.tr("选择文件…"))
        pick.clicked.connect(self._pick_db)
        db_row = QHBoxLayout()
        db_row.addWidget(self.target, 1)
        db_row.addWidget(pick)
        db_row.addWidget(test)
        self.county = QLineEdit()
        self.county.setObjectName("county")
        self.agency_code = QLineEdit()
        self.agency_code.setObjectName("agency_code")
        if ctx is not None:
            from models.settings import get_setting

            with ctx.db.session() as s:
                self.county.setText(get_setting(s, "county_name"))
                self.agency_code.setText(get_setting(s, "agency_code"))
        self.language = QComboBox()
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(self.qs.value("ui/language", "zh")), 0))
        self.fonts = QListWidget()
        for f in str(self.qs.value("documents/fonts", "") or "").split("|"):
            if f:
                self.fonts.addItem(f)
        add_font = QPushButton(self.tr("添加字体文件…"))
        add_font.clicked.connect(self._add_font)
        remove_font = QPushButton(self.tr("移除"))
        remove_font.clicked.connect(lambda: self.fonts.takeItem(self.fonts.currentRow()))
        font_buttons = QHBoxLayout()
        font_buttons.addWidget(add_font)
        font_buttons.addWidget(remove_font)
        font_buttons.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("数据库："), db_row)
        form.addRow(self.tr("县委名称："), self.county)
        form.addRow(self.tr("发文机关代字："), self.agency_code)
        form.addRow(self.tr("界面语言（重启后生效）："), self.language)
        form.addRow(self.tr("文书字体文件："), self.fonts)
        form.addRow("", font_buttons)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(buttons)

    def _pick_db(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("数据库文件"), self.target.text(),
                                               "SQLite (*.sqlite3 *.db)", options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.target.setText(path)

    def _add_font(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("字体文件"), "", "TrueType (*.ttf *.ttc *.otf)")
        if path:
            self.fonts.addItem(path)

    def test_connection(self) -> bool:
        from models.db import open_database

        try:
            db = open_database(self.target.text().strip(), migrate=False)
            db.dispose()
        except DomainError as exc:
            dialogs.message(self, "warning", self.tr("测试连接"), str(exc))
            return False
        dialogs.message(self, "info", self.tr("测试连接"), self.tr("连接成功"))
        return True

    def save(self) -> bool:
        from models.services import access
        from models.settings import get_setting, set_setting

        if self.ctx is not None:
            def write() -> bool:
                with self.ctx.session() as s:
                    changed = (self.county.text().strip() != get_setting(s, "county_name")
                               or self.agency_code.text().strip() != get_setting(s, "agency_code"))
                    if changed:
                        access.require(self.ctx.actor, access.Permission.MANAGE_SETTINGS)
                        set_setting(s, "county_name", self.county.text().strip())
                        set_setting(s, "agency_code", self.agency_code.text().strip())
                return True

            if dialogs.attempt(self, write, self.tr("未能保存设置")) is None:
                return False
        old_target = str(self.qs.value("database/target", "") or "")
        self.qs.setValue("database/target", self.target.text().strip())
        self.qs.setValue("ui/language", self.language.currentData())
        self.qs.setValue("documents/fonts", "|".join(self.fonts.item(i).text() for i in range(self.fonts.count())))
        self.qs.sync()
        if old_target and old_target != self.target.text().strip():
            dialogs.message(self, "info", self.tr("设置"), self.tr("新的数据库将在下次启动时打开"))
        self.accept()
        return True
