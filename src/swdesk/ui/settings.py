"""User choices that persist: language, window geometry, last profile, theme.

Stored as an INI file inside the data directory, so a portable copy keeps its settings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings

LANGUAGES = ("zh_CN", "en")
THEMES = ("system", "light", "dark")


class UiSettings:
    def __init__(self, path: Path) -> None:
        self.path = path
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    def sync(self) -> None:
        """Write the choices to `path` now (QSettings otherwise writes them later)."""
        self._qs.sync()

    @property
    def language(self) -> str:
        value = str(self._qs.value("ui/language", "zh_CN"))
        return value if value in LANGUAGES else "zh_CN"

    @language.setter
    def language(self, value: str) -> None:
        self._qs.setValue("ui/language", value if value in LANGUAGES else "zh_CN")

    @property
    def theme(self) -> str:
        value = str(self._qs.value("ui/theme", "system"))
        return value if value in THEMES else "system"

    @theme.setter
    def theme(self, value: str) -> None:
        self._qs.setValue("ui/theme", value if value in THEMES else "system")

    @property
    def last_profile(self) -> int | None:
        value = self._qs.value("profiles/last")
        try:
            return int(value) if value not in (None, "") else None
        except (TypeError, ValueError):
            return None

    @last_profile.setter
    def last_profile(self, value: int | None) -> None:
        self._qs.setValue("profiles/last", "" if value is None else int(value))

    def geometry(self, key: str) -> QByteArray | None:
        value = self._qs.value(f"geometry/{key}")
        return value if isinstance(value, QByteArray) else None

    def set_geometry(self, key: str, value: QByteArray) -> None:
        self._qs.setValue(f"geometry/{key}", value)

    def value(self, key: str, default: str = "") -> str:
        return str(self._qs.value(key, default))

    def set_value(self, key: str, value: str) -> None:
        self._qs.setValue(key, value)
