"""Rule packs are validated against the schema once per content: a pack that passed is
remembered with its parsed values (so a start-up neither parses TOML nor loads the
validator); anything else is parsed and validated."""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal
from importlib.resources import files
from pathlib import Path

import pytest

from swdesk.rulepacks import loader, parsed_cache


def _gansu_text() -> str:
    return files("swdesk.resources").joinpath("rulepacks/gansu.toml").read_text("utf-8")


VALIDATION_PROBE = """
import sys
from pathlib import Path
from swdesk.rulepacks import load_pack_file
pack = load_pack_file(Path(sys.argv[1]))
print(pack.id, "fastjsonschema" in sys.modules, "tomllib" in sys.modules)
"""


def test_a_valid_pack_is_remembered_and_then_not_validated_again(tmp_path: Path) -> None:
    """Two starts with the same pack: the first parses and validates it (importing tomllib
    and the validator), the second finds it in the cache and imports neither."""
    import subprocess
    import sys

    path = tmp_path / "gansu.toml"
    path.write_text(_gansu_text(), encoding="utf-8")
    assert not parsed_cache.cache_file().exists()
    starts = [
        subprocess.run(
            [sys.executable, "-c", VALIDATION_PROBE, str(path)],
            capture_output=True,
            text=True,
            timeout=120,
        )
        for _ in range(2)
    ]
    assert all(done.returncode == 0 for done in starts), [done.stderr for done in starts]
    assert [done.stdout.split() for done in starts] == [
        ["gansu", "True", "True"],
        ["gansu", "False", "False"],
    ]
    assert len(_entries()) == 1
    assert loader.load_pack_file(path) == loader.pack_from_data(
        tomllib.loads(_gansu_text(), parse_float=Decimal), file="gansu.toml"
    )  # the remembered values make the same pack as the file parsed anew


def test_an_invalid_pack_is_refused_every_time_and_never_remembered(tmp_path: Path) -> None:
    path = tmp_path / "gansu.toml"
    path.write_text(_gansu_text() + '\nunexpected_key = "x"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(loader.RulePackError) as raised:
            loader.load_pack_file(path)
        assert raised.value.code == "rulepack_invalid"
    assert not parsed_cache.cache_file().exists()


def test_the_digests_of_earlier_versions_are_removed(tmp_path: Path) -> None:
    legacy = parsed_cache.cache_file().with_name(parsed_cache.LEGACY_NAME)
    legacy.parent.mkdir(parents=True, exist_ok=True)
    legacy.write_text("ab" * 32 + "\n", encoding="ascii")
    path = tmp_path / "gansu.toml"
    path.write_text(_gansu_text(), encoding="utf-8")
    loader.load_pack_file(path)
    assert parsed_cache.cache_file().is_file()
    assert not legacy.exists()


def test_a_damaged_cache_is_parsed_again_and_replaced(tmp_path: Path) -> None:
    path = tmp_path / "gansu.toml"
    path.write_text(_gansu_text(), encoding="utf-8")
    first = loader.load_pack_file(path)
    cache = parsed_cache.cache_file()
    content = json.loads(cache.read_text(encoding="utf-8"))
    content["entries"][0]["data"]["cycle_years"] = {"$decimal": "not a number"}
    cache.write_text(json.dumps(content), encoding="utf-8")
    assert loader.load_pack_file(path) == first
    cache.write_text("{ not json", encoding="utf-8")
    assert loader.load_pack_file(path) == first
    assert len(_entries()) == 1


def _entries() -> list[object]:
    entries = json.loads(parsed_cache.cache_file().read_text(encoding="utf-8"))["entries"]
    assert isinstance(entries, list)
    return entries


PORTABLE_PROBE = """
import json

from swdesk.rulepacks import loader, parsed_cache
print(loader.load_pack("gansu").id)
"""


def test_a_portable_swdesk_keeps_the_cache_beside_its_data(tmp_path: Path) -> None:
    """A swdesk run from a USB stick (the portable marker beside the program) writes
    nothing into the user's folders: the cache goes to data/cache beside the program."""
    import os
    import subprocess
    import sys

    stick, home = tmp_path / "stick", tmp_path / "home"
    stick.mkdir()
    home.mkdir()
    (stick / "swdesk-portable").write_text("", encoding="ascii")
    probe = stick / "probe.py"  # sys.argv[0]: the program's folder is the stick
    probe.write_text(PORTABLE_PROBE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("XDG_")}
    env.update(HOME=str(home), USERPROFILE=str(home), LOCALAPPDATA=str(home / "Local"))
    done = subprocess.run(
        [sys.executable, str(probe)], cwd=home, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "gansu"
    assert (stick / "data" / "cache" / "rulepacks-parsed.json").is_file()
    assert [p for p in home.rglob("*")] == []
