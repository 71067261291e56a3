"""Write constraints.txt: the exact version of every package in .venv.

    .venv/bin/python scripts/freeze_constraints.py

scripts/setup.sh installs swdesk with `pip install -c constraints.txt -e '.[test]'` and
packaging/build.sh installs PyInstaller with the same file, so every machine (CI's fresh clone
included) builds and tests with the same releases, and a frozen build of a given commit is
reproducible. pyproject.toml keeps the ranges swdesk works with; this file picks one release
in each. Run it after changing a requirement in pyproject.toml or upgrading .venv (with
PyInstaller installed in .venv: packaging/build.sh puts it there), then run the tests;
tests/unit/test_constraints.py checks that the file pins everything swdesk needs, in range.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "constraints.txt"
# pip itself is never installed through the constraints
SKIP = {"pip"}
HEADER = """\
# The exact releases swdesk is tested and built with (pip constraints: pins, no installs).
# Used by scripts/setup.sh (pip install -c constraints.txt -e '.[test]') and
# packaging/build.sh (PyInstaller). Regenerate: .venv/bin/python scripts/freeze_constraints.py
"""


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pins() -> dict[str, str]:
    """Canonical name → version of every distribution installed in this environment except
    swdesk (editable) and pip; a package installed from a local wheel is pinned by version."""
    from importlib import metadata

    found: dict[str, str] = {}
    for dist in metadata.distributions():
        name = canonical(dist.metadata["Name"])
        if name in SKIP or name == "swdesk":
            continue
        found[name] = dist.version
    return dict(sorted(found.items()))


def main() -> int:
    if sys.prefix == sys.base_prefix:
        raise SystemExit("run this with the project's .venv/bin/python")
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        raise SystemExit(
            "PyInstaller is not in .venv: run packaging/build.sh once (it "
            "installs it), then this again"
        ) from None
    subprocess.run([sys.executable, "-m", "pip", "check"], check=True)
    lines = [f"{name}=={version}" for name, version in pins().items()]
    OUT.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} pins to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
