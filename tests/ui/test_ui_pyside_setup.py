"""PySide's per-import source scan is off once the user interface is imported: a module
imported afterwards is not read as text (PySide's hook read it through `linecache`, the
cache `inspect.getsource` fills), and it still gets the ordinary Qt API."""

from __future__ import annotations

import linecache
import sys
from pathlib import Path

import pytest

import swdesk.ui  # noqa: F401 - switches the scan off, as every window's start does
from swdesk.ui.pyside_setup import FEATURE_MODULE, skip_feature_scan

SOURCE = """from PySide6.QtCore import QObject


def object_name(name):
    holder = QObject()
    holder.setObjectName(name)
    return holder.objectName()
"""


def test_a_module_imported_after_the_ui_is_not_read_as_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    module_file = tmp_path / "imported_after_the_ui.py"
    module_file.write_text(SOURCE, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    try:
        # an import statement, as a module's own imports (importlib.import_module would go
        # around builtins.__import__, where PySide's hook sits)
        module = __import__("imported_after_the_ui")
        assert str(module_file) not in linecache.cache
        assert module.object_name("照常") == "照常"  # camelCase Qt API, as without the switch
    finally:
        sys.modules.pop("imported_after_the_ui", None)


def test_the_switch_finds_pyside_s_hook() -> None:
    """The PySide6 swdesk pins has the hook; should a later one drop it, this says so."""
    assert FEATURE_MODULE in sys.modules
    assert skip_feature_scan() is True
