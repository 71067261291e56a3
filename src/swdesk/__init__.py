"""swdesk: offline desktop workspace for certified social workers' registration."""

from __future__ import annotations

from functools import cache


@cache
def _installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("swdesk")
    except PackageNotFoundError:  # running from a source tree that was not installed
        return "0.0.0+source"


def __getattr__(name: str) -> str:
    """`swdesk.__version__`, read from the package metadata when first asked for
    (importlib.metadata costs ~40 ms: not on the way to the first window)."""
    if name == "__version__":
        return _installed_version()
    raise AttributeError(f"module 'swdesk' has no attribute {name!r}")
