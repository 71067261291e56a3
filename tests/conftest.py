"""Test-wide set-up: every platformdirs path and the data folder live under tmp_path;
hypothesis runs reproducibly; keys and passwords are hashed at a low scrypt cost."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from typing import TYPE_CHECKING

import pytest
from hypothesis import settings

if TYPE_CHECKING:
    from folder_samples import FolderTemplates

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# Property tests are reproducible: every run tries the same examples (derandomize: the seed
# comes from the test's name), nothing is carried over between runs (no example database),
# and a failure prints its falsifying example. No deadline: a slow example on a busy machine
# is not a failure (speed belongs in benchmarks/). HYPOTHESIS_PROFILE=explore searches with
# fresh random examples instead (a failure prints the @reproduce_failure line that replays it).
settings.register_profile("swdesk", derandomize=True, database=None, deadline=None, print_blob=True)
settings.register_profile("explore", database=None, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "swdesk"))
# a sentence whose placeholders do not match its values raises (swdesk.ui.texts.values)
# instead of showing the template: a test that shows the sentence fails
os.environ.setdefault("SWDESK_STRICT_TEXTS", "1")

# Collecting the tests already runs code (a module reading a shipped rule pack at import
# records the validated pack in the user's cache folder): from here on, before any test
# module is imported, every platformdirs folder points into a temporary folder of this run,
# removed at exit. The autouse fixture below then gives each test folders of its own.
_RUN_HOME = tempfile.mkdtemp(prefix="swdesk-tests-")
atexit.register(shutil.rmtree, _RUN_HOME, ignore_errors=True)
os.environ["HOME"] = _RUN_HOME
for _name, _folder in (
    ("XDG_DATA_HOME", "data"),
    ("XDG_CONFIG_HOME", "config"),
    ("XDG_CACHE_HOME", "cache"),
    ("XDG_STATE_HOME", "state"),
):
    os.environ[_name] = os.path.join(_RUN_HOME, _folder)
os.environ.pop("SWDESK_DATA_DIR", None)


@pytest.fixture(autouse=True)
def _isolated_user_dirs(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No test may touch the real user's data, config, cache or log folders."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / "cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / "state"))
    monkeypatch.delenv("SWDESK_DATA_DIR", raising=False)


# The scrypt costs of office keys, staff passwords and PIN-wrapped profile keys: production
# values, and the low ones every test runs with. Each blob and hash records the cost it was
# made with, so the code paths are the same, only faster.
def _key_cost_settings() -> list[tuple[object, str, int]]:
    from swdesk.services.review import staff
    from swdesk.signing import keystore
    from swdesk.storage import sealing

    return [
        (keystore, "SCRYPT_N", 2**10),
        (staff, "PASSWORD_COST", 2**10),
        (sealing, "SCRYPT_LOG2_N", 10),
    ]


@pytest.fixture(scope="session", autouse=True)
def _low_key_costs() -> Iterator[dict[tuple[object, str], int]]:
    """Every test, and every session or module fixture that sets up offices or profiles,
    runs with low scrypt costs; yields the production values."""
    patch = pytest.MonkeyPatch()
    production: dict[tuple[object, str], int] = {}
    for module, name, low in _key_cost_settings():
        production[(module, name)] = getattr(module, name)
        patch.setattr(module, name, low)
    yield production
    patch.undo()


@pytest.fixture(autouse=True)
def _real_key_costs_when_marked(
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
    _low_key_costs: dict[tuple[object, str], int],
) -> None:
    """A test marked `real_key_costs` runs with the production scrypt costs."""
    if request.node.get_closest_marker("real_key_costs") is not None:
        for (module, name), value in _low_key_costs.items():
            monkeypatch.setattr(module, name, value)


@pytest.fixture(scope="session")
def folder_templates(tmp_path_factory: pytest.TempPathFactory) -> FolderTemplates:
    """Slow-to-build data folders (demo people, exported applications, offices), built once
    per session under a temporary folder and copied for each test that uses one."""
    from folder_samples import FolderTemplates

    return FolderTemplates(tmp_path_factory.mktemp("templates"))


def pytest_unconfigure(config: pytest.Config) -> None:
    """The run's temporary platformdirs folders go with the run (in each xdist worker too)."""
    shutil.rmtree(_RUN_HOME, ignore_errors=True)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The long tests (marked `slow`) first, each module's in its order: pytest-xdist hands
    the tests out in this order, and a long test that starts near the end holds the whole
    run up while the other workers have nothing left to do."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)
