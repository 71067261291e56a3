"""Text from outside is shown as its characters: labels in plain text, tooltips and message
texts escaped only when Qt would take them for HTML, swdesk's own markup with its values
escaped."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument

from swdesk.ui.plain_text import as_plain, plain_label, rich_text

MARKUP = '<img width=3000 height=3000 src="x.png"> & <b>粗</b>'


def rendered(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()


def test_a_plain_label_shows_markup_as_characters(qtbot) -> None:  # type: ignore[no-untyped-def]
    label = plain_label(MARKUP)
    qtbot.addWidget(label)
    assert label.textFormat() == Qt.TextFormat.PlainText
    assert label.sizeHint().width() < 3000
    label.setText("张晓梅")  # later texts stay plain too
    assert label.textFormat() == Qt.TextFormat.PlainText


def test_text_qt_would_take_for_html_is_escaped_and_other_text_kept(qtbot) -> None:  # type: ignore[no-untyped-def]
    del qtbot  # a QApplication for Qt's text functions
    for ordinary in ("张晓梅", "a < b", "课时 5 & 6", ""):
        assert as_plain(ordinary) == ordinary
    escaped = as_plain(MARKUP + "\n第二行")
    assert escaped != MARKUP
    assert rendered(escaped) == MARKUP + "\n第二行"


def test_own_markup_escapes_the_values_it_shows(qtbot) -> None:  # type: ignore[no-untyped-def]
    del qtbot
    text = rich_text("<b>%1</b> · %2", "张<b>晓梅</b>", "a & b")
    assert text == "<b>张&lt;b&gt;晓梅&lt;/b&gt;</b> · a &amp; b"
    assert rendered(text) == "张<b>晓梅</b> · a & b"
