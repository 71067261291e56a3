"""A package's public names loaded on first use (PEP 562), so that importing one light module
of the package does not import what its other names need.

The package lists where each name lives and imports them under `if TYPE_CHECKING:` (so
type checkers see them as ordinary imports), then installs the loader:

    __getattr__, __dir__ = lazy_names(__name__, {"render": ".form", ...})

A name is imported from its module the first time it is asked for and then kept in the
package like any other attribute.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from importlib import import_module
from typing import Any


def lazy_names(
    package: str, homes: Mapping[str, str]
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """The `__getattr__` and `__dir__` of `package`: `homes` maps each name to the module
    that defines it (absolute, or relative to the package with a leading dot)."""
    namespace = vars(sys.modules[package])

    def __getattr__(name: str) -> Any:  # noqa: N807 - the module hook's own name
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(import_module(home, package), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:  # noqa: N807
        return sorted({*namespace, *homes})

    return __getattr__, __dir__
