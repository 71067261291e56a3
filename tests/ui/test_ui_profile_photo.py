"""The profile's photo field: a camera original (9000×12000 pixels, or a 48 MB file) is
taken and scaled down; a photo that cannot be used is explained next to the field with the
real limits, before anything is saved, and never in a message box."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox
from ui_helpers import sample_draft


def _editor(window, workspace):  # type: ignore[no-untyped-def]
    pid = workspace.profiles.create_profile(sample_draft())
    window.show_profile(pid)
    dialog = window.profile_actions.edit_profile()
    assert dialog is not None
    return pid, dialog


def _choose(qtbot, monkeypatch, dialog, path: Path) -> None:  # type: ignore[no-untyped-def]
    """Choose `path` with the photo button; no message box may open for it."""
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *a, **k: (str(path), ""))
    )
    before = _message_boxes()
    qtbot.mouseClick(dialog.personal.photo_button, Qt.MouseButton.LeftButton)
    assert _message_boxes() <= before


def _photo_error(dialog) -> str:  # type: ignore[no-untyped-def]
    field = dialog.fields["photo"]
    return field.error_label.text() if field.has_error else ""


def _message_boxes() -> set[QMessageBox]:
    return {
        w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()
    }


def test_a_9000_by_12000_photo_is_taken_and_stored_scaled(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    pid, dialog = _editor(window, workspace)
    huge = tmp_path / "相机原图.jpg"
    Image.new("L", (9000, 12000), 140).save(huge, "JPEG", quality=90)
    _choose(qtbot, monkeypatch, dialog, huge)
    assert _photo_error(dialog) == ""
    assert not dialog.personal.photo_preview.pixmap().isNull()
    save = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    before = _message_boxes()
    with qtbot.waitSignal(dialog.profile_saved, timeout=30000):
        qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert _message_boxes() <= before
    stored = workspace.profiles.photo_path(workspace.profiles.get_record(pid).practitioner)
    assert stored is not None
    with Image.open(stored) as image:
        assert image.size == (354, 472)


def test_a_48_mb_photo_is_taken(
    qtbot,
    window,
    workspace,
    tmp_path: Path,  # type: ignore[no-untyped-def]
    monkeypatch,
) -> None:
    _pid, dialog = _editor(window, workspace)
    out = io.BytesIO()
    Image.effect_noise((900, 1200), 60).convert("RGB").save(out, "JPEG", quality=95)
    jpeg = out.getvalue()
    comment = b"\xff\xfe" + (65535).to_bytes(2, "big") + b"x" * 65533  # a 64 KB COM segment
    big = tmp_path / "big.jpg"
    big.write_bytes(jpeg[:2] + comment * (48 * 1024 * 1024 // len(comment)) + jpeg[2:])
    assert big.stat().st_size > 47 * 1024 * 1024
    _choose(qtbot, monkeypatch, dialog, big)
    assert _photo_error(dialog) == ""


def test_an_unusable_photo_is_explained_next_to_the_field(
    qtbot,
    window,
    workspace,  # type: ignore[no-untyped-def]
    tmp_path: Path,
    monkeypatch,
) -> None:
    _pid, dialog = _editor(window, workspace)
    small = tmp_path / "small.png"
    Image.new("RGB", (120, 160), (200, 180, 160)).save(small)
    _choose(qtbot, monkeypatch, dialog, small)
    text = _photo_error(dialog)
    assert "120×160" in text and "240×320" in text
    text_file = tmp_path / "notes.jpg"
    text_file.write_text("不是照片", encoding="utf-8")
    _choose(qtbot, monkeypatch, dialog, text_file)
    assert "notes.jpg" in _photo_error(dialog) and "JPEG" in _photo_error(dialog)
