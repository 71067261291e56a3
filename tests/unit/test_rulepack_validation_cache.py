"""Rule packs are validated against the schema once per content: the digest of a pack that
passed is cached (so start-up need not load jsonschema); anything else is validated."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

import pytest

from swdesk.rulepacks import loader


def _gansu_text() -> str:
    return files("swdesk.resources").joinpath("rulepacks/gansu.toml").read_text("utf-8")


def test_a_valid_pack_is_remembered_and_then_not_validated_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gansu.toml"
    path.write_text(_gansu_text(), encoding="utf-8")
    assert not loader._validated_file().exists()
    loader.load_pack_file(path)
    assert len(loader._validated_file().read_text(encoding="ascii").split()) == 1

    def no_validator() -> None:
        raise AssertionError("validated again")

    monkeypatch.setattr(loader, "_validator", no_validator)
    assert loader.load_pack_file(path).id == "gansu"


def test_an_invalid_pack_is_refused_every_time_and_never_remembered(tmp_path: Path) -> None:
    path = tmp_path / "gansu.toml"
    path.write_text(_gansu_text() + '\nunexpected_key = "x"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(loader.RulePackError) as raised:
            loader.load_pack_file(path)
        assert raised.value.code == "rulepack_invalid"
    assert not loader._validated_file().exists()
