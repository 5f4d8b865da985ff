"""Desktop-only preferences of this user on this computer, declared once with their defaults.

They live in ``desktop.ini`` in the per-user config folder (QSettings, INI format). Settings shared
by all clerks (county name, categories, days ...) are in the database instead (models/settings.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSettings

from . import paths


@dataclass(frozen=True)
class Pref:
    key: str
    default: Any
    meaning: str


#: the database opened at start-up when neither --db nor DANGJIAN_DB says otherwise ("" = default file)
DATABASE_TARGET = Pref("database/target", "", "启动时打开的数据库")
#: interface language: zh or en (takes effect at the next start)
LANGUAGE = Pref("ui/language", "zh", "界面语言")
#: TrueType font files for PDF documents, separated by |
DOCUMENT_FONTS = Pref("documents/fonts", "", "文书字体文件")
#: the main window's size and position (QByteArray from saveGeometry)
WINDOW_GEOMETRY = Pref("window/geometry", None, "主窗口位置和大小")
#: the roster's hidden columns, separated by | ("-": none hidden; absent: the default set)
MEMBERS_HIDDEN_COLUMNS = Pref("members/hidden_columns", None, "党员名册隐藏的列")

#: the folder the clerk last saved to or opened from (forms.files starts its dialogs there)
LAST_FOLDER = Pref("files/last_folder", "", "上次使用的文件夹")

#: the account name last logged in on this computer (never its password): the login box starts with it
LAST_ACCOUNT = Pref("login/last_account", "", "上次登录的账号")

ALL = (DATABASE_TARGET, LANGUAGE, DOCUMENT_FONTS, WINDOW_GEOMETRY, MEMBERS_HIDDEN_COLUMNS, LAST_FOLDER,
       LAST_ACCOUNT)


def store() -> QSettings:
    return QSettings(str(paths.config_dir() / "desktop.ini"), QSettings.Format.IniFormat)


def get(pref: Pref) -> Any:
    return store().value(pref.key, pref.default)


def text(pref: Pref) -> str:
    value = get(pref)
    return "" if value is None else str(value)


def put(pref: Pref, value: Any) -> None:
    qs = store()
    qs.setValue(pref.key, value)
    qs.sync()


def font_files() -> list[str]:
    return [f for f in text(DOCUMENT_FONTS).split("|") if f]


class LastFolder:
    """forms.files' memory of the last folder used, in this file (plugged in at start-up)."""

    def load(self) -> str:
        return text(LAST_FOLDER)

    def save(self, folder: str) -> None:
        put(LAST_FOLDER, folder)
