"""设置: every shared setting (in the database, through models/services/settings.py), grouped in tabs
(单位, 三函, 结对 ..., 评价, 文书), and this computer's preferences (desktop/prefs.py).

The tabs of shared settings are built from the declarations (models/setting_specs.py), so a setting
added to models/settings.py appears here by itself, labelled from its Chinese or English name.

Read-only means read-only (docs/screen.md): an account that may not change shared settings sees every
shared input disabled and no 保存 on the shared tabs (单位, 三函, 结对, 其他, 评价) — only 关闭. The
per-computer tabs (本机: the database opened at start-up and the language; 文书: font files) are this
computer's preferences, not shared records, so any account may change them: on those tabs 保存 is
shown to everyone and saves only this computer's preferences.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from forms import dialogs
from forms.screen import GuardedDialog
from models.errors import DomainError
from models.setting_specs import DAYS, GROUPS, INT, LIST, spec_for, split_list

from . import paths, prefs

#: the tabs (models.setting_specs.GROUPS), marked for lupdate
GROUP_TITLES = [QT_TRANSLATE_NOOP("SettingsDialog", "单位"), QT_TRANSLATE_NOOP("SettingsDialog", "三函"),
                QT_TRANSLATE_NOOP("SettingsDialog", "结对"), QT_TRANSLATE_NOOP("SettingsDialog", "数据核查"),
                QT_TRANSLATE_NOOP("SettingsDialog", "其他")]

#: ask which category the problems of a removed one move to: (old, count, choices) → new or None
MappingAsker = Callable[[str, int, list[str]], str | None]


def open_database_text(ctx: Any) -> str:
    """The database actually open: the SQLite file's path, or the server URL without a password."""
    if ctx is None:
        return ""
    from models.db import sqlite_path

    path = sqlite_path(ctx.db.engine)
    if path is not None:
        return str(path)
    return ctx.db.engine.url.render_as_string(hide_password=True)


class SettingsDialog(GuardedDialog):
    def __init__(self, ctx: Any, parent: QWidget | None = None):
        super().__init__(parent)
        self.ctx = ctx
        self.setWindowTitle(self.tr("设置"))
        self.resize(720, 560)
        self.fields: dict[str, QWidget] = {}
        self.loaded: dict[str, str] = {}
        self.rows: list[Any] = []
        self.editable = False
        self.ask_mapping: MappingAsker = self._ask_mapping
        self.tabs = QTabWidget()
        self.tabs.setObjectName("settingsTabs")
        if ctx is not None:
            self._load_shared()
        self._add_scheme_tab()
        self._add_documents_tab()
        self._add_computer_tab()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        if ctx is not None and not self.editable:
            buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("关闭"))
        self.tabs.currentChanged.connect(self._show_save)
        self._show_save()
        lay = QVBoxLayout(self)
        self.readonly_note = QLabel(self.tr("只有管理员可以修改共享设置；以下为只读。"))
        self.readonly_note.setObjectName("readonlyNote")
        self.readonly_note.setVisible(ctx is not None and not self.editable)
        lay.addWidget(self.readonly_note)
        lay.addWidget(self.tabs, 1)
        lay.addWidget(buttons)

    def _show_save(self, *_args: Any) -> None:
        """保存 where the account may save: everywhere for an administrator, on the per-computer tabs
        (本机, 文书) for everyone else."""
        own = self.tabs.currentWidget() is not None and self.tabs.currentWidget().objectName() in (
            "tab_本机", "tab_文书")
        self.save_button.setVisible(self.ctx is None or self.editable or own)

    # ------------------------------------------------------------ shared settings

    def _load_shared(self) -> None:
        from models.services import settings as st

        self.rows = self.ctx.read(lambda s: st.settings_for_display(s, self.ctx.actor))
        self.editable = st.may_change(self.ctx.actor)
        forms: dict[str, QFormLayout] = {}
        groups = [g for g in GROUPS if any(r.group == g for r in self.rows)]
        groups += sorted({r.group for r in self.rows} - set(groups))
        for group in groups:
            page = QWidget()
            page.setObjectName(f"tab_{group}")
            forms[group] = QFormLayout(page)
            scroll = QScrollArea()  # a long group scrolls: the dialog and its buttons fit a 1024×768 screen
            scroll.setObjectName(f"scroll_{group}")
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.Shape.NoFrame)
            scroll.setWidget(page)
            self.tabs.addTab(scroll, QCoreApplication.translate("SettingsDialog", group))
        english = self.tr("设置") != "设置"  # the English translation is installed
        for row in self.rows:
            widget = self._field(row)
            widget.setObjectName(row.key)
            spec = spec_for(row.key)
            if english:
                label = spec.label_en + ":"
                widget.setToolTip(f"{spec.meaning_en} (default: {row.default or 'empty'})")
            else:
                label = row.label + "："
                widget.setToolTip(f"{row.meaning}（{row.rule}；默认：{row.default or '空'}）")
            widget.setEnabled(self.editable)
            self.fields[row.key] = widget
            self.loaded[row.key] = row.value
            forms[row.group].addRow(label, widget)
        if "单位" in forms:
            label = QLabel(open_database_text(self.ctx))
            label.setObjectName("openDatabase")
            label.setProperty("data", True)  # a path: data, not chrome
            label.setWordWrap(True)
            forms["单位"].addRow(self.tr("当前打开的数据库："), label)

    def _field(self, row: Any) -> QWidget:
        if row.kind in (INT, DAYS):
            spec = spec_for(row.key)
            box = QSpinBox()
            box.setRange(spec.minimum if spec.minimum is not None else 0,
                         spec.maximum if spec.maximum is not None else 9999)
            try:
                box.setValue(int(row.value))
            except ValueError:
                pass
            if row.kind == DAYS:
                box.setSuffix(self.tr(" 天"))
            return box
        edit = QLineEdit(row.value)
        if row.kind == LIST:
            edit.setPlaceholderText(self.tr("用“、”分隔，如 组织建设、党员管理"))
        return edit

    def value_of(self, key: str) -> str:
        widget = self.fields[key]
        if isinstance(widget, QSpinBox):
            return str(widget.value())
        assert isinstance(widget, QLineEdit)
        return widget.text().strip()

    def set_value(self, key: str, value: str) -> None:
        """Fill a field as a clerk would type it (tests, and the 恢复默认 of later versions)."""
        widget = self.fields[key]
        if isinstance(widget, QSpinBox):
            widget.setValue(int(value))
        else:
            assert isinstance(widget, QLineEdit)
            widget.setText(value)

    def changed_values(self) -> dict[str, str]:
        return {k: self.value_of(k) for k in self.fields if self.value_of(k) != self.loaded.get(k)}

    def _ask_mapping(self, old: str, count: int, choices: list[str]) -> str | None:
        new, ok = QInputDialog.getItem(
            self, self.tr("问题类别"),
            self.tr("类别“{0}”已有{1}个问题使用。这些问题改用哪个类别？").format(old, count), choices, 0, False)
        return new if ok else None

    def _mappings(self, values: dict[str, str]) -> dict[str, dict[str, str]] | None:
        """For list settings whose removed names records use: old → new, asked; None: cancelled."""
        from models.services import settings as st

        mappings: dict[str, dict[str, str]] = {}
        for key, value in values.items():
            if key not in st.USED_BY:
                continue
            used = self.ctx.read(lambda s, k=key: st.usage_counts(s, k))
            new_names = split_list(value)
            for old in split_list(self.loaded[key]):
                if old not in new_names and used.get(old) and new_names:
                    target = self.ask_mapping(old, used[old], new_names)
                    if target is None:
                        return None
                    mappings.setdefault(key, {})[old] = target
        return mappings

    def save_shared(self) -> bool:
        if self.ctx is None or not self.editable:
            return True
        values = self.changed_values()
        if not values:
            return True
        mappings = self._mappings(values)
        if mappings is None:
            return False
        from models.services import settings as st

        def write() -> bool:
            with self.ctx.session() as s:
                st.set_values(s, self.ctx.actor, values, mappings)
            return True

        if dialogs.attempt(self, write, self.tr("未能保存设置")) is None:
            return False
        self.loaded.update(values)
        return True

    # ------------------------------------------------------------ 评价 (evaluation schemes)

    def _add_scheme_tab(self) -> None:
        if self.ctx is None:
            return
        from .scheme_form import SchemeForm

        self.scheme_form = SchemeForm(self.ctx, editable=self.editable, parent=self)
        self.scheme_form.setObjectName("schemeForm")
        self.tabs.addTab(self.scheme_form, self.tr("评价"))

    # ------------------------------------------------------------ 文书 (fonts, this computer)

    def _add_documents_tab(self) -> None:
        page = QWidget()
        page.setObjectName("tab_文书")
        self.fonts = QListWidget()
        self.fonts.setObjectName("fonts")
        for f in prefs.font_files():
            self.fonts.addItem(f)
        add_font = QPushButton(self.tr("添加字体文件…"))
        add_font.clicked.connect(self._add_font)
        remove_font = QPushButton(self.tr("移除"))
        remove_font.clicked.connect(lambda: self.fonts.takeItem(self.fonts.currentRow()))
        font_buttons = QHBoxLayout()
        font_buttons.addWidget(add_font)
        font_buttons.addWidget(remove_font)
        font_buttons.addStretch(1)
        form = QFormLayout(page)
        form.addRow(self.tr("文书字体文件（本机）："), self.fonts)
        form.addRow("", font_buttons)
        self.tabs.addTab(page, self.tr("文书"))

    def _add_font(self) -> None:
        path, _f = QFileDialog.getOpenFileName(self, self.tr("字体文件"), "", "TrueType (*.ttf *.ttc *.otf)")
        if path:
            self.fonts.addItem(path)

    # ------------------------------------------------------------ 本机 (database at start-up, language)

    def _add_computer_tab(self) -> None:
        page = QWidget()
        page.setObjectName("tab_本机")
        self.open_db = QLabel(open_database_text(self.ctx) or self.tr("（未打开）"))
        self.open_db.setObjectName("openDatabaseComputer")
        self.open_db.setProperty("data", True)
        self.open_db.setWordWrap(True)
        self.target = QLineEdit(prefs.text(prefs.DATABASE_TARGET) or open_database_text(self.ctx)
                                or str(paths.default_database()))
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
        self.language = QComboBox()
        self.language.setObjectName("language")
        self.language.addItem("中文", "zh")
        self.language.addItem("English", "en")
        self.language.setCurrentIndex(max(self.language.findData(prefs.text(prefs.LANGUAGE)), 0))
        form = QFormLayout(page)
        form.addRow(self.tr("当前打开的数据库："), self.open_db)
        form.addRow(self.tr("启动时打开的数据库："), db_row)
        form.addRow(self.tr("界面语言（重启后生效）："), self.language)
        self.tabs.addTab(page, self.tr("本机"))

    def _pick_db(self) -> None:
        path, _f = QFileDialog.getSaveFileName(self, self.tr("数据库文件"), self.target.text(),
                                               "SQLite (*.sqlite3 *.db)", options=QFileDialog.Option.DontConfirmOverwrite)
        if path:
            self.target.setText(path)

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

    # ------------------------------------------------------------ save

    def save(self) -> bool:
        if not self.save_shared():
            return False
        old_target = prefs.text(prefs.DATABASE_TARGET)
        new_target = self.target.text().strip()
        if new_target == open_database_text(self.ctx) and not old_target:
            new_target = ""  # unchanged: keep following the default
        prefs.put(prefs.DATABASE_TARGET, new_target)
        prefs.put(prefs.LANGUAGE, self.language.currentData())
        prefs.put(prefs.DOCUMENT_FONTS, "|".join(self.fonts.item(i).text() for i in range(self.fonts.count())))
        if new_target and new_target != (old_target or open_database_text(self.ctx)):
            dialogs.message(self, "info", self.tr("设置"), self.tr("新的数据库将在下次启动时打开"))
        self.accept()
        return True
