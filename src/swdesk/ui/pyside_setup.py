"""What swdesk changes in PySide6 itself, once, when the user interface is first imported.

PySide6 looks at every module imported after it (its `__feature__` import hook, PYSIDE-2029):
it reads the module's source to see whether it names PySide6, which decides whether a
`from __feature__ import snake_case` there would switch that module's Qt API. swdesk uses
no `__feature__`, so the hook's answer never matters, yet reading the source of the ~180
modules a start imports after PySide6 was about 5 % of a cold start to the dashboard.
Without the hook's entry a module gets PySide's default selection, the ordinary Qt API,
exactly what it gets now. A PySide6 without this hook (an older or a later one) is left as
it is.
"""

from __future__ import annotations

import sys
from types import ModuleType

import PySide6.QtCore  # noqa: F401 - loads PySide's support modules, the hook among them

FEATURE_MODULE = "shibokensupport.feature"


def _not_scanned(module: ModuleType) -> None:
    """Stands in for PySide's `feature_imported(module)`: nothing to record."""


def skip_feature_scan() -> bool:
    """Switch PySide's per-import source scan off; whether there was one to switch off."""
    feature = sys.modules.get(FEATURE_MODULE)
    if feature is None or not callable(getattr(feature, "feature_imported", None)):
        return False
    setattr(feature, "feature_imported", _not_scanned)  # noqa: B010 - unknown to mypy
    return True
