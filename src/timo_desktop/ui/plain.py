"""Words shown as written, never read as HTML.

Qt reads a label's or tooltip's text as HTML whenever it looks like some. Project,
task and workspace names come from Vmoox, where anyone who names them can type
"<img src=…>", "<h1>" or "<font size=6>": drawn as HTML they faked Timo's own words
and loaded files. Timo writes no HTML of its own outside About, so every label is
plain text and every tooltip that can hold such words goes through `tip`.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QStyle, QWidget

from timo_desktop.core.bidi import right_to_left


class PlainLabel(QLabel):
    """A QLabel whose text is always plain text. One that carries a message says what
    the message is about (`set_about`) before its words, for screen readers: an accessible
    name set in its place replaced the words, and they were never read out."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self._about = ""

    def set_about(self, about: str) -> None:
        """Name the label "`about`: its words" from now on ("Problem with end: End 09:00
        is before start 10:00"), as the words change."""
        self._about = about
        self._name()

    def setText(self, text: str) -> None:
        """Show `text` (and name it, where `set_about` says what it is about)."""
        super().setText(text)
        self._name()

    def _name(self) -> None:
        if self._about:
            words = self.text()
            self.setAccessibleName(f"{self._about}: {words}" if words else self._about)


class OneLineLabel(PlainLabel):
    """Plain words on one line, shortened with "…" where the line has no room for them all:
    a description of any length neither widens the window nor is cut off mid-word. Its
    text stays whole, read out by screen readers, and shows whole on hover when cut."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)

    def minimumSizeHint(self) -> QSize:
        return QSize(self.fontMetrics().horizontalAdvance("M…"), super().minimumSizeHint().height())

    def shown_text(self) -> str:
        """The words as they fit the line now."""
        return self.fontMetrics().elidedText(
            self.text(), Qt.TextElideMode.ElideRight, self.contentsRect().width()
        )

    def setText(self, text: str) -> None:
        super().setText(text)
        self._tip()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._tip()

    def paintEvent(self, event: QPaintEvent) -> None:
        shown = self.shown_text()
        if shown == self.text():
            super().paintEvent(event)
            return
        # Laid out in the words' own direction, as QLabel lays out the whole of them: right-
        # to-left words stay at the right, their "…" at the left, where they end.
        backwards = right_to_left(self.text())
        way = Qt.LayoutDirection.RightToLeft if backwards else Qt.LayoutDirection.LeftToRight
        forced = Qt.TextFlag.TextForceRightToLeft if backwards else Qt.TextFlag.TextForceLeftToRight
        painter = QPainter(self)
        self.style().drawItemText(
            painter,
            self.contentsRect(),
            int(QStyle.visualAlignment(way, self.alignment())) | int(forced),
            self.palette(),
            self.isEnabled(),
            shown,
            self.foregroundRole(),
        )

    def _tip(self) -> None:
        cut = self.shown_text() != self.text()
        self.setToolTip(tip(self.text()) if cut else "")


def tip(text: str) -> str:
    """`text` for a tooltip, to be shown as written: text Qt could take for HTML (any with a
    `<`) is handed over as HTML that says it literally, line breaks kept. (QtGui's own
    `Qt.convertFromPlainText` lives in a second `Qt` namespace, whose enums cost ~15 ms to
    make at start-up.)"""
    if "<" not in text:
        return text
    return "<p>" + html.escape(text, quote=False).replace("\n", "<br>") + "</p>"
