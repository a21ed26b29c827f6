"""The entry list view: day headers, in-place editors, billable and sync badges, row actions,
and a selection of several entries for the window's bulk actions.

By keyboard: Up/Down move between rows, Left/Right between the current row's fields
(description, project, tags, billable, start–end, duration), a ring showing which is
current; F2 or Enter edits it (flips the billable mark, as Space does), and Tab/Shift+Tab
in an editor (or right after a project is picked) go on to the row's next or previous field
that has one."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date, time, timedelta
from functools import partial

from PySide6.QtCore import (
    QAbstractItemModel,
    QAbstractProxyModel,
    QEvent,
    QItemSelection,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRect,
    QRectF,
    QSize,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QFocusEvent,
    QFont,
    QFontMetricsF,
    QHelpEvent,
    QKeyEvent,
    QKeySequence,
    QMouseEvent,
    QPainter,
    QPalette,
    QPen,
    QPolygonF,
    QResizeEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QCompleter,
    QFrame,
    QHeaderView,
    QLineEdit,
    QMenu,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolTip,
    QTreeView,
    QWidget,
)

from timo_desktop.core.entry import Entry, SyncState
from timo_desktop.core.local_time import clock_text
from timo_desktop.ui import plain, style
from timo_desktop.ui.entry_model import (
    ACTION_KEYS,
    ACTIONS,
    DAY_ROLE,
    ENTRY_ROLE,
    RUNNING_ROLE,
    WARN_ROLE,
    Column,
    DayGroup,
    EntryFilter,
    EntryListModel,
    key_sequences,
    row_actions,
    with_keys,
)
from timo_desktop.ui.formatting import day_label, example_range, hours_minutes
from timo_desktop.ui.like_earlier import PickedDescription
from timo_desktop.ui.tag_completer import TagCompleter
from timo_desktop.ui.target_picker import (
    NO_TARGET_LABEL,
    TargetChoice,
    TargetPicker,
    shorten_target,
)

AnyIndex = QModelIndex | QPersistentModelIndex
ACTION_WIDTH = 26
BADGE_COLOURS = {
    SyncState.SYNCED: QColor("#2e9d5b"),
    SyncState.PENDING: QColor("#c98a1b"),
    SyncState.ATTENTION: QColor("#d64545"),
}
BILLABLE_COLOUR = QColor("#2e9d5b")
RUNNING_COLOUR = QColor(style.GREEN)
RUNNING_BAR = 3  # px: the green edge on the running timer's row
# Keys that flip the billable mark when its cell is current (as a check box's would).
TOGGLE_KEYS = frozenset(
    {Qt.Key.Key_Space, Qt.Key.Key_Select, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2}
)
ENTER_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter})
# The cells of free text, which a narrow column shortens: hovered, they tell it whole.
_TEXT_COLUMNS = frozenset({Column.DESCRIPTION, Column.TARGET, Column.TAGS})
# A row's fields, in the order Left/Right go through them; Tab in an editor goes through
# those that open one (not the billable mark, which flips in place).
FIELDS = (
    Column.DESCRIPTION,
    Column.TARGET,
    Column.TAGS,
    Column.BILLABLE,
    Column.TIMES,
    Column.DURATION,
)


def action_at(rect: QRect, x: int, *, running: bool = False) -> str | None:
    """Which row action (continue, duplicate, delete) sits at `x` inside the actions cell;
    on the running timer's row only Delete is there (in its usual place)."""
    slot = (x - rect.left()) // ACTION_WIDTH
    if not 0 <= slot < len(ACTIONS):
        return None
    name = ACTIONS[slot][0]
    return None if running and name != "delete" else name


def paint_action_icon(painter: QPainter, cell: QRect, name: str, colour: QColor) -> None:
    """Small line icons drawn in the palette's colour (no font has all three glyphs)."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    pen = QPen(colour, 1.4)
    painter.setPen(pen)
    c = cell.center()
    if name == "continue":
        painter.setBrush(colour)
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(c.x() - 3, c.y() - 5),
                    QPointF(c.x() + 5, c.y()),
                    QPointF(c.x() - 3, c.y() + 5),
                ]
            )
        )
    elif name == "duplicate":
        painter.drawRoundedRect(QRectF(c.x() - 5, c.y() - 5, 7, 7), 1.5, 1.5)
        painter.drawRoundedRect(QRectF(c.x() - 2, c.y() - 2, 7, 7), 1.5, 1.5)
    else:
        painter.drawLine(QPointF(c.x() - 4, c.y() - 4), QPointF(c.x() + 4, c.y() + 4))
        painter.drawLine(QPointF(c.x() + 4, c.y() - 4), QPointF(c.x() - 4, c.y() + 4))
    painter.restore()


class EntryDelegate(QStyledItemDelegate):
    """Paints headers, badges and actions; gives each editable column its editor."""

    action_clicked = Signal(str, str)  # action, client_ref
    picked = Signal()  # a project was picked in a cell's popup; its editor closes next

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.descriptions: QCompleter | None = None
        self.known_tags: QAbstractItemModel | None = None  # the tags to suggest, most used first
        self.catalog_model: QAbstractItemModel | None = None
        self.today = None
        self.typed: str | None = None  # the next editor opens holding this (`edit_again`)
        self.open_editor: QWidget | None = None  # the cell's editor while one is open

    # Painting ---------------------------------------------------------------------------
    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        group = index.data(DAY_ROLE)  # asked once: every cell of a screenful is painted
        if group is not None:
            self._paint_day(painter, option, group)
        else:
            self._paint_cell(painter, option, index)
        self._paint_focus(painter, option, index, header=group is not None)

    def _paint_focus(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex, *, header: bool
    ) -> None:
        """A ring around the current cell while the list has the keyboard: a row is
        selected whole, and the ring shows which of its fields the keys act on. A day
        `header` is one cell, whichever column the keys are in."""
        view = option.widget
        if not (isinstance(view, QAbstractItemView) and view.hasFocus()):
            return
        current = view.currentIndex()
        if header:
            current = current.siblingAtColumn(index.column())
        if current != index:
            return
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        ring = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Highlight
        painter.setPen(QPen(option.palette.color(ring), 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRoundedRect(QRectF(_row_rect(option, header)).adjusted(2, 4, -2, -4), 3, 3)
        painter.restore()

    def _paint_cell(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        column = index.column()
        if column == Column.BILLABLE:
            self._paint_background(painter, option, index)
            on = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
            colour = (
                BILLABLE_COLOUR if on else option.palette.color(QPalette.ColorRole.PlaceholderText)
            )
            if option.state & QStyle.StateFlag.State_Selected:
                # Green or grey on the selection colour is all but invisible (1.1-1.2:1):
                # the selection's text colour, bold when billable and faded when not.
                colour = _on_selection(option.palette, 1.0 if on else 0.6)
            self._paint_glyph(painter, option.rect, "$", colour, bold=on)
        elif column == Column.SYNC:
            self._paint_background(painter, option, index)
            # The entry's own sync state: a synced entry with a problem (no project, too long)
            # has the warning mark beside its description, not a "waiting" badge.
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            paint_badge(
                painter,
                option.rect,
                index.data(ENTRY_ROLE).sync_state,
                # The badge's own colours are 1.1-1.4:1 on the selection colour; its shape
                # still tells the states apart in the selection's text colour.
                on_selection=option.palette if selected else None,
            )
        elif column == Column.ACTIONS:
            self._paint_background(painter, option, index)
            hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
            selected = bool(option.state & QStyle.StateFlag.State_Selected)
            role = (
                QPalette.ColorRole.Text
                if hovered or selected
                else QPalette.ColorRole.PlaceholderText
            )
            shown = {name for name, _label in row_actions(index.data(ENTRY_ROLE))}
            for slot, (name, _label) in enumerate(ACTIONS):
                if name not in shown:
                    continue
                cell = QRect(
                    option.rect.left() + slot * ACTION_WIDTH,
                    option.rect.top(),
                    ACTION_WIDTH,
                    option.rect.height(),
                )
                paint_action_icon(painter, cell, name, option.palette.color(role))
        else:
            if column == Column.TARGET and not index.data():
                option.palette.setColor(
                    QPalette.ColorRole.Text,
                    option.palette.color(QPalette.ColorRole.PlaceholderText),
                )
            super().paint(painter, option, index)
            if column == Column.DESCRIPTION and index.data(RUNNING_ROLE):
                edge = QRect(option.rect)
                edge.setWidth(RUNNING_BAR)
                painter.fillRect(edge, RUNNING_COLOUR)

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        _without_focus_frame(option)
        if index.column() == Column.TARGET and not index.data():
            option.text = NO_TARGET_LABEL
            option.palette.setColor(
                QPalette.ColorRole.Text, option.palette.color(QPalette.ColorRole.PlaceholderText)
            )
        elif index.column() == Column.TARGET and option.rect.isValid():
            # Shortened here, not by the style: the task's name is what tells a project's
            # entries apart, so the project's gives way first (as in the timer line).
            metrics = QFontMetricsF(option.font)
            option.text = shorten_target(option.text, metrics, _text_room(option))
        if index.column() == Column.DESCRIPTION and index.data(WARN_ROLE):
            option.icon = (
                option.widget.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
                if option.widget
                else option.icon
            )
            option.features |= QStyleOptionViewItem.ViewItemFeature.HasDecoration
            option.decorationSize = QSize(14, 14)
        if index.column() in (Column.TIMES, Column.DURATION) and index.data(RUNNING_ROLE):
            # Green as the running strip above, and bold: "now" and its count stand out.
            option.palette.setColor(QPalette.ColorRole.Text, RUNNING_COLOUR)
            option.font.setBold(True)

    def _paint_background(
        self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex
    ) -> None:
        """A cell drawn as marks: its background as the style draws any cell's (selected,
        hovered), from the view's option alone; the model has no text or icon for it."""
        opt = QStyleOptionViewItem(option)
        opt.index = index
        _without_focus_frame(opt)
        style = option.widget.style() if option.widget else None
        if style is not None:
            style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, option.widget)

    def _paint_glyph(
        self, painter: QPainter, rect: QRect, glyph: str, colour: QColor, bold: bool = False
    ) -> None:
        painter.save()
        font = QFont(painter.font())
        font.setBold(bold)
        painter.setFont(font)
        painter.setPen(colour)
        painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, glyph)
        painter.restore()

    def _paint_day(self, painter: QPainter, option: QStyleOptionViewItem, group: DayGroup) -> None:
        rect = _row_rect(option, header=True)
        painter.save()
        base = option.palette.color(QPalette.ColorRole.Window)
        painter.fillRect(rect, base)
        painter.setPen(option.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(rect.bottomLeft(), rect.bottomRight())
        text_rect = rect.adjusted(10, 0, -12, 0)
        font = QFont(option.font)
        font.setBold(True)
        painter.setFont(font)
        painter.setPen(option.palette.color(QPalette.ColorRole.WindowText))
        label = day_label(group.day, self.today) if self.today else str(group.day)
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label
        )
        total = group.total_text()  # under a filter, `2:15 of 7:30`
        billable = hours_minutes(group.billable.total_seconds())
        painter.drawText(
            text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, total
        )
        width = painter.fontMetrics().horizontalAdvance(total) + 16
        font.setBold(False)
        painter.setFont(font)
        painter.setPen(BILLABLE_COLOUR)
        painter.drawText(
            text_rect.adjusted(0, 0, -width, 0),
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
            f"$ {billable}",
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 30))

    # Clicks on billable and the row actions ---------------------------------------------
    def editorEvent(
        self,
        event: QEvent,
        model: QAbstractItemModel,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        if index.data(ENTRY_ROLE) is None or not isinstance(event, QMouseEvent):
            return super().editorEvent(event, model, option, index)
        if event.modifiers() & _EXTENDING:  # Ctrl or Shift+click selects; the cell is left be
            return False
        if (
            event.type() != QEvent.Type.MouseButtonRelease
            or event.button() != Qt.MouseButton.LeftButton
        ):
            return False
        if index.column() == Column.BILLABLE:
            model.setData(index, None, Qt.ItemDataRole.CheckStateRole)
            return True
        if index.column() == Column.ACTIONS:
            x = event.position().toPoint().x()
            action = action_at(option.rect, x, running=bool(index.data(RUNNING_ROLE)))
            if action is not None:
                self.action_clicked.emit(action, index.data(ENTRY_ROLE).client_ref)
            return True
        return False

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> bool:
        entry = index.data(ENTRY_ROLE)
        if entry is not None and index.column() in _TEXT_COLUMNS:
            self._show_text_tip(event, view, option, index)
            return True
        # The actions cell holds three buttons: each names itself and its key.
        if index.column() != Column.ACTIONS or entry is None:
            return super().helpEvent(event, view, option, index)
        name = action_at(option.rect, event.pos().x(), running=entry.is_running)
        labels = dict(ACTIONS)
        if name is None:
            QToolTip.hideText()
        else:
            QToolTip.showText(event.globalPos(), with_keys(labels[name], ACTION_KEYS[name]), view)
        return True

    def _show_text_tip(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: AnyIndex,
    ) -> None:
        """A description, target or tags cell's tooltip: its whole text when the cell shows
        it shortened, and why the entry needs attention when it does; both when both."""
        shown = QStyleOptionViewItem(option)
        self.initStyleOption(shown, index)
        whole = index.data() or ""
        room = _text_room(shown)
        cut = shown.text != whole or QFontMetricsF(shown.font).horizontalAdvance(whole) > room
        parts = [whole if cut else "", index.data(Qt.ItemDataRole.ToolTipRole) or ""]
        tip = "\n".join(part for part in parts if part)
        if not tip:
            QToolTip.hideText()
            return
        # Gone as the pointer leaves the cell: the next one may say something else.
        QToolTip.showText(event.globalPos(), plain.tip(tip), view.viewport(), option.rect)

    # Editing in place ---------------------------------------------------------------------
    def createEditor(
        self, parent: QWidget, option: QStyleOptionViewItem, index: AnyIndex
    ) -> QWidget:
        self.open_editor = self._new_editor(parent, index)
        return self.open_editor

    def destroyEditor(self, editor: QWidget, index: AnyIndex) -> None:
        if editor is self.open_editor:
            self.open_editor = None
        super().destroyEditor(editor, index)

    def _new_editor(self, parent: QWidget, index: AnyIndex) -> QWidget:
        column = index.column()
        if column == Column.TARGET:
            picker = TargetPicker(parent)
            if self.catalog_model is not None:
                picker.set_catalog(self.catalog_model)
            picker.picked.connect(lambda _choice, p=picker: self._commit_and_close(p))
            # Esc, Tab or Shift+Tab in its popup: nothing chosen, on to the next field. A
            # click outside it: nothing chosen either, and the edit ends there.
            picker.popup.steps_out = True
            picker.popup.left.connect(
                lambda step, p=picker: self.closeEditor.emit(p, _LEAVING[step])
            )
            return picker
        if column == Column.DESCRIPTION and self.descriptions is not None:
            editor: QLineEdit = DescriptionEditor(self.descriptions, parent)
        else:
            editor = QLineEdit(parent)
        editor.setFrame(False)
        name = _EDITOR_NAMES.get(Column(column), "Edit").format(example_range())
        if column == Column.TIMES and index.data(RUNNING_ROLE):
            name = f"Start of the running timer, for example {clock_text(time(9, 0))}"
        editor.setAccessibleName(name)
        if column == Column.TAGS and self.known_tags is not None:
            editor.setCompleter(TagCompleter(self.known_tags, editor))  # goes with the editor
        return editor

    def setEditorData(self, editor: QWidget, index: AnyIndex) -> None:
        if isinstance(editor, TargetPicker):
            # From the entry's own project: closed without a pick (Enter or a click on the
            # button, leaving it), the editor saves that, which changes nothing.
            target = index.data(ENTRY_ROLE).target
            editor.set_choice(
                None
                if target.is_empty
                else TargetChoice(index.data(), target.project_id, target.task_id, target.record_id)
            )
            editor.open_popup()
            return
        if self.typed is not None and isinstance(editor, QLineEdit):
            editor.setText(self.typed)
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: AnyIndex) -> None:
        if isinstance(editor, TargetPicker):
            model.setData(index, editor.choice(), Qt.ItemDataRole.EditRole)
            return
        if isinstance(editor, DescriptionEditor):
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)
            return
        super().setModelData(editor, model, index)

    def _commit_and_close(self, editor: QWidget) -> None:
        self.commitData.emit(editor)
        self.picked.emit()
        self.closeEditor.emit(editor)


class DescriptionEditor(QLineEdit):
    """The Description cell's editor. It tells a description picked from the suggestions
    from one typed (see `like_earlier`), so that the edit may fill what the entry lacks."""

    def __init__(self, descriptions: QCompleter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._picked: str | None = None
        self.setCompleter(descriptions)
        # A slot of the editor's own: Qt drops the connection when the editor goes.
        descriptions.activated.connect(self._remember_pick)

    def _remember_pick(self, text: str) -> None:
        completer = self.completer()
        if completer is not None and completer.widget() is self:  # shared with the dialogs
            self._picked = text

    def value(self) -> str | PickedDescription:
        """What to save: the text, marked as picked while it is still the picked one."""
        text = self.text()
        return PickedDescription(text) if text == self._picked else text


def paint_badge(
    painter: QPainter, rect: QRect, state: SyncState, *, on_selection: QPalette | None = None
) -> None:
    """The sync badge, told apart by shape as well as colour: a filled disc with a tick
    (synced), a ring with clock hands (waiting), a triangle with `!` (needs attention).
    `on_selection`: on a selected row, in that palette's highlighted-text colour, its
    tick and `!` cut out in the selection colour."""
    colour, mark = BADGE_COLOURS[state], QColor("white")
    if on_selection is not None:
        colour = on_selection.color(QPalette.ColorRole.HighlightedText)
        mark = on_selection.color(QPalette.ColorRole.Highlight)
    c = QPointF(rect.center())
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if state == SyncState.SYNCED:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawEllipse(c, 5.5, 5.5)
        painter.setPen(QPen(mark, 1.5))
        painter.drawPolyline(
            QPolygonF([c + QPointF(-2.5, 0), c + QPointF(-0.5, 2), c + QPointF(2.8, -2)])
        )
    elif state == SyncState.PENDING:
        painter.setPen(QPen(colour, 1.5))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(c, 5, 5)
        painter.drawPolyline(QPolygonF([c + QPointF(0, -3), c, c + QPointF(2.5, 0)]))
    else:
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPolygon(
            QPolygonF([c + QPointF(0, -6.5), c + QPointF(6.5, 5), c + QPointF(-6.5, 5)])
        )
        painter.setPen(QPen(mark, 1.6))
        painter.drawLine(c + QPointF(0, -2.5), c + QPointF(0, 1))
        painter.drawPoint(c + QPointF(0, 3.2))
    painter.restore()


def _on_selection(palette: QPalette, strength: float) -> QColor:
    """The selection's text colour, mixed with the selection colour behind it by
    `1 - strength` (1: the text colour itself)."""
    text = palette.color(QPalette.ColorRole.HighlightedText)
    back = palette.color(QPalette.ColorRole.Highlight)

    def mix(ink: float, behind: float) -> float:
        return ink * strength + behind * (1 - strength)

    return QColor.fromRgbF(
        mix(text.redF(), back.redF()),
        mix(text.greenF(), back.greenF()),
        mix(text.blueF(), back.blueF()),
    )


def _without_focus_frame(option: QStyleOptionViewItem) -> None:
    """No focus frame from the style: the ring says which cell is current (`_paint_focus`)."""
    option.state &= ~QStyle.StateFlag.State_HasFocus


def _row_rect(option: QStyleOptionViewItem, header: bool) -> QRect:
    """The cell's rectangle; a day `header`'s spans the whole row."""
    rect = QRect(option.rect)
    if header and option.widget is not None:
        rect.setRight(option.widget.viewport().width() - 1)
    return rect


def _text_room(option: QStyleOptionViewItem) -> int:
    """How wide a cell's text may be drawn, in px: the style's text rectangle less the
    margins it keeps inside it (past which it would shorten the text with "…")."""
    widget = option.widget
    style = widget.style() if widget is not None else QApplication.style()
    rect = style.subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, widget)
    margin = style.pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, widget) + 1
    return rect.width() - 2 * margin


# How the project's popup was left without a pick: Esc, Tab, Shift+Tab.
_LEAVING = {
    0: QAbstractItemDelegate.EndEditHint.NoHint,
    1: QAbstractItemDelegate.EndEditHint.EditNextItem,
    -1: QAbstractItemDelegate.EndEditHint.EditPreviousItem,
}
_EDITOR_NAMES = {
    Column.DESCRIPTION: "Description",
    Column.TAGS: "Tags, separated by commas",
    Column.TIMES: "Start and end, for example {}",
    Column.DURATION: "Duration, for example 1h30",
}


class EntryListView(QTreeView):
    """The day-grouped list; row actions come out as signals carrying the entry's client_ref."""

    action_requested = Signal(str, str)  # action, client_ref
    add_time_requested = Signal(object)  # date: "Add time on …" in a day header's menu
    selection_changed = Signal()  # which entries are selected may have changed
    # An in-place editor has closed, its change (if any) saved: the list may be refilled.
    # Tab or Shift+Tab opens the next field's editor once that is done; otherwise it is
    # said once what closed the editor (a key, a click elsewhere) has been dealt with.
    editor_closed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here, which Python knows already: Qt's own, the first time Python
        # sees it (`viewport()`), has PySide load every QWidget class it might be, ~60 with
        # their enums (~8 ms before the window shows).
        self.setViewport(QWidget())
        self.setAccessibleName("Time entries")
        self.setObjectName("entryList")
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setUniformRowHeights(True)
        self.setRootIsDecorated(False)
        self.setItemsExpandable(False)
        self.setHeaderHidden(True)
        self.setMouseTracking(True)
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Shift/Ctrl+click, Shift+arrows and Ctrl+A select several entries for the window's
        # bulk actions; editing in place and the row actions stay with one row.
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.selection_menu: list[QPushButton] = []  # the window's actions on a selection
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.SelectedClicked
        )
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Where the person was before a refill: the current entry (then its neighbours below
        # and above, should it be gone), the current column and how far it was scrolled.
        self._place: tuple[list[str], int, int] | None = None
        self._kept: frozenset[str] = frozenset()  # the selected entries across a refill
        self._only_current = False  # `select_current_only` at work
        # px the target's and the tags' longest texts take, cell margins included.
        self._needed: dict[Column, int] = {}
        self.delegate = EntryDelegate(self)
        self.setItemDelegate(self.delegate)
        self.delegate.action_clicked.connect(self.action_requested)
        # A project just picked in place: the editor closing next, then the cell (entry and
        # column) from which Tab and Shift+Tab still go on along the row, until another key,
        # a click or the keyboard leaving the list.
        self._picking = False
        self.delegate.picked.connect(self._on_picked)
        self._picked_at: tuple[str | None, int] | None = None
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._context_menu)

    def setModel(self, model: QAbstractItemModel | None) -> None:
        """List `model`'s rows. An `EntryFilter` is listed through only while it filters;
        otherwise the list shows its source itself: through the proxy, each entry's index
        is asked for three times at a layout, not once, and a year of entries takes twice
        as long to show."""
        if isinstance(model, EntryFilter):
            model.filtering.connect(partial(self._list_through, model))
            model.source.updated.connect(self._refit)
            self._show(model if model.filters() else model.source)
            return
        if isinstance(model, EntryListModel):
            model.updated.connect(self._refit)
        self._show(model)

    def _list_through(self, filter: EntryFilter, filtering: bool) -> None:
        self.end_editing()  # another model closes any editor without saving it
        self._before_reset()  # the place is kept as across a refill
        dropped = self.selectionModel()
        self._show(filter if filtering else filter.source)
        dropped.deleteLater()  # the view makes itself a new one
        if self.currentIndex().isValid():  # scrolled as far as the other list was: in view
            self.scrollTo(self.currentIndex())

    def _show(self, model: QAbstractItemModel | None) -> None:
        shown = self.model()
        if shown is not None:
            shown.modelAboutToBeReset.disconnect(self._before_reset)
            shown.modelReset.disconnect(self._after_reset)
            shown.layoutChanged.disconnect(self._after_reset)
            shown.rowsInserted.disconnect(self._after_reset)
        super().setModel(model)
        if model is None:
            return
        model.modelAboutToBeReset.connect(self._before_reset)
        model.modelReset.connect(self._after_reset)
        model.layoutChanged.connect(self._after_reset)
        model.rowsInserted.connect(self._after_reset)
        self.selectionModel().selectionChanged.connect(self.selection_changed)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(Column.DESCRIPTION, QHeaderView.ResizeMode.Stretch)
        for column, width in self._fixed_widths().items():
            header.resizeSection(column, width)
        self._after_reset()  # the target and tags fitted to what is listed

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._fit_columns()
        super().resizeEvent(event)

    # The keyboard ----------------------------------------------------------------------------
    def event(self, event: QEvent) -> bool:
        # F2 is the list's "Edit entry" shortcut and Ctrl+Shift+Enter the window's "Continue
        # last entry"; on the billable mark F2 flips the mark, and in the list Ctrl+Shift+Enter
        # continues the current row (its ▶). So the list takes those keys before the
        # shortcuts do.
        if (
            event.type() == QEvent.Type.ShortcutOverride
            and isinstance(event, QKeyEvent)
            and (self._toggles_billable(event) or self._continues(event))
        ):
            event.accept()
            return True
        return super().event(event)

    def _on_picked(self) -> None:
        self._picking = True

    def focusNextPrevChild(self, next: bool) -> bool:
        # Tab or Shift+Tab right after a project was picked in place: on along the row, as
        # from the picker's search or any other field's editor, not out of the list.
        picked_at, self._picked_at = self._picked_at, None
        current = self.currentIndex()
        if picked_at is None or picked_at != (self.current_ref(), current.column()):
            return super().focusNextPrevChild(next)
        following = self._field_beside(current, 1 if next else -1, editors_only=True)
        if following is not None:
            self.selectionModel().setCurrentIndex(
                following, QItemSelectionModel.SelectionFlag.NoUpdate
            )
            self.edit(following)
        return True

    def focusOutEvent(self, event: QFocusEvent) -> None:
        if event.reason() not in _PASSING_FOCUS:
            self._picked_at = None
        super().focusOutEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._picked_at = None
        super().mousePressEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() not in _MODIFIER_KEYS:  # Shift, as of Shift+Tab, comes on its own
            self._picked_at = None
        index = self.currentIndex()
        if self._toggles_billable(event):
            self.model().setData(index, None, Qt.ItemDataRole.CheckStateRole)
        elif self._continues(event):
            entry = index.data(ENTRY_ROLE)
            if entry is not None and "continue" in dict(row_actions(entry)):
                self.action_requested.emit("continue", entry.client_ref)
        elif event.key() == Qt.Key.Key_Escape and len(self.selected_entries()) > 1:
            self.select_current_only()
        elif _asks_for_menu(event) and not self.is_editing():
            self._menu_at(index, self.visualRect(index).bottomLeft())  # the row's own menu
        elif (
            event.key() in ENTER_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and not self.is_editing()  # an editor's own Enter comes here too, once it saved
            and index.flags() & Qt.ItemFlag.ItemIsEditable
        ):
            self.edit(index)  # as F2: Qt's Enter only edits on macOS
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def _continues(self, event: QKeyEvent) -> bool:
        keys = QKeySequence(event.keyCombination())
        return not self.is_editing() and keys in key_sequences(ACTION_KEYS["continue"])

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        # Left/Right go from field to field of the current row (a tree view would scroll
        # sideways, as it selects rows whole).
        step = _ACROSS.get(action)
        current = self.currentIndex()
        if step is None or current.data(ENTRY_ROLE) is None:
            return super().moveCursor(action, modifiers)
        beside = self._field_beside(current, step)
        return current if beside is None else beside

    def selectionCommand(
        self, index: AnyIndex, event: QEvent | None = None
    ) -> QItemSelectionModel.SelectionFlag:
        # Esc: the current row alone, whatever keys Qt believes held (under a test's keys, the
        # Shift of the selection let go).
        if self._only_current:
            return (
                QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows
            )
        # From field to field the row stays selected, and so do the others selected with it.
        if (
            isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right)
            and self.currentIndex().data(ENTRY_ROLE) is not None
        ):
            return QItemSelectionModel.SelectionFlag.NoUpdate
        return super().selectionCommand(index, event)

    def _field_beside(
        self, index: QModelIndex, step: int, *, editors_only: bool = False
    ) -> QModelIndex | None:
        """The field of `index`'s row after it (`step` 1) or before it (-1) that can be
        changed (a running timer's duration cannot); with `editors_only`, one that opens
        an editor (not the billable mark). None past the row's first or last."""
        ahead = [c for c in FIELDS if (c - index.column()) * step > 0]
        for column in ahead if step > 0 else reversed(ahead):
            cell = index.siblingAtColumn(column)
            if cell.flags() & Qt.ItemFlag.ItemIsEditable or (
                column == Column.BILLABLE and not editors_only
            ):
                return cell
        return None

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        # Tab and Shift+Tab go on to the same row's next or previous field, not the next
        # row's (as a tree view's would); past the row's first or last, the editor closes.
        step = _TAB_STEPS.get(hint)
        following = None
        if step is not None:
            following = self._field_beside(self.currentIndex(), step, editors_only=True)
            hint = QAbstractItemDelegate.EndEditHint.NoHint
        picked, self._picking = self._picking, False
        super().closeEditor(editor, hint)
        # Qt gives the list the keyboard back only from the editor itself, not from the
        # project's popup, which had it (left on that hidden popup, it went nowhere).
        focus = QApplication.focusWidget()
        if focus is None or not focus.isVisible():
            self.setFocus()
        if picked:
            self._picked_at = (self.current_ref(), self.currentIndex().column())
        if following is None:
            # Said once what closed the editor is done with: a click on another row closes
            # it, and the list refilled under that click would select whatever row the
            # refill put under the pointer, while the row clicked became current.
            QTimer.singleShot(0, self, self.editor_closed.emit)
            return
        ref, column = self.current_ref(), following.column()
        self.selectionModel().setCurrentIndex(following, QItemSelectionModel.SelectionFlag.NoUpdate)
        self.editor_closed.emit()  # the app may refill the list: the place is kept
        if self.current_ref() == ref and self.currentIndex().column() == column:
            self.edit(self.currentIndex())

    def _toggles_billable(self, event: QKeyEvent) -> bool:
        index = self.currentIndex()
        return (
            event.key() in TOGGLE_KEYS
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
            and not self.is_editing()
            and index.column() == Column.BILLABLE
            and index.data(ENTRY_ROLE) is not None
        )

    def _fit_columns(self) -> None:
        """The target and tags are as wide as their longest texts, up to their share of the
        room: in a wide window every name shows whole, and the description keeps the rest
        and the most. In a narrow one they give way (down to a floor) rather than squeeze
        the description to nothing behind a sideways scroll."""
        header = self.header()
        fixed = self._fixed_widths()
        header.resizeSection(Column.TIMES, fixed[Column.TIMES])
        room = self.viewport().width() - sum(fixed.values())
        for column, (share, least) in _FLEXIBLE.items():
            most = round(room * share)
            header.resizeSection(column, max(least, min(self._needed.get(column, most), most)))

    def _measure(self) -> None:
        """How wide the target's and tags' longest texts are, over every entry listed (not
        only those a search shows: the columns stay put while one is typed)."""
        model = self.model()
        source = model.sourceModel() if isinstance(model, QAbstractProxyModel) else model
        if not isinstance(source, EntryListModel):
            return
        # Measured as the style sizes a cell (`sizeHint`), text and margins: to the pixel.
        option = QStyleOptionViewItem()
        option.initFrom(self)
        option.font = self.font()
        option.features = QStyleOptionViewItem.ViewItemFeature.HasDisplay
        style = self.style()
        for column in (*_FLEXIBLE, Column.TIMES):
            if column == Column.TIMES:
                texts = source.times_naming_offsets()
            else:
                texts = source.shown_texts(column)
            if column == Column.TARGET:
                texts = frozenset(text or NO_TARGET_LABEL for text in texts)
            widths = [0]
            for text in texts:
                option.text = text
                size = style.sizeFromContents(
                    QStyle.ContentsType.CT_ItemViewItem, option, QSize(), self
                )
                widths.append(size.width())
            self._needed[column] = max(widths)

    def minimumSizeHint(self) -> QSize:
        """No narrower than the fixed columns, the target's and tags' floors and the
        description's least (a 12-hour clock's longer times widen the window's minimum)."""
        hint = super().minimumSizeHint()
        floors = sum(least for _share, least in _FLEXIBLE.values())
        least = sum(self._fixed_widths().values()) + floors + DESCRIPTION_LEAST
        least += self.verticalScrollBar().sizeHint().width() + 2 * self.frameWidth()
        return QSize(max(hint.width(), least), hint.height())

    def _fixed_widths(self) -> dict[Column, int]:
        # Start–end is as wide as the clock makes it: `12:58 PM–12:58 AM` on a 12-hour one,
        # and wider for times listed that name their offsets (the clocks changed).
        widest = f"{clock_text(time(12, 58))}–{clock_text(time(0, 58))}"
        times = self.fontMetrics().horizontalAdvance(widest) + TIMES_PADDING
        return {**_WIDTHS, Column.TIMES: max(times, self._needed.get(Column.TIMES, 0))}

    def end_editing(self, *, save: bool = True) -> None:
        """Save what the open editor holds and close it, as a click elsewhere does: the
        window going to the tray would otherwise leave the list editing, out of sight,
        and keep it from showing entries made meanwhile until the editor closed. A
        project picker has nothing unsaved (a pick saves at once) and just closes. Not
        to `save`: close it as Esc does, the entry left as it was."""
        editor = self.delegate.open_editor
        if editor is None or not self.is_editing():
            return
        if not save:
            self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.RevertModelCache)
            return
        if isinstance(editor, QLineEdit):
            self.commitData(editor)
        self.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def is_editing(self) -> bool:
        """True while an entry's cell is open in an editor."""
        return self.state() == QAbstractItemView.State.EditingState

    def dataChanged(
        self, top_left: AnyIndex, bottom_right: AnyIndex, roles: Sequence[int] = ()
    ) -> None:
        # Qt puts the model's value into any editor open in the cells changed, over what is
        # being typed there: a refresh while a cell is edited (the timer stopped elsewhere,
        # `EntryListModel.update_entries`) repaints every cell but that one.
        cell, parent = self.currentIndex(), top_left.parent()
        top, bottom = top_left.row(), bottom_right.row()
        left, right = top_left.column(), bottom_right.column()
        row, column = cell.row(), cell.column()
        if not (
            self.is_editing()
            and self.indexWidget(cell) is not None
            and cell.parent() == parent
            and top <= row <= bottom
            and left <= column <= right
        ):
            super().dataChanged(top_left, bottom_right, roles)
            return
        model = self.model()
        around = (
            (top, left, row - 1, right),  # the rows above, the rows below, then either side
            (row + 1, left, bottom, right),
            (row, left, row, column - 1),
            (row, column + 1, row, right),
        )
        for first, start, last, end in around:
            if first <= last and start <= end:
                super().dataChanged(
                    model.index(first, start, parent), model.index(last, end, parent), roles
                )

    def edit_again(self, ref: str, column: Column, typed: str, why: str = "") -> bool:
        """Open entry `ref`'s `column` in its editor again, holding `typed`: an edit that was
        not saved (an overlap the person went back from, times refused) is not lost. An
        editor open on another cell closes first, as moving to another cell closes it.
        `why` it was not saved, if given, shows beside the cell (and is the editor's
        description, which screen readers read with it). False if it did not open."""
        cell = self.cell_of(ref, column)
        if not cell.isValid():  # deleted or filtered out meanwhile
            return False
        self._make_current(cell)
        self.scrollTo(cell)
        self.setFocus()
        self.delegate.typed = typed
        self.edit(cell)
        self.delegate.typed = None  # used, or the cell would not open
        editor = self.indexWidget(cell)
        if why and editor is not None:
            editor.setToolTip(plain.tip(why))
            editor.setAccessibleDescription(why)
            below = self.viewport().mapToGlobal(self.visualRect(cell).bottomLeft())
            QToolTip.showText(below, why, editor)
        return editor is not None

    # Selecting several entries -----------------------------------------------------------
    def selected_entries(self) -> list[Entry]:
        """The selected entries (day headers never are), newest first as listed."""
        # Read from the ranges: selectedRows() looks each row up in every range, which with
        # a year selected (a range per day) took seconds.
        model = self.model()
        found: dict[str, Entry] = {}
        for span in self.selectionModel().selection():
            parent = span.parent()
            for row in range(span.top(), span.bottom() + 1):
                entry = model.index(row, 0, parent).data(ENTRY_ROLE)
                if entry is not None:
                    found[entry.client_ref] = entry
        return sorted(found.values(), key=lambda e: e.start, reverse=True)

    def selectAll(self) -> None:
        """Ctrl+A: every entry shown (under a search or "Needs attention", only those), a
        day's entries as one range rather than row by row."""
        model = self.model()
        self._select_rows(
            {day: range(model.rowCount(model.index(day, 0))) for day in range(model.rowCount())},
            QItemSelectionModel.SelectionFlag.ClearAndSelect,
        )

    def select_current_only(self) -> None:
        """Let go of the other selected rows (Esc); the current row stays selected, and
        Shift+arrows extend from it again."""
        current = self.currentIndex()
        self._only_current = True
        try:
            # By way of no row: a row made current again kept Qt's start of the selection
            # let go, and Shift+Down then selected from there once more.
            self.setCurrentIndex(QModelIndex())
            self.setCurrentIndex(current)
        finally:
            self._only_current = False

    def _select_refs(self, refs: frozenset[str]) -> None:
        model = self.model()
        rows = {}
        for day in range(model.rowCount()):
            parent = model.index(day, 0)
            rows[day] = [
                row
                for row in range(model.rowCount(parent))
                if model.index(row, 0, parent).data(ENTRY_ROLE).client_ref in refs
            ]
        self._select_rows(rows, QItemSelectionModel.SelectionFlag.Select)

    def _select_rows(
        self, rows: Mapping[int, Sequence[int]], how: QItemSelectionModel.SelectionFlag
    ) -> None:
        """Select entry `rows` of each day row, each run of rows one range, in one change.
        The ranges span every column already: the `Rows` flag would have Qt widen and merge
        them one by one, slow with a range for each day of a year."""
        model = self.model()
        last = model.columnCount() - 1
        selection = QItemSelection()
        for day, day_rows in rows.items():
            parent = model.index(day, 0)
            for first, final in _runs(day_rows):
                selection.select(model.index(first, 0, parent), model.index(final, last, parent))
        self.selectionModel().select(selection, how)

    def _before_reset(self) -> None:
        # A refill (after any change, here or elsewhere) keeps the person's place: the
        # current entry and cell (or, with that entry gone, as after Delete, the one below
        # or else above it), the selected entries and how far the list is scrolled.
        current = self.currentIndex()
        near = [self.current_ref(), self._entry_beside(current, 1), self._entry_beside(current, -1)]
        refs = [ref for ref in near if ref is not None]
        self._place = (refs, current.column(), self.verticalScrollBar().value())
        selected = self.selected_entries()
        self._kept = frozenset(e.client_ref for e in selected) if len(selected) > 1 else frozenset()

    def _refit(self) -> None:
        self._measure()  # the names listed may be longer or shorter now
        self._fit_columns()

    def _after_reset(self) -> None:
        self._refit()
        model = self.model()
        root = QModelIndex()
        days = range(model.rowCount())
        # Every day expanded while the view's layout waits (which only marks it), then one
        # layout: expanded one by one, each day's entries were put into it on their own.
        # The headers span their rows after it: with any span set, a layout asks the model
        # for every entry's index once more.
        for row in days:
            self.expand(model.index(row, 0, root))
        self.executeDelayedItemsLayout()
        for row in days:
            self.setFirstColumnSpanned(row, root, True)
        place, self._place = self._place, None
        if place is not None:
            self._return_to(*place)
        kept, self._kept = self._kept, frozenset()
        if kept:
            self._select_refs(kept)  # indexes looked up afresh: the old ones died in the refill
        self.selection_changed.emit()  # a refill or a filter drops rows without saying so

    def _return_to(self, refs: list[str], column: int, scrolled: int) -> None:
        found = next((cell for ref in refs if (cell := self.cell_of(ref, column)).isValid()), None)
        if found is not None:
            self._make_current(found)
        self.updateGeometries()  # the scroll range of the refilled list, before scrolling
        self.verticalScrollBar().setValue(scrolled)

    def _entry_beside(self, index: QModelIndex, step: int) -> str | None:
        """The entry listed next below (`step` 1) or above (-1) entry `index`, in its day
        or the next one that way. (Read from the model: the view has let go of its rows by
        the time a refill is announced.)"""
        model = self.model()
        day, row = index.parent(), index.row() + step
        if not day.isValid():
            return None  # a day header
        while day.isValid() and not 0 <= row < model.rowCount(day):
            day = day.siblingAtRow(day.row() + step)
            row = 0 if step > 0 else model.rowCount(day) - 1
        return model.index(row, 0, day).data(ENTRY_ROLE).client_ref if day.isValid() else None

    def cell_of(self, ref: str, column: int) -> QModelIndex:
        """Entry `ref`'s cell in `column` (its description for none) as listed, if it is."""
        model = self.model()
        source = model.sourceModel() if isinstance(model, QAbstractProxyModel) else model
        if not isinstance(source, EntryListModel):
            return QModelIndex()
        return self.listed(source.index_of(ref, Column(max(column, 0))))

    def listed(self, index: QModelIndex) -> QModelIndex:
        """`index` of the entries' model as the list shows it: invalid if filtered out."""
        model = self.model()
        return model.mapFromSource(index) if isinstance(model, QAbstractProxyModel) else index

    def _make_current(self, index: QModelIndex) -> None:
        self.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )

    def make_current(self, ref: str) -> bool:
        """Make entry `ref` the current row, in the current column, and scroll it into view;
        False when it is not listed (filtered out, or gone)."""
        found = self.cell_of(ref, self.currentIndex().column())
        if found.isValid():
            self._make_current(found)
            self.scrollTo(found)
        return found.isValid()

    def current_ref(self) -> str | None:
        entry = self.currentIndex().data(ENTRY_ROLE)
        return entry.client_ref if entry is not None else None

    def _context_menu(self, position: QPoint) -> None:
        self._menu_at(self.indexAt(position), position)

    def _menu_at(self, index: QModelIndex, position: QPoint) -> None:
        """The menu of `index`'s row, an entry's or a day header's, at `position` in the
        list."""
        if not index.parent().isValid():  # a day: its first cell, the one a search words
            index = index.siblingAtColumn(0)
        entry = index.data(ENTRY_ROLE)
        if entry is not None:
            menu = self.context_menu(entry)
        elif index.data(DAY_ROLE) is not None:
            menu = self.day_menu(index)
        else:
            return
        menu.exec(self.viewport().mapToGlobal(position))
        menu.deleteLater()  # one is made for each right-click

    def context_menu(self, entry: Entry) -> QMenu:
        """The right-click menu on `entry`: within a selection of several, what the
        selection bar does to them all; otherwise the row's own actions."""
        menu = QMenu(self)
        chosen = self.selected_entries()
        if len(chosen) > 1 and entry.client_ref in {e.client_ref for e in chosen}:
            for button in self.selection_menu:
                action = QAction(button.text(), menu)
                action.setShortcut(button.shortcut())
                action.triggered.connect(button.click)
                menu.addAction(action)
            return menu
        for name, label in row_actions(entry):
            action = QAction(label, menu)
            # Shown beside the item; they act through the list's own shortcuts (this menu
            # is never a place where a shortcut fires, so none is doubled).
            action.setShortcuts(key_sequences(ACTION_KEYS[name]))
            action.triggered.connect(
                lambda _=False, n=name: self.action_requested.emit(n, entry.client_ref)
            )
            menu.addAction(action)
        return menu

    def day_menu(self, header: QModelIndex) -> QMenu:
        """The right-click menu on a day header (its first cell): add time on that day,
        select its entries (those listed) for the window's bar, or copy its summary."""
        day = header.data(DAY_ROLE).day
        today = self.delegate.today
        when = day_label(day, today) if today else str(day)
        # "Today" and "Yesterday" read as words of the sentence, a date after "on".
        relative = today is not None and day >= today - timedelta(days=1)
        menu = QMenu(self)
        add = menu.addAction(f"Add time {when.lower()}…" if relative else f"Add time on {when}…")
        add.triggered.connect(lambda: self.add_time_requested.emit(day))
        pick = menu.addAction("Select the day's entries")
        pick.triggered.connect(lambda: self._on_day(day, self.select_day))
        copy = menu.addAction("Copy the day's summary")
        copy.triggered.connect(
            lambda: self._on_day(day, lambda h: QApplication.clipboard().setText(day_summary(h)))
        )
        return menu

    def _on_day(self, day: date, act: Callable[[QModelIndex], object]) -> None:
        """`act` on `day`'s header as listed now: the list may have been refilled, or a
        search taken on or off, while the menu was open. Nothing when it is not listed."""
        model = self.model()
        for row in range(model.rowCount()):
            header = model.index(row, 0)
            if header.data(DAY_ROLE).day == day:
                act(header)
                return

    def select_day(self, header: AnyIndex) -> None:
        """Select the day's entries as listed, the first one current."""
        model = self.model()
        count = model.rowCount(header)
        self._select_rows(
            {header.row(): range(count)}, QItemSelectionModel.SelectionFlag.ClearAndSelect
        )
        if count:
            first = model.index(0, Column.DESCRIPTION, header)
            self.selectionModel().setCurrentIndex(first, QItemSelectionModel.SelectionFlag.NoUpdate)


def day_summary(header: AnyIndex) -> str:
    """A day as the list shows it, to paste elsewhere: its date and totals, then each entry
    listed, earliest first, its project, tags and billable mark marked as `timo log` marks
    them (`09:30–11:00  1:30  Homepage layout  [Website relaunch]  #design  $`)."""
    model = header.model()
    group = header.data(DAY_ROLE)
    billable = hours_minutes(group.billable.total_seconds())
    lines = [f"{group.day:%a %d %b %Y} — {group.total_text()} total, {billable} billable"]
    for row in reversed(range(model.rowCount(header))):
        cells = [str(model.index(row, column, header).data() or "") for column in Column]
        entry = model.index(row, Column.DESCRIPTION, header).data(ENTRY_ROLE)
        parts = [cells[Column.TIMES], cells[Column.DURATION], cells[Column.DESCRIPTION]]
        if cells[Column.TARGET]:
            parts.append(f"[{cells[Column.TARGET]}]")
        parts += [f"#{tag}" for tag in entry.tags]
        if entry.billable:
            parts.append("$")
        lines.append("  ".join(parts))
    return "\n".join(lines)


def _runs(rows: Sequence[int]) -> list[tuple[int, int]]:
    """Ascending row numbers as (first, last) of each run of consecutive ones."""
    runs: list[tuple[int, int]] = []
    for row in rows:
        if runs and runs[-1][1] == row - 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return runs


# Left and Right in the list: to the row's next or previous field.
_ACROSS = {
    QAbstractItemView.CursorAction.MoveRight: 1,
    QAbstractItemView.CursorAction.MoveLeft: -1,
}
# Tab and Shift+Tab in an editor: to the row's next or previous field with an editor.
_TAB_STEPS = {
    QAbstractItemDelegate.EndEditHint.EditNextItem: 1,
    QAbstractItemDelegate.EndEditHint.EditPreviousItem: -1,
}
_MODIFIER_KEYS = frozenset(
    {Qt.Key.Key_Shift, Qt.Key.Key_Control, Qt.Key.Key_Meta, Qt.Key.Key_Alt, Qt.Key.Key_AltGr}
)
# Why the keyboard may leave the list for a moment and come back to it as it was.
_PASSING_FOCUS = frozenset(
    {Qt.FocusReason.ActiveWindowFocusReason, Qt.FocusReason.PopupFocusReason}
)
# Ctrl (⌘ on macOS) or Shift held while clicking: the click extends the selection.
_EXTENDING = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
DESCRIPTION_LEAST = 110  # px the description keeps however narrow the window
TIMES_PADDING = 29  # px around the start–end text: the cell's margins, a gap before the duration
# Widths in px: fixed columns (start–end is measured from its text), then the most of what
# the fixed ones leave that the target and tags take (as a share), and their least.
_WIDTHS = {
    Column.BILLABLE: 24,
    Column.DURATION: 52,
    Column.SYNC: 22,
    Column.ACTIONS: ACTION_WIDTH * len(ACTIONS) + 4,
}
_FLEXIBLE = {
    Column.TARGET: (0.38, 110),
    Column.TAGS: (0.15, 56),
}


def _asks_for_menu(event: QKeyEvent) -> bool:
    """The keyboard's way to a right-click: the Menu key, or Shift+F10."""
    shift_f10 = (
        event.key() == Qt.Key.Key_F10 and event.modifiers() == Qt.KeyboardModifier.ShiftModifier
    )
    return event.key() == Qt.Key.Key_Menu or shift_f10
