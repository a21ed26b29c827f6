"""Words shown as written, never read as HTML.

Qt reads a label's or tooltip's text as HTML whenever it looks like some. Project,
task and workspace names come from Vmoox, where anyone who names them can type
"<img src=…>", "<h1>" or "<font size=6>": drawn as HTML they faked Timo's own words
and loaded files. Timo writes no HTML of its own outside About, so every label is
plain text and every tooltip that can hold such words goes through `tip`.
"""

from __future__ import annotations

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QWidget


class PlainLabel(QLabel):
    """A QLabel whose text is always plain text."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)


def tip(text: str) -> str:
    """`text` for a tooltip, to be shown as written: text that Qt would take for HTML is
    handed over as HTML that says it literally (line breaks kept)."""
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)
