"""The licence list the About dialog shows (resources/licenses/index.json) covers every
package swdesk needs at run time, with the licence its installed metadata declares.
When this fails after adding or upgrading a dependency: run scripts/collect_licenses.py."""

from __future__ import annotations

import importlib.util
import json
from importlib import metadata
from pathlib import Path

from swdesk.services.about import license_of

ROOT = Path(__file__).resolve().parents[2]
INDEX = ROOT / "resources" / "licenses" / "index.json"


def _collector():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location(
        "collect_licenses", ROOT / "scripts" / "collect_licenses.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_index_lists_every_runtime_dependency_with_its_declared_licence() -> None:
    components = json.loads(INDEX.read_text("utf-8"))["components"]
    listed = {c["distribution"]: c for c in components if c["distribution"]}
    needed = {dist.metadata["Name"] for dist in _collector().runtime_closure()}
    assert needed <= set(listed), f"run scripts/collect_licenses.py: {needed - set(listed)}"
    for name in needed:
        assert license_of(metadata.distribution(name)) == listed[name]["license"], name
    for component in components:
        for file in component["files"]:
            assert (ROOT / "resources" / file).is_file(), file


def test_index_lists_nothing_that_is_not_shipped() -> None:
    """A package moved to the test extra (pypdf: the tests read PDFs back with it, the
    application does not) or dropped leaves neither an entry nor a licence file behind."""
    components = json.loads(INDEX.read_text("utf-8"))["components"]
    listed = {c["distribution"] for c in components if c["kind"] == "library"}
    needed = {dist.metadata["Name"] for dist in _collector().runtime_closure()}
    assert listed == needed, f"run scripts/collect_licenses.py: {listed ^ needed}"
    assert "pypdf" not in listed
    referenced = {file for c in components for file in c["files"]}
    shipped = {f"licenses/{path.name}" for path in (ROOT / "resources" / "licenses").glob("*.txt")}
    assert shipped <= referenced, f"licence files nothing lists: {shipped - referenced}"


def test_the_font_and_qt_are_listed_with_their_licences() -> None:
    components = {c["name"]: c for c in json.loads(INDEX.read_text("utf-8"))["components"]}
    font = next(c for name, c in components.items() if name.startswith("WenQuanYi"))
    assert font["license"] == "Apache-2.0"
    qt = components["Qt for Python (PySide6) and Qt"]
    assert "LGPL-3.0-only" in qt["license"]
    assert qt["files"] == ["licenses/LGPL-3.0.txt", "licenses/GPL-3.0.txt"]
