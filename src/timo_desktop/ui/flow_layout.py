"""A layout that places its items in a row and starts another row where the width runs out.

Qt has none of its own (its documentation carries one as the "Flow Layout" example, which
this follows). A window built of such rows fits a small or scaled screen: its controls wrap
under each other instead of making the window wider than the screen.
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget


class FlowLayout(QLayout):
    """Items left to right at their preferred widths, `spacing` apart, wrapping into as many
    rows as the width needs, `row_spacing` apart, each item centred in its row's height.
    `spread`: the items are shared evenly among the rows (3 and 3, not 5 and 1) and a row's
    spare width among its items, as columns of a grid would be."""

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        spacing: int = 6,
        row_spacing: int = 6,
        spread: bool = False,
    ) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self._spread = spread
        self._row_spacing = row_spacing
        self.setSpacing(spacing)
        self.setContentsMargins(0, 0, 0, 0)

    def addItem(self, item: QLayoutItem) -> None:
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:
        """Everything in one row, as a window with room for it shows it."""
        shown = self._shown()
        width = sum(item.sizeHint().width() for item in shown)
        width += self.spacing() * max(len(shown) - 1, 0)
        height = max((item.sizeHint().height() for item in shown), default=0)
        return QSize(width, height) + self._margins()

    def minimumSize(self) -> QSize:
        """The widest item alone: the narrowest the rows can be."""
        size = QSize()
        for item in self._shown():
            size = size.expandedTo(item.minimumSize())
        return size + self._margins()

    def _shown(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]  # hidden widgets are empty

    def _margins(self) -> QSize:
        margins = self.contentsMargins()
        return QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _arrange(self, rect: QRect, *, move: bool) -> int:
        """Lay the items out in `rect` (placing them when `move`); the height they take."""
        area = rect.marginsRemoved(self.contentsMargins())
        gap = self.spacing()
        widths = [
            (item, min(max(item.sizeHint().width(), item.minimumSize().width()), area.width()))
            for item in self._shown()
        ]
        rows = self._rows(widths, area.width())
        y = area.y()
        for row in rows:
            height = max(item.sizeHint().height() for item, _ in row)
            spare = area.width() - sum(width for _, width in row) - gap * (len(row) - 1)
            x = area.x()
            for number, (item, width) in enumerate(row):
                if self._spread:  # the spare width shared out, the last item taking the rest
                    width += spare // len(row) + (spare % len(row) if number == len(row) - 1 else 0)
                if move:
                    item_height = min(item.sizeHint().height(), height)
                    top = y + (height - item_height) // 2
                    item.setGeometry(QRect(QPoint(x, top), QSize(width, item_height)))
                x += width + gap
            y += height + self._row_spacing
        margins = self.contentsMargins()
        end = y - self._row_spacing if rows else y
        return end - area.y() + margins.top() + margins.bottom()

    def _rows(
        self, widths: list[tuple[QLayoutItem, int]], room: int
    ) -> list[list[tuple[QLayoutItem, int]]]:
        """`widths` in rows of at most `room`: as many in each as fit, or, to `spread`, as
        many rows as that takes with the items shared evenly among them where they fit."""
        gap = self.spacing()

        def fits(row: list[tuple[QLayoutItem, int]]) -> bool:
            return sum(width for _, width in row) + gap * (len(row) - 1) <= room

        rows: list[list[tuple[QLayoutItem, int]]] = []
        for placed in widths:
            if not rows or not fits([*rows[-1], placed]):
                rows.append([])
            rows[-1].append(placed)
        if self._spread and len(rows) > 1:
            each = -(-len(widths) // len(rows))  # rounded up
            even = [widths[at : at + each] for at in range(0, len(widths), each)]
            if len(even) == len(rows) and all(fits(row) for row in even):
                return even
        return rows
