"""constraints.txt (the exact releases setup and the frozen build install) pins every package
swdesk needs at run time, for its tests and for building, each inside the range pyproject.toml
allows. When this fails after changing a requirement: run scripts/freeze_constraints.py."""

from __future__ import annotations

import importlib.util
import re
import tomllib
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[2]
FIX = "run .venv/bin/python scripts/freeze_constraints.py"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def pinned() -> dict[str, str]:
    """Canonical name → the version constraints.txt pins (every line must be name==version)."""
    pins: dict[str, str] = {}
    for line in (ROOT / "constraints.txt").read_text("utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        match = re.fullmatch(r"([A-Za-z0-9][A-Za-z0-9._-]*)==([A-Za-z0-9.+!-]+)", line)
        assert match, f"not an exact pin: {line!r}"
        name = canonical(match[1])
        assert name not in pins, f"{name} pinned twice"
        pins[name] = match[2]
    return pins


def project() -> dict:  # type: ignore[type-arg]
    with (ROOT / "pyproject.toml").open("rb") as file:
        return tomllib.load(file)


def direct_requirements() -> list[Requirement]:
    """Run-time, every extra's (swdesk's own extras named inside another are not
    requirements of their own) and build-system requirements, and build.sh's PyInstaller."""
    data = project()
    extras = data["project"]["optional-dependencies"].values()
    texts = [
        *data["project"]["dependencies"],
        *(
            text
            for extra in extras
            for text in extra
            if canonical(Requirement(text).name) != "swdesk"
        ),
        *data["build-system"]["requires"],
    ]
    build_sh = (ROOT / "packaging" / "build.sh").read_text("utf-8")
    spec = re.search(r'^PYINSTALLER_SPEC="([^"]+)"', build_sh, re.MULTILINE)
    assert spec, "packaging/build.sh names the PyInstaller it installs"
    texts.append(spec[1])
    return [Requirement(text) for text in texts]


def runtime_closure() -> list[metadata.Distribution]:
    spec = importlib.util.spec_from_file_location(
        "collect_licenses", ROOT / "scripts" / "collect_licenses.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return list(module.runtime_closure())


def test_every_line_is_an_exact_pin_and_swdesk_itself_is_not_pinned() -> None:
    assert "swdesk" not in pinned()


def test_every_direct_requirement_is_pinned_inside_its_range() -> None:
    pins = pinned()
    for requirement in direct_requirements():
        name = canonical(requirement.name)
        assert name in pins, f"{name} is not pinned: {FIX}"
        assert requirement.specifier.contains(pins[name], prereleases=True), (
            f"{name}=={pins[name]} is outside {requirement.specifier}: {FIX}"
        )


def test_every_runtime_dependency_is_pinned_at_the_installed_release() -> None:
    """The whole run-time closure (what the frozen build ships), not only swdesk's own
    requirements: a dependency's dependency changing release changes the build too."""
    pins = pinned()
    closure = runtime_closure()
    assert {"reportlab", "pyside6-essentials", "shiboken6"} <= {
        canonical(dist.metadata["Name"]) for dist in closure
    }
    for dist in closure:
        name = canonical(dist.metadata["Name"])
        assert name in pins, f"{name} (needed at run time) is not pinned: {FIX}"
        assert pins[name] == dist.version, (
            f"{name}: .venv has {dist.version}, constraints.txt pins {pins[name]}: {FIX}"
        )


def test_setup_and_the_build_install_with_the_constraints() -> None:
    setup = (ROOT / "scripts" / "setup.sh").read_text("utf-8")
    build = (ROOT / "packaging" / "build.sh").read_text("utf-8")
    assert re.search(r"pip install [^\n]*-c constraints\.txt -e '\.\[test\]'", setup)
    assert "constraints.txt" in setup.split("want=", 1)[1].split("\n", 1)[0]  # reinstall stamp
    assert re.search(r'-c constraints\.txt "\$PYINSTALLER_SPEC"', build)
