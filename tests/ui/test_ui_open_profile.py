"""`swdesk --profile ID`: MainWindow.open_profile opens a profile directly; a profile with
a PIN is selected in the chooser (the PIN is asked there); an unknown number falls back."""

from __future__ import annotations

from ui_helpers import sample_draft


def test_a_profile_without_pin_opens_its_dashboard(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.profiles.create_profile(sample_draft("张晓梅", 422))
    pid = workspace.profiles.create_profile(sample_draft("王芳", 862))
    window.open_profile(pid)
    assert window.stack.currentWidget() is window.profile_page
    assert window.current_id == pid
    assert window.dashboard.who_label.text() == "王芳"


def test_a_profile_with_pin_is_asked_for_it(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    workspace.profiles.create_profile(sample_draft("张晓梅", 422))
    pid = workspace.profiles.create_profile(sample_draft("李建国", 171), pin="2468")
    window.open_profile(pid)
    chooser = window.chooser_page
    assert window.stack.currentWidget() is chooser
    assert window.current_id is None
    assert chooser.selected() is not None and chooser.selected().id == pid
    assert chooser.pin_row.isVisibleTo(chooser)


def test_an_unknown_profile_shows_the_usual_first_page(qtbot, window, workspace) -> None:  # type: ignore[no-untyped-def]
    window.open_profile(99)
    assert window.stack.currentWidget() is window.start_page
    assert "99" in window.statusBar().currentMessage()
