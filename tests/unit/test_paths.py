"""Where the data folder is: option, environment, portable marker, user folder."""

from __future__ import annotations

from pathlib import Path

from swdesk.paths import PORTABLE_MARKER, DataLayout, resolve_data_dir


def test_option_wins_over_environment(tmp_path: Path) -> None:
    chosen, origin = resolve_data_dir(
        str(tmp_path / "a"), {"SWDESK_DATA_DIR": str(tmp_path / "b")}, tmp_path
    )
    assert (chosen, origin) == ((tmp_path / "a").resolve(), "option")


def test_environment_wins_over_portable_marker(tmp_path: Path) -> None:
    (tmp_path / PORTABLE_MARKER).write_text("")
    chosen, origin = resolve_data_dir(None, {"SWDESK_DATA_DIR": str(tmp_path / "b")}, tmp_path)
    assert (chosen, origin) == ((tmp_path / "b").resolve(), "environment")


def test_portable_marker_keeps_data_beside_the_program(tmp_path: Path) -> None:
    (tmp_path / PORTABLE_MARKER).write_text("")
    chosen, origin = resolve_data_dir(None, {}, tmp_path)
    assert (chosen, origin) == (tmp_path / "data", "portable")


def test_user_data_folder_otherwise(tmp_path: Path) -> None:
    chosen, origin = resolve_data_dir(None, {}, tmp_path)
    assert origin == "user"
    assert chosen.name == "swdesk"
    assert str(chosen).startswith(str(Path.home()))  # redirected into tmp by conftest


def test_layout_creates_its_folders(tmp_path: Path) -> None:
    layout = DataLayout(tmp_path / "d")
    layout.create()
    for folder in (layout.evidence_dir, layout.photos_dir, layout.backups_dir):
        assert folder.is_dir()
    assert layout.database.name == "swdesk.sqlite"
