"""The wheel and sdist: built from the source tree (the wheel from the sdist, as `python -m
build` does), every resource inside, and the wheel installed into a fresh virtual environment
outside the source tree where `swdesk --version` and `swdesk --self-check` run.

Offline and quick: the build uses the installed back end (`--no-isolation`), and the new
environment sees the project environment's packages through a `.pth` file (that folder's own
`.pth` files, among them the editable install of swdesk, are not processed), so the wheel is
installed with `--no-deps` and swdesk is imported from the new environment only.
"""

from __future__ import annotations

import os
import subprocess
import sys
import sysconfig
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from run_once import run_once

pytestmark = pytest.mark.slow  # about 15 s: builds, installs, runs

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]


def _run(
    args: list[str | Path], cwd: Path, timeout: int = 300, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, capture_output=True, text=True, timeout=timeout, env=env
    )
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


def _shipped_files() -> set[str]:
    """Every file of the package and of resources/, as its path inside the wheel."""
    found = set()
    for base, prefix in (
        (ROOT / "src" / "swdesk", "swdesk"),
        (ROOT / "resources", "swdesk/resources"),
    ):
        for path in base.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                found.add(f"{prefix}/{path.relative_to(base).as_posix()}")
    return found


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built once per test run (`run_once`): not once per
    pytest-xdist worker that gets one of these tests, and never by two workers at once in
    the same source tree (the build writes src/swdesk.egg-info there)."""
    return run_once(tmp_path_factory, "dist", _build)


def _build(out: Path) -> None:
    _run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ROOT],
        cwd=out,
        timeout=600,
    )


@pytest.fixture(scope="module")
def wheel(dist: Path) -> Path:
    wheels = list(dist.glob("swdesk-*.whl"))
    assert [w.name for w in wheels] == [f"swdesk-{VERSION}-py3-none-any.whl"]
    return wheels[0]


def test_wheel_holds_every_resource(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    missing = _shipped_files() - names
    assert not missing, f"not in the wheel: {sorted(missing)}"
    for needed in (
        "swdesk/resources/fonts/WenQuanYiMicroHei-GBK.ttf",
        "swdesk/resources/fonts/HanaMinA-CJK.ttf",
        "swdesk/resources/fonts/HanaMinB-CJK.ttf",
        "swdesk/resources/fonts/BabelStoneHan-CJK.ttf",
        "swdesk/resources/fonts/LICENSE-Hanazono.txt",
        "swdesk/resources/fonts/LICENSE-BabelStoneHan.txt",
        "swdesk/resources/translations/swdesk_zh_CN.qm",
        "swdesk/resources/translations/qtbase_extra_zh_CN.qm",
        "swdesk/resources/guide/user-guide.zh_CN.md",
        "swdesk/resources/guide/images/dashboard.png",
        "swdesk/resources/rulepacks/gansu.toml",
        "swdesk/resources/icons/swdesk.svg",
        "swdesk/resources/icons/swdesk.ico",
        "swdesk/resources/licenses/index.json",
        "swdesk/storage/migrations/env.py",
        "swdesk/storage/migrations/script.py.mako",
        "swdesk/storage/migrations/versions/0001_initial.py",
        "swdesk/reviewstore/migrations/env.py",
        "swdesk/reviewstore/migrations/versions/r0001_initial.py",
        "swdesk/bundle/schemas/application.schema.json",
        "swdesk/rulepacks/schema.json",
        "swdesk/resources/rulepacks/calendars/cn-working-days.toml",
        "swdesk/rulepacks/calendar-schema.json",
    ):
        assert needed in names
    assert not [n for n in names if "__pycache__" in n or n.endswith(".pyc")]
    entry_points = (
        zipfile.ZipFile(wheel).read(f"swdesk-{VERSION}.dist-info/entry_points.txt").decode()
    )
    assert "swdesk = swdesk.__main__:main" in entry_points


def test_sdist_holds_the_sources_and_resources(dist: Path) -> None:
    sdist = dist / f"swdesk-{VERSION}.tar.gz"
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    assert {
        "pyproject.toml",
        "README.md",
        "resources/fonts/WenQuanYiMicroHei-GBK.ttf",
        "resources/licenses/index.json",
        "src/swdesk/app.py",
    } <= names


def test_wheel_installs_and_runs_outside_the_source_tree(wheel: Path, tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    assert ROOT not in venv.parents and ROOT not in outside.parents
    _run([sys.executable, "-m", "venv", "--without-pip", venv], cwd=outside)
    bin_dir = venv / ("Scripts" if os.name == "nt" else "bin")
    python = bin_dir / ("python.exe" if os.name == "nt" else "python")
    purelib = _run(
        [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=outside
    ).stdout.strip()
    # The project environment's packages (PySide6, SQLAlchemy, pip …), not its .pth files.
    shared = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    Path(purelib, "project-packages.pth").write_text("\n".join(sorted(shared)) + "\n")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env["QT_QPA_PLATFORM"] = "offscreen"
    _run(
        [
            python,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-index",
            "--disable-pip-version-check",
            wheel,
        ],
        cwd=outside,
        env=env,
    )

    located = _run(
        [python, "-c", "import swdesk; print(swdesk.__file__)"], cwd=outside, env=env
    ).stdout.strip()
    assert Path(located).is_relative_to(venv), located
    assert not Path(located).is_relative_to(ROOT)

    swdesk = bin_dir / ("swdesk.exe" if os.name == "nt" else "swdesk")
    version = _run([swdesk, "--version"], cwd=outside, env=env)
    assert version.stdout.strip() == f"swdesk {VERSION}"
    check = _run([swdesk, "--self-check"], cwd=outside, env=env, timeout=300)
    lines = check.stdout.splitlines()
    for step in (
        "resources",
        "data folder",
        "demo data",
        "application form",
        "bundle",
        "reviewer",
        "gui",
    ):
        assert any(line.startswith(f"ok     {step}:") for line in lines), check.stdout
    assert lines[-1].startswith("self-check passed")
    assert "FAILED" not in check.stdout
    assert list(outside.iterdir()) == []  # the self-check leaves nothing behind
