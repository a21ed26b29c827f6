"""A searchable picker over the cached catalog: project → task, or a Vmoox record."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QModelIndex,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import (
    QFocusEvent,
    QFontMetricsF,
    QHideEvent,
    QKeyEvent,
    QMouseEvent,
    QPaintEvent,
    QShowEvent,
    QStandardItem,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLineEdit,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionButton,
    QStyleOptionViewItem,
    QStylePainter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.entry import TargetNames
from timo_desktop.core.folding import folded
from timo_desktop.ui.clear_button import clear_button_when_typed
from timo_desktop.ui.click_through import ClickThrough
from timo_desktop.ui.plain import tip

NO_TARGET_LABEL = "No project"
HINT = "Choose a project, task or record"
# px: the most the button asks for. Given less, as in the timer line, a long "Project ›
# Task" is shortened (`shorten_target`); the line keeps its room for what is being typed.
WIDEST = 220
TEXT_MARGINS = 8  # px of air beside a shortened name, so it never touches the button's edge
NARROWEST = 110  # px: what it keeps when a narrow window needs the room for the description
_CHOICE_ROLE = Qt.ItemDataRole.UserRole + 1
_LABEL_ROLE = Qt.ItemDataRole.UserRole + 2  # the full label, which searching matches
_BETWEEN = " › "  # between a project's name and its task's in a label
_ELLIPSIS = "…"
RECOGNISABLE = 4  # letters of a project's name that still tell it from the others


def shorten_target(label: str, metrics: QFontMetricsF, width: float) -> str:
    """`label` as it fits in `width` px: whole when it fits. A "Project › Task" gives up
    its project's name first ("Acme web… › Homepage layout"), as the task is what tells
    the entries of one project apart, down to a start that still names it; then the
    project keeps a third of the room and the task's end gives way ("Acme… › Homepage
    la…"): a bare "… › Copywriting for…" left no project to tell. Any other label is
    shortened at its end."""
    if metrics.horizontalAdvance(label) <= width:
        return label
    project, between, task = label.rpartition(_BETWEEN)
    if not between:
        return _cut(label, metrics, width)
    tail = between + task
    head = _cut(project, metrics, width - metrics.horizontalAdvance(tail))
    if head == project or len(head.removesuffix(_ELLIPSIS)) >= RECOGNISABLE:
        return head + tail
    room = width - metrics.horizontalAdvance(between)
    head = _cut(project, metrics, room / 3)
    task = _cut(task, metrics, room - metrics.horizontalAdvance(head))
    return head + between + task if head and task else _cut(label, metrics, width)


def _cut(text: str, metrics: QFontMetricsF, width: float) -> str:
    """`text` shortened at its end to `width` px, with no space left before the "…" ("" when
    not even that fits)."""
    cut = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(width, 0))
    if cut == text or not cut:
        return cut
    return cut.removesuffix(_ELLIPSIS).rstrip() + _ELLIPSIS


@dataclass(frozen=True)
class TargetChoice:
    """What an entry is booked against, with the label people read."""

    label: str
    project_id: str | None = None
    task_id: str | None = None
    record_id: str | None = None
    billable_default: bool | None = None
    # Its workspace's name, where the person tracks time in more than one: the picker
    # groups by it, and its tooltip and search have it.
    workspace: str | None = None
    # A project or record of another workspace has its project's or record's name: shown,
    # it names its workspace (`shown`).
    name_elsewhere: bool = False

    @property
    def shown(self) -> str:
        """The label as the picker's button, the list and the timer line show it: `Admin
        (Side Studio) › Hiring` where another workspace has an "Admin" too."""
        if not (self.name_elsewhere and self.workspace):
            return self.label
        if self.record_id:
            return TargetNames(record=self.label, workspace=self.workspace).label()
        if self.task_id:
            project, _, task = self.label.rpartition(_BETWEEN)
            return TargetNames(project, task, workspace=self.workspace).label()
        return TargetNames(self.label, workspace=self.workspace).label()

    @property
    def whole(self) -> str:
        """The label with the workspace it is in, as tooltips show it."""
        return f"{self.label}\nin {self.workspace}" if self.workspace else self.label


@dataclass(frozen=True)
class CatalogProject:
    """A project and the choices under it (its tasks)."""

    choice: TargetChoice
    tasks: Sequence[TargetChoice] = ()


def build_catalog_model(
    projects: Sequence[CatalogProject],
    records: Sequence[TargetChoice],
    into: QStandardItemModel | None = None,
) -> QStandardItemModel:
    """The tree the picker shows: projects with their tasks, then a Records group, under
    the name of each workspace they are in where they have one (in the order first met);
    built `into` a model given (what it held replaced, so every picker showing it follows)."""
    model = QStandardItemModel() if into is None else into
    model.clear()
    parents: dict[str | None, QStandardItem] = {None: model.invisibleRootItem()}
    groups: dict[str | None, QStandardItem] = {}
    for project in projects:
        item = _choice_item(project.choice)
        for task in project.tasks:
            item.appendRow(_choice_item(task, task.label.rpartition(_BETWEEN)[2]))
        _parent(parents, model, project.choice.workspace).appendRow(item)
    for record in records:
        if record.workspace not in groups:
            groups[record.workspace] = _group("Records")
            _parent(parents, model, record.workspace).appendRow(groups[record.workspace])
        groups[record.workspace].appendRow(_choice_item(record))
    return model


def _parent(
    parents: dict[str | None, QStandardItem], model: QStandardItemModel, workspace: str | None
) -> QStandardItem:
    """Where a choice of `workspace` goes: under its name (made when first needed)."""
    if workspace not in parents:
        parents[workspace] = _group(workspace or "")
        font = parents[workspace].font()
        font.setBold(True)
        parents[workspace].setFont(font)
        model.appendRow(parents[workspace])
    return parents[workspace]


def _group(name: str) -> QStandardItem:
    group = QStandardItem(name)
    group.setSelectable(False)
    group.setEditable(False)
    return group


def _choice_item(choice: TargetChoice, text: str | None = None) -> QStandardItem:
    item = QStandardItem(text or choice.label)
    item.setEditable(False)
    item.setData(choice, _CHOICE_ROLE)
    # Searching matches the full path and the workspace, so "web home" finds Website ›
    # Homepage, and "side admin" the Admin of Dana's Side Studio.
    item.setData(" ".join(filter(None, (choice.label, choice.workspace))), _LABEL_ROLE)
    item.setData(tip(choice.whole), Qt.ItemDataRole.ToolTipRole)
    return item


class _SearchFilter(QSortFilterProxyModel):
    """Matches every word typed against the item's full label, in any order."""

    def __init__(self) -> None:
        super().__init__()
        self.setRecursiveFilteringEnabled(True)
        self._words: list[str] = []

    def set_query(self, text: str) -> None:
        self.beginFilterChange()
        self._words = folded(text).split()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def matches(self, index: QModelIndex) -> bool:
        """True when the item itself (not only one of its children) matches every word."""
        label = folded(str(index.data(_LABEL_ROLE) or index.data() or ""))
        return all(word in label for word in self._words)

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        return self.matches(self.sourceModel().index(source_row, 0, source_parent))


# px: the least height of a row in the picker's list, a click target; taller where the
# platform's line of text needs it (with ROW_AIR above and below).
ROW_HEIGHT = 24
ROW_AIR = 4


class _FlatUntilFocused(QPushButton):
    """A button drawn flat, as a quiet choice under the list, until the keyboard reaches
    it: Fusion draws a flat button's focus not at all, so Tab seemed to go nowhere."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.setFlat(True)

    def focusInEvent(self, event: QFocusEvent) -> None:
        self.setFlat(False)
        super().focusInEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        self.setFlat(True)
        super().focusOutEvent(event)


class _RowHeight(QStyledItemDelegate):
    """Rows a comfortable height to click, not the bare height of their text."""

    def sizeHint(
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        hint = super().sizeHint(option, index)
        text = option.fontMetrics.height() + 2 * ROW_AIR
        return QSize(hint.width(), max(hint.height(), text, ROW_HEIGHT))


# A catalog with more rows than this is searched once typing pauses: each search walks
# every row, and 3,000 projects with their tasks took seconds a keystroke.
LARGE_CATALOG = 1500
QUERY_PAUSE_MS = 150


def _rows(parent: QStandardItem) -> int:
    """The rows under `parent`, at every depth (a workspace's projects' tasks too)."""
    rows = parent.rowCount()
    children = (parent.child(row) for row in range(rows))
    return rows + sum(_rows(child) for child in children if child.hasChildren())


class TargetPopup(QFrame):
    """The drop-down: a search line over the catalog tree."""

    chosen = Signal(object)  # TargetChoice | None
    # When `steps_out`: the popup was closed with nothing chosen by Esc (0), Tab (1) or
    # Shift+Tab (-1) in its search line, or by a click outside it (0), for an editor that
    # goes on to the next or previous field or ends. Otherwise Tab moves within the popup
    # and Esc or a click outside just close it.
    left = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.search = QLineEdit(placeholderText="Search projects, tasks and records")
        self.search.setAccessibleName("Search targets")
        clear_button_when_typed(self.search)
        self.tree = QTreeView()
        self.tree.setAccessibleName("Targets")
        # The keyboard stays in the search line, which moves the list's current item (a
        # combo box's list): the list counts as having the focus, so Qt tells screen
        # readers which item Up or Down reached, and the search line is not read again at
        # each key. Not while typing moves it (`_search`).
        self.tree.setFocusProxy(self.search)
        self.tree.setHeaderHidden(True)
        self.tree.setUniformRowHeights(True)
        self.tree.setItemDelegate(_RowHeight(self.tree))
        self.tree.setEditTriggers(QTreeView.EditTrigger.NoEditTriggers)
        self._filter = _SearchFilter()
        self.tree.setModel(self._filter)
        clear = self.no_project = _FlatUntilFocused(NO_TARGET_LABEL)
        clear.setAccessibleName("Book without a project")
        clear.clicked.connect(lambda: self._pick(None))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.search)
        layout.addWidget(self.tree)
        layout.addWidget(clear)
        self.search.textChanged.connect(self._on_query)
        # One click picks, as in any drop-down list; `activated` is Enter (and a double
        # click, or a single one where the desktop is set so: the first one hides the list).
        self.tree.clicked.connect(self._on_activated)
        self.tree.activated.connect(self._on_activated)
        self.search.installEventFilter(self)
        self._through = ClickThrough()
        self.installEventFilter(self)  # a click outside reaches what it clicked, Start say
        self.steps_out = False
        self._answered = False  # closed by a choice, Esc or Tab (not by a click outside)
        self._large = False
        self._typing = QTimer(self, singleShot=True, interval=QUERY_PAUSE_MS)
        self._typing.timeout.connect(self._search)
        self.resize(360, 320)

    def set_model(self, model: QStandardItemModel) -> None:
        self._filter.setSourceModel(model)
        self._large = _rows(model.invisibleRootItem()) > LARGE_CATALOG
        self.tree.expandAll()

    def _on_query(self, _text: str) -> None:
        if self._large:
            self._typing.start()  # again at each key: searched once typing pauses
        else:
            self._search()

    def _search(self) -> None:
        self._typing.stop()
        # Meanwhile the list does not count as having the focus: what typing makes current
        # (the first match, for Enter) is not read, so typing and deleting are read as the
        # search line; Up and Down, with the focus proxy back, read the item they reach.
        self.tree.setFocusProxy(None)
        self._filter.set_query(self.search.text())
        self.tree.expandAll()
        self._select_first_choice()
        self.tree.setFocusProxy(self.search)

    def _select_first_choice(self) -> None:
        # Depth first: "web home" selects Website › Homepage, not its parent Website.
        pending = [self._filter.index(row, 0) for row in range(self._filter.rowCount())]
        while pending:
            index = pending.pop(0)
            if index.data(_CHOICE_ROLE) is not None and self._filter.matches(index):
                self.tree.setCurrentIndex(index)
                return
            children = [
                self._filter.index(row, 0, index) for row in range(self._filter.rowCount(index))
            ]
            pending[:0] = children

    def _on_activated(self, index: QModelIndex) -> None:
        choice = index.data(_CHOICE_ROLE)
        if choice is not None and self.isVisible():
            self._pick(choice)

    def _pick(self, choice: TargetChoice | None) -> None:
        self._answered = True
        self.hide()  # first: what the choice sets off may move the keyboard on
        self.chosen.emit(choice)

    def showEvent(self, event: QShowEvent) -> None:
        self._answered = False
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        # Closed some other way than a choice, Esc or Tab: by a click outside it (which Qt,
        # or `ClickThrough`, takes as closing it), or the window losing the mouse.
        if self.steps_out and not self._answered:
            self._answered = True
            self.left.emit(0)

    def eventFilter(self, watched: object, event: object) -> bool:
        if watched is self and isinstance(event, QMouseEvent):
            return self._through.handle(self, event)
        # Up/Down, Page Up/Down and Enter in the search line drive the list, so the mouse
        # is never needed.
        if (
            watched is self.search
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
        ):
            if self._typing.isActive() and event.key() in _DRIVES_THE_LIST:
                self._search()  # what was typed before it, not the list as it was
            if event.key() in _MOVES_IN_THE_LIST:
                self.tree.keyPressEvent(event)
                return True
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                current = self.tree.currentIndex()
                if current.isValid():
                    self._on_activated(current)
                return True
            if self.steps_out and event.key() in _STEPS:
                self._answered = True
                self.hide()
                self.left.emit(_STEPS[event.key()])
                return True
        return False


_MOVES_IN_THE_LIST = (Qt.Key.Key_Down, Qt.Key.Key_Up, Qt.Key.Key_PageDown, Qt.Key.Key_PageUp)
_DRIVES_THE_LIST = (*_MOVES_IN_THE_LIST, Qt.Key.Key_Return, Qt.Key.Key_Enter)


def _typed_letter(event: QKeyEvent) -> bool:
    """A key that types a character (not Space, which presses the button), unmodified but
    for what only chooses the character: Shift, the keypad, AltGr's group switch."""
    typed = event.text()
    choosing = (
        Qt.KeyboardModifier.ShiftModifier
        | Qt.KeyboardModifier.KeypadModifier
        | Qt.KeyboardModifier.GroupSwitchModifier
    )
    plain = event.modifiers() & ~choosing == Qt.KeyboardModifier.NoModifier
    return bool(typed) and typed.isprintable() and not typed.isspace() and plain


class TargetPicker(QPushButton):
    """A button showing the chosen target; clicking it (or Space or Enter on it) opens the
    searchable popup."""

    changed = Signal(object)  # TargetChoice | None, chosen or set
    picked = Signal(object)  # TargetChoice | None, chosen by the user in the popup

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(NO_TARGET_LABEL, parent)
        self.setAccessibleName("Project, task or record")
        self._hint = HINT
        self.setToolTip(HINT)
        self._choice: TargetChoice | None = None
        self._catalog: QStandardItemModel | None = None
        self._popup: TargetPopup | None = None
        self.clicked.connect(self.open_popup)

    @property
    def popup(self) -> TargetPopup:
        """The drop-down, made when first needed: the first screen never shows it."""
        if self._popup is None:
            self._popup = TargetPopup(self)
            self._popup.chosen.connect(self._pick)
            if self._catalog is not None:
                self._popup.set_model(self._catalog)
        return self._popup

    def set_catalog(self, model: QStandardItemModel) -> None:
        self._catalog = model
        if self._popup is not None:
            self._popup.set_model(model)

    def choice(self) -> TargetChoice | None:
        return self._choice

    def set_choice(self, choice: TargetChoice | None) -> None:
        self._choice = choice
        label = choice.shown if choice else NO_TARGET_LABEL
        self.setText(label)  # whole: what screen readers and tests read
        self._show_hint()
        self.changed.emit(choice)

    def set_hint(self, hint: str) -> None:
        """What the tooltip says under the chosen target's name (the timer line's names
        its shortcut)."""
        self._hint = hint
        self._show_hint()

    def _show_hint(self) -> None:
        self.setToolTip(tip(f"{self._choice.whole}\n{self._hint}") if self._choice else self._hint)

    def _pick(self, choice: TargetChoice | None) -> None:
        self.set_choice(choice)
        self.picked.emit(choice)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        # While the popup is open the keyboard is its search's: the list's editor is given
        # the focus only after it opened its popup.
        if self._popup is not None and self._popup.isVisible():
            self._popup.search.setFocus()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Enter opens the popup as Space does; a plain button would pass it on to its
        # parent (the timer line, whose Enter starts or stops the timer).
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.click()
        elif _typed_letter(event):
            # Typing on the button searches, as in a combo box: the letter opens the
            # popup and is the search's first (Space or Enter had to come first).
            self.open_popup()
            QApplication.sendEvent(self.popup.search, event)
        else:
            super().keyPressEvent(event)

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(min(hint.width(), WIDEST), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(min(self.sizeHint().width(), NARROWEST), self.sizeHint().height())

    def shown_text(self) -> str:
        """The label as drawn: whole where it fits, else shortened so that a task's name
        stays readable ("Acme web… › Homepage layout"); the tooltip has it whole."""
        option = QStyleOptionButton()
        self.initStyleOption(option)
        room = self.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, self)
        metrics = QFontMetricsF(self.font())
        return shorten_target(self.text(), metrics, room.width() - TEXT_MARGINS)

    def paintEvent(self, _event: QPaintEvent) -> None:
        option = QStyleOptionButton()
        self.initStyleOption(option)
        option.text = self.shown_text()
        QStylePainter(self).drawControl(QStyle.ControlElement.CE_PushButton, option)

    def open_popup(self) -> None:
        self.popup.move(self.mapToGlobal(self.rect().bottomLeft()))
        self.popup.search.clear()
        self.popup.show()
        self.popup.search.setFocus()


_STEPS: dict[int, int] = {Qt.Key.Key_Escape: 0, Qt.Key.Key_Tab: 1, Qt.Key.Key_Backtab: -1}
