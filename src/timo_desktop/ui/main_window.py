"""The timer window: the timer line, the day-grouped entries, sync status, the bar for several
selected entries and the undo bar."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from itertools import pairwise

from PySide6.QtCore import QAbstractItemModel, QPoint, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QHideEvent,
    QKeyEvent,
    QKeySequence,
    QPaintEvent,
    QShowEvent,
    QStandardItemModel,
)
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.core.bidi import isolated
from timo_desktop.ui import style
from timo_desktop.ui.clear_button import clear_button_when_typed
from timo_desktop.ui.entry_list import EntryListView
from timo_desktop.ui.entry_model import (
    EntryFilter,
    EntryListModel,
    Keys,
    key_sequences,
    with_keys,
)
from timo_desktop.ui.fit import fitted_size
from timo_desktop.ui.formatting import hours_minutes
from timo_desktop.ui.plain import OneLineLabel, PlainLabel, tip
from timo_desktop.ui.sync_status import SyncSummary
from timo_desktop.ui.tag_completer import TagCompleter
from timo_desktop.ui.target_picker import TargetPopup
from timo_desktop.ui.timer_bar import TimerBar
from timo_desktop.ui.undo_keys import leave_undo_to_the_window

UNDO_SECONDS = 10
MINIMUM_WIDTH = 600  # px; narrower, the timer line and the list have no room to read
USUAL_SIZE = (860, 600)  # px, where the screen has room
# A search goes through a year of entries: once typing pauses, not at every key.
SEARCH_DELAY_MS = 150
NOTHING_TRACKED = "No time tracked yet.\nType what you are working on above and press Enter."
# Signed in on a computer that has not synced yet: the entries are on their way.
FETCHING = "Fetching your entries from Vmoox…"
SELECTION_BAR = (
    "#selectionBar { background: palette(alternate-base); border-top: 1px solid palette(mid); }"
)
# "Sync now" is drawn flat, as a link beside the status is, but shows where the keyboard is
# (a flat button has no focus frame); its border is there, unseen, without the focus too,
# so the toolbar does not move as the keyboard comes and goes.
SYNC_BUTTON = """
QPushButton#syncNow { border: 2px solid transparent; border-radius: 4px; padding: 2px 8px; }
QPushButton#syncNow:hover { border-color: palette(mid); }
QPushButton#syncNow:pressed { background: palette(mid); }
QPushButton#syncNow:focus { border-color: palette(highlight); }
"""
# The toolbar's keys, window-wide (bound by the app, named in the tooltips here).
ADD_KEYS: Keys = "Ctrl+N"
ATTENTION_KEYS: Keys = "Ctrl+Shift+A"
SEARCH_KEYS: Keys = QKeySequence.StandardKey.Find
SYNC_KEYS: Keys = "Ctrl+Shift+S"
SIGN_IN_KEYS: Keys = "Ctrl+Shift+L"


class SearchField(QLineEdit):
    """The entry search: Esc empties it, Esc or Enter leave it for the list."""

    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.left.emit()
        elif event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.left.emit()
        else:
            super().keyPressEvent(event)


class UndoBar(QFrame):
    """ "Deleted 'X'. [Undo]" after a delete, or a refusal in plain words; gone after a while.
    Why text typed in the list was not saved comes with [Discard my change] while its cell
    is open again holding it: the one way out of that cell with the mouse alone."""

    undo_requested = Signal()
    discard_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("undoBar")
        self.setStyleSheet(style.UNDO_BAR)
        self.message = OneLineLabel()
        self.message.set_about("Last change")
        self.button = QPushButton("Undo")
        self.button.setAccessibleName("Undo the last change")
        self.button.clicked.connect(self._undo)
        kept = self.button.sizePolicy()  # hidden for words alone, its room stays: no jump
        kept.setRetainSizeWhenHidden(True)
        self.button.setSizePolicy(kept)
        self.discard = QPushButton("Discard my change")
        self.discard.setAccessibleName("Discard my change")
        self.discard.setToolTip("Close the field and leave the entry as it was (Esc)")
        # Tab reaches it, a click leaves the keyboard in the cell's field: that field losing
        # it saves what it holds, refused again, and would open it once more.
        self.discard.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.discard.clicked.connect(self._discard)
        self.discard.hide()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addWidget(self.message, 1)
        layout.addWidget(self.discard)
        layout.addWidget(self.button)
        self._timer = QTimer(self, singleShot=True, interval=UNDO_SECONDS * 1000)
        self._timer.timeout.connect(self._expire)
        self.hide()

    def _expire(self) -> None:
        # About to be clicked, or still the way out of a cell open again: it waits.
        if self.underMouse() or not self.discard.isHidden():
            self._timer.start()
            return
        # Its room stays once it has been shown: gone, it let the list grow under the
        # pointer, and a late click on Undo duplicated or deleted the row now there.
        policy = self.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.setSizePolicy(policy)
        self.hide()

    def offer(self, message: str) -> None:
        """Show `message` with an Undo button."""
        self._show(message, undoable=True)

    def say(self, message: str) -> None:
        """Show `message` (a refusal, say) without an Undo button."""
        self._show(message, undoable=False)

    def refuse_typed(self, message: str) -> None:
        """Show `message`, why text typed in the list was not saved, with Discard my change
        while its cell is open again holding it (until `typing_let_go`)."""
        self._show(message, undoable=False, discardable=True)

    def typing_let_go(self) -> None:
        """The cell refused is no longer open: there is nothing to discard."""
        self.discard.hide()

    def _show(self, message: str, *, undoable: bool, discardable: bool = False) -> None:
        self.message.setText(message)
        self.button.setVisible(undoable)
        self.discard.setVisible(discardable)
        self.show()
        self._timer.start()

    def _undo(self) -> None:
        self.hide()
        self.undo_requested.emit()

    def _discard(self) -> None:
        self.hide()
        self.discard_requested.emit()


class TagField(QLineEdit):
    """The tag to add to the selected entries: Enter (or Add beside it) adds it, Esc lets
    it go."""

    left = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.left.emit()
        else:
            super().keyPressEvent(event)


class SelectionBar(QFrame):
    """ "3 entries selected (2:15)" and what can be done to all of them at once; shown
    while two or more entries are selected. A refusal says here which entry and why."""

    target_chosen = Signal(object)  # TargetChoice | None
    billable_chosen = Signal(bool)
    tags_chosen = Signal(str)  # as typed: one tag, or several separated by commas
    delete_requested = Signal()
    dismissed = Signal()  # Esc: back to the one current entry

    def __init__(self, known_tags: QAbstractItemModel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("selectionBar")
        self.setAccessibleName("Actions for the selected entries")
        self.setStyleSheet(SELECTION_BAR)
        self.summary = PlainLabel()
        self.summary.set_about("Selected entries")
        self.summary.setWordWrap(True)
        self.project = self._button(
            "Set project…", "Ctrl+Shift+P", "Set the project of the selected entries"
        )
        self.project.clicked.connect(self._open_picker)
        self.billable = self._button(
            "Billable", "Ctrl+Shift+B", "Mark the selected entries billable"
        )
        self.billable.clicked.connect(lambda: self.billable_chosen.emit(True))
        self.not_billable = self._button(
            "Not billable", "Ctrl+Shift+N", "Mark the selected entries not billable"
        )
        self.not_billable.clicked.connect(lambda: self.billable_chosen.emit(False))
        self.add_tag = self._button("Add tag…", "Ctrl+Shift+T", "Add a tag to the selected entries")
        self.add_tag.clicked.connect(self._open_tag_field)
        self.tag_field = TagField()
        self.tag_field.setPlaceholderText("Tag to add")
        self.tag_field.setAccessibleName("Tag to add to the selected entries")
        self.tag_field.setCompleter(TagCompleter(known_tags, self.tag_field))
        self.tag_field.returnPressed.connect(self._add_tags)
        self.tag_field.left.connect(self._close_tag_field)
        self.tag_field.hide()
        # Adds what the field holds: a suggestion picked with the mouse leaves ", " for the
        # next tag and waits, and without Add only Enter could finish.
        self.add_typed = QPushButton("Add")
        self.add_typed.setAccessibleName("Add these tags to the selected entries")
        self.add_typed.clicked.connect(self._add_tags)
        self.add_typed.hide()
        # Del is the window's Delete, which deletes the selection while it has several.
        self.delete = self._button("Delete", "", "Delete the selected entries")
        self.delete.setToolTip("Delete the selected entries (Del)")
        self.delete.clicked.connect(self.delete_requested)
        self.problem = style.problem_label("Why nothing changed")
        self._catalog: QStandardItemModel | None = None
        self._picker: TargetPopup | None = None

        row = QHBoxLayout()
        row.addWidget(self.summary, 1)
        for widget in (self.project, self.billable, self.not_billable, self.add_tag):
            row.addWidget(widget)
        row.addWidget(self.tag_field)
        row.addWidget(self.add_typed)
        row.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 6, 8, 6)
        layout.addLayout(row)
        layout.addWidget(self.problem)
        self.hide()

    def _button(self, text: str, keys: str, name: str) -> QPushButton:
        button = QPushButton(text)
        button.setAccessibleName(name)
        if keys:
            # A button's shortcut works only while the bar shows, i.e. with a selection.
            button.setShortcut(QKeySequence(keys))
            shown = QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{name} ({shown})")
        return button

    def buttons(self) -> list[QPushButton]:
        """Its actions in order, for the list's right-click menu on a selection."""
        return [self.project, self.billable, self.not_billable, self.add_tag, self.delete]

    def show_selection(self, count: int, total: timedelta) -> None:
        self.summary.setText(f"{count} entries selected ({hours_minutes(total.total_seconds())})")
        self.show()

    def hide_selection(self) -> None:
        """No selection left: the bar goes, and a tag field open in it closes, emptied (what
        it held was for the entries no longer selected)."""
        self.hide()
        self._put_tag_field_away()

    def say(self, problem: str | None) -> None:
        """Why nothing changed (None: nothing to say)."""
        self.problem.setText(problem or "")
        self.problem.setVisible(bool(problem))

    def set_catalog(self, model: QStandardItemModel) -> None:
        self._catalog = model
        if self._picker is not None:
            self._picker.set_model(model)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape and self.tag_field.isVisible():
            self._close_tag_field()  # Esc on Add beside the field, as Esc in the field
        elif event.key() == Qt.Key.Key_Escape:
            self.dismissed.emit()
        else:
            super().keyPressEvent(event)

    def _open_picker(self) -> None:
        if self._picker is None:  # the catalog picker, as the timer line's and the list's
            self._picker = TargetPopup(self)
            self._picker.setAccessibleName("Project for the selected entries")
            self._picker.chosen.connect(self.target_chosen)
            if self._catalog is not None:
                self._picker.set_model(self._catalog)
        picker = self._picker
        # The bar is at the window's foot: the list opens upwards, over the entries.
        above = self.project.mapToGlobal(QPoint(0, 0)) - QPoint(0, picker.height())
        picker.move(above)
        picker.search.clear()
        picker.show()
        picker.search.setFocus()

    def _open_tag_field(self) -> None:
        self.add_tag.hide()
        self.tag_field.show()
        self.add_typed.show()
        self.tag_field.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _add_tags(self) -> None:
        text = self.tag_field.text().strip(" ,")
        self._close_tag_field()
        if text:
            self.tags_chosen.emit(text)

    def _close_tag_field(self) -> None:
        self.add_tag.show()
        self.add_tag.setFocus(Qt.FocusReason.OtherFocusReason)  # before what had it goes
        self._put_tag_field_away()

    def _put_tag_field_away(self) -> None:
        """Add tag… in place of the field and Add beside it, the field emptied."""
        self.add_tag.show()
        self.tag_field.clear()
        self.tag_field.hide()
        self.add_typed.hide()


class MainWindow(QMainWindow):
    """The window people open from the tray; it only shows and asks — the app decides."""

    visibility_changed = Signal(bool)
    close_requested = Signal()
    attention_toggled = Signal(bool)
    first_painted = Signal()  # once: the window is on screen, slower work may start
    account_requested = Signal()  # ☰ › "Signed in as …": Settings, at the account
    sign_out_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._painted = False
        self._signed_in_as: Callable[[], str | None] = lambda: None
        self._through_env: Callable[[], bool] = lambda: False
        self.setWindowTitle("Timo")
        self.setObjectName("timoWindow")
        # Its usual size, within the screen: 600 px is more than a 768 px screen at 125 % has.
        self.resize(fitted_size(self, QSize(*USUAL_SIZE), self.screen().availableGeometry()))
        self.timer_bar = TimerBar()
        self.model = EntryListModel(self)
        # The list's filter: "Needs attention" and the search's words.
        self.attention = EntryFilter(self.model, self)
        self.entries = EntryListView()
        self.entries.setModel(self.attention)
        self.setMinimumWidth(max(MINIMUM_WIDTH, self.entries.minimumSizeHint().width()))
        self.undo_bar = UndoBar()
        self.selection_bar = SelectionBar(self.timer_bar.known_tags)
        self.entries.selection_menu = self.selection_bar.buttons()
        self.selection_bar.dismissed.connect(self._let_selection_go)
        self.entries.selection_changed.connect(self._show_selection)
        self._selected: frozenset[str] = frozenset()
        self._panel: QWidget | None = None  # sync's open questions, once there are any
        self._selection_runs = False  # the running timer is among the selected entries
        self._fetching = False  # the first sync is bringing the entries kept on Vmoox
        # The current entry "Needs attention" hid, and the one Qt made current instead.
        self._hidden_current: tuple[str, str | None] | None = None
        self.model.counted.connect(self._count_selection)

        self.notice = PlainLabel()
        self.notice.setObjectName("notice")
        self.notice.setStyleSheet(style.NOTICE)
        self.notice.setWordWrap(True)
        self.notice.set_about("Notice")
        self.notice.hide()

        self.attention_button = QPushButton("Needs attention")
        self.attention_button.setCheckable(True)
        self.attention_button.setObjectName("attentionFilter")
        self.attention_button.setAccessibleName("Show only entries that need attention")
        self.attention_button.setToolTip(
            with_keys("Show only entries that need attention", ATTENTION_KEYS)
        )
        self.attention_button.toggled.connect(self._on_attention)
        self.search = SearchField()
        leave_undo_to_the_window(self.timer_bar.description, self.timer_bar.tags, self.search)
        self.search.setObjectName("entrySearch")
        self.search.setPlaceholderText("Search entries")
        clear_button_when_typed(self.search)
        self.search.setAccessibleName("Search entries")
        self.search.setToolTip(with_keys("Search entries", SEARCH_KEYS))
        self.search.setAccessibleDescription(
            "Shows the entries whose description, project or tags hold every word typed"
        )
        # Room for the placeholder and the clear button; the sync sentence takes the rest.
        self.search.setMinimumWidth(
            self.search.fontMetrics().horizontalAdvance("Search entries") + 44
        )
        self.search.textChanged.connect(self._on_search_typed)
        self.search.left.connect(self._leave_search)
        self._search_soon = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._search_soon.timeout.connect(self._search)
        self.add_button = QPushButton("Add time…")
        self.add_button.setAccessibleName("Add time manually")
        self.add_button.setToolTip(with_keys("Add time manually", ADD_KEYS))
        self.sync_label = PlainLabel()
        self.sync_label.setObjectName("syncStatus")
        self.sync_label.setStyleSheet(style.SYNC_STATUS)
        self.sync_label.set_about("Sync status")
        # The design's whole sentence ("Offline — 3 entries will sync when you're back"):
        # it takes the toolbar's spare room and wraps at the narrowest window, never cut off.
        self.sync_label.setWordWrap(True)
        self.sync_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.sync_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        # What sync needs the user to do, in full (a tooltip would hide it).
        self.sync_problem = PlainLabel()
        self.sync_problem.setStyleSheet(style.NOTICE)
        self.sync_problem.setWordWrap(True)
        self.sync_problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.sync_problem.set_about("Sync problem")
        self.sync_problem.hide()
        self.sync_button = QPushButton("Sync now")
        self.sync_button.setAccessibleName("Sync now")
        self.sync_button.setObjectName("syncNow")
        self.sync_button.setFlat(True)
        self.sync_button.setStyleSheet(SYNC_BUTTON)
        self.more_button = QToolButton()
        self.more_button.setText("☰")
        self.more_button.setAccessibleName("More actions")
        self.more_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.more_menu = QMenu(self.more_button)
        self.more_button.setMenu(self.more_menu)
        # (menu item, what it stands in for, its keys)
        self._stand_ins: list[tuple[QAction, QAction, list[QKeySequence]]] = []
        self.more_menu.aboutToShow.connect(lambda: self._bind_stand_ins(True))
        self.more_menu.aboutToHide.connect(lambda: self._bind_stand_ins(False))

        toolbar = QHBoxLayout()
        toolbar.setContentsMargins(12, 0, 12, 0)
        toolbar.addWidget(self.add_button)
        toolbar.addWidget(self.attention_button)
        toolbar.addWidget(self.search)
        toolbar.addStretch(0)  # keeps ☰ at the right while there is no sync status
        toolbar.addWidget(self.sync_label, 1)
        toolbar.addWidget(self.sync_button)
        toolbar.addWidget(self.more_button)

        self.empty = PlainLabel(NOTHING_TRACKED)
        self.empty.setObjectName("emptyState")
        self.empty.setStyleSheet(style.EMPTY_STATE)
        self.empty.set_about("No entries")
        self.stack = QStackedWidget()
        self.stack.addWidget(self.entries)
        self.stack.addWidget(self.empty)

        central = QWidget()
        layout = QVBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.notice)
        layout.addWidget(self.timer_bar)
        layout.addLayout(toolbar)
        layout.addWidget(self.sync_problem)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.selection_bar)
        layout.addWidget(self.undo_bar)
        self.setCentralWidget(central)
        # After each refill, and as rows changed where they stand come into a search or go
        # out of it; a filter change says so itself (from nothing left to nothing left, the
        # empty list's words still change).
        self.attention.modelReset.connect(self._show_list_or_empty)
        self.attention.rowsInserted.connect(self._show_list_or_empty)
        self.attention.rowsRemoved.connect(self._show_list_or_empty)
        self._show_list_or_empty()
        # Rows changed where they stand: the selected entries' total may have changed too.
        self.model.updated.connect(self._show_selection)

    # Actions and shortcuts ---------------------------------------------------------------
    def add_action(
        self,
        text: str,
        keys: Keys,
        slot: Callable[[], object],
        *,
        within: QWidget | None = None,
        in_menu: bool = True,
    ) -> QAction:
        """An action with its shortcut, listed in the ☰ menu: window-wide, or only while the
        keyboard is in `within` (the list's row actions, which act on its current row). A
        standard key brings every binding this platform has for it (Redo: Ctrl+Y and
        Ctrl+Shift+Z)."""
        action = QAction(text, self if within is None else within)
        action.setShortcuts(key_sequences(keys))
        action.triggered.connect(slot)
        if within is None:
            self.addAction(action)
        else:
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            within.addAction(action)
        if in_menu:
            # Every item's key works while the menu is open: the open menu has the keyboard,
            # so neither the window's keys nor the list's would reach their actions.
            self.more_menu.addAction(self._stand_in(action))
        return action

    def add_account_items(
        self,
        sign_in: QAction,
        signed_in_as: Callable[[], str | None],
        through_env: Callable[[], bool],
        refused: Callable[[], str | None],
    ) -> None:
        """The ☰ menu's account items, next after those added so far, made again each time
        it opens so that they follow a sign-in or a sign-out (`signed_in_as` says who is
        saved, or None; `through_env` whether `VMOOX_TOKEN` is the sign-in in use): signed
        in, "Signed in as dana@example.com…" (to Settings' Account) and Sign out; through
        `VMOOX_TOKEN`, "Signed in through VMOOX_TOKEN…" alone (no sign-out ends it: Settings
        says how); signed out, `sign_in`. While sync needs a new sign-in of the one saved,
        the account item says so in `refused`'s words, `sign_in` beside it; a refused
        `VMOOX_TOKEN` is said in its words alone (a sign-in would not replace it). Its key
        works either way."""
        self._signed_in_as = signed_in_as
        self._through_env = through_env
        self._refused = refused
        self._sign_in_item = self._stand_in(sign_in)
        self._account_item = QAction(self.more_menu)
        self._account_item.triggered.connect(self.account_requested)
        self._sign_out_item = QAction("Sign out", self.more_menu)
        self._sign_out_item.triggered.connect(self.sign_out_requested)
        for item in (self._sign_in_item, self._account_item, self._sign_out_item):
            self.more_menu.addAction(item)
        # Read as the menu opens, not now: who is signed in is a file read (and sign-out's
        # words an import) that the first screen does not need.
        self.more_menu.aboutToShow.connect(self._show_account_items)

    def _show_account_items(self) -> None:
        who = self._signed_in_as()
        through_env = self._through_env()
        refused = self._refused()
        self._sign_in_item.setVisible((who is None or refused is not None) and not through_env)
        self._account_item.setVisible(who is not None or through_env)
        self._sign_out_item.setVisible(who is not None and not through_env)
        if refused is not None:
            self._account_item.setText(f"{refused}…".replace("&", "&&"))
        elif through_env:
            self._account_item.setText("Signed in through VMOOX_TOKEN…")
        elif who is not None:
            self._account_item.setText(f"Signed in as {who}…".replace("&", "&&"))  # as typed

    def _stand_in(self, action: QAction) -> QAction:
        """For the ☰ menu, an item doing what `action` does, named as `action` is: `action`
        itself stays where its key works while the menu is closed (the window, or the list
        only). Its key is the item's shortcut while the menu is open (`_bind_stand_ins`),
        shown beside it and read out with it: written into its text after a tab, the key
        was read out as part of its name."""
        shown = QAction(action.text(), self.more_menu)
        # Bound only while the menu is open, and there wherever the keyboard was: opened
        # by a click, the menu leaves it where it was, not on ☰.
        shown.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        shown.triggered.connect(lambda: self._choose(action))
        self._stand_ins.append((shown, action, action.shortcuts()))
        return shown

    def _bind_stand_ins(self, menu_open: bool) -> None:
        """While the ☰ menu is open its stand-ins have the keys, and the actions they stand
        in for have none (a key bound twice at once does neither); as it closes, the keys
        go back: bound while it is closed, Del on the ☰ button would delete the list's
        current entry."""
        for shown, action, keys in self._stand_ins:
            shown.setShortcuts(keys if menu_open else [])
            action.setShortcuts([] if menu_open else keys)

    def _choose(self, action: QAction) -> None:
        """A stand-in chosen, by click or by its key: the menu closes, as it does for a
        click, before `action` acts (left open, it hid the undo bar and its key acted on
        the next row)."""
        self.more_menu.close()
        action.trigger()

    # What is shown ----------------------------------------------------------------------
    def show_sync(self, summary: SyncSummary | None) -> None:
        self.sync_label.setVisible(summary is not None)
        self.sync_button.setVisible(
            summary is not None and (summary.can_sync_now or summary.needs_sign_in)
        )
        if summary is not None:
            text, keys = (
                ("Sign in", SIGN_IN_KEYS) if summary.needs_sign_in else ("Sync now", SYNC_KEYS)
            )
            self.sync_button.setText(f"{text}…" if summary.needs_sign_in else text)
            self.sync_button.setAccessibleName(text)  # it read "Sync now" while it signed in
            self.sync_button.setToolTip(with_keys(text, keys))
            self.sync_label.setText(summary.text)
            self.sync_label.setToolTip(tip(summary.detail))
            style.set_style_property(self.sync_label, "tone", summary.tone.value)
        problem = summary.problem if summary is not None else None
        self.sync_problem.setText(problem or "")
        self.sync_problem.setVisible(problem is not None)

    def show_fetching(self, fetching: bool) -> None:
        """Whether the first sync of a signed-in computer is under way: an empty list
        then says the entries are on their way, not that none were ever tracked."""
        if fetching != self._fetching:
            self._fetching = fetching
            self._show_list_or_empty()

    def add_panel(self, panel: QWidget) -> None:
        """A panel shown just above the entry list (sync's open questions); after its
        controls change, `tab_through_panel` puts them where Tab should find them."""
        layout = self.centralWidget().layout()
        assert isinstance(layout, QVBoxLayout)
        layout.insertWidget(layout.indexOf(self.stack), panel)
        self._panel = panel

    def tab_through_panel(self) -> None:
        """Tab reaches the panel's controls where the panel shows, after the toolbar and
        before the list: made after the list, Qt's own order had them after it."""
        panel = self._panel
        if panel is None:
            return
        inside = [
            widget
            for widget in _focus_chain(self.more_button)
            if panel.isAncestorOf(widget) and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]
        order = [self.more_button, *inside, self.entries]
        for first, second in pairwise(order):
            QWidget.setTabOrder(first, second)

    def show_notice(self, text: str | None) -> None:
        self.notice.setVisible(bool(text))
        self.notice.setText(text or "")

    def bring_forward(self) -> None:
        """Show, un-minimise and raise (for the tray and for a second launch)."""
        self.show()
        self.setWindowState(self.windowState() & ~self.windowState().WindowMinimized)
        self.raise_()
        self.activateWindow()

    def focus_search(self) -> None:
        """Ctrl+F: to the search field, its words selected to type over."""
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    def _on_search_typed(self, text: str) -> None:
        if text.strip():
            self._search_soon.start()
        else:
            self._search()  # emptied (the clear button, Esc): everything back at once

    def _search(self) -> None:
        self._search_soon.stop()
        self.attention.set_search(self.search.text())
        self._show_list_or_empty()

    def _leave_search(self) -> None:
        self._search()
        if self.stack.currentWidget() is self.entries:
            self.entries.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _show_list_or_empty(self) -> None:
        focus = QApplication.focusWidget()
        in_list = focus is not None and self.stack.isAncestorOf(focus)
        if self.attention.rowCount():
            self.stack.setCurrentWidget(self.entries)
            return
        self.empty.setText(self._empty_text())
        self.stack.setCurrentWidget(self.empty)
        if in_list:
            # Not left on the words, which take no keys: to the toggle beside the search,
            # a button, so that window keys such as Ctrl+Z still reach the window.
            self.attention_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _empty_text(self) -> str:
        oldest = self.model.oldest_day()
        if oldest is None:
            return FETCHING if self._fetching else NOTHING_TRACKED
        words = " ".join(self.attention.words())
        if not words:
            return "Nothing needs attention."
        which = "entries that need attention" if self.attention.is_enabled() else "entries"
        # Only the listed days are searched: say how far back that is.
        return f"No {which} match “{isolated(words)}”.\nThe list goes back to {oldest}."

    def _show_selection(self) -> None:
        entries = self.entries.selected_entries()
        refs = frozenset(entry.client_ref for entry in entries)
        if refs != self._selected:  # a refusal stands until the selection changes
            self._selected = refs
            self.selection_bar.say(None)
        if len(entries) < 2:
            self.selection_bar.hide_selection()
            self._selection_runs = False
            return
        total = sum((self.model.shown_duration(entry) for entry in entries), timedelta(0))
        self.selection_bar.show_selection(len(entries), total)
        self._selection_runs = any(entry.is_running for entry in entries)

    def _count_selection(self) -> None:
        if self._selection_runs:  # its total counts the running timer, which just ticked
            self._show_selection()

    def _let_selection_go(self) -> None:
        self.entries.select_current_only()
        self.entries.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _on_attention(self, on: bool) -> None:
        # The current entry stays current, and in view, while listed either way; one the
        # filter hid is current again once it is listed again, unless the person has
        # moved on since.
        ref = self.entries.current_ref()
        if self._hidden_current is not None and self._hidden_current[1] == ref:
            ref = self._hidden_current[0]
        self.attention.set_enabled(on)
        self._show_list_or_empty()
        self._hidden_current = None
        if ref is not None and not self.entries.make_current(ref):
            self._hidden_current = (ref, self.entries.current_ref())
        self.attention_toggled.emit(on)

    # Window events ------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.visibility_changed.emit(True)

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.entries.end_editing()  # out of sight, it would hold the list back
        self.visibility_changed.emit(False)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing hides to the tray; the app decides (it quits when there is no tray).
        event.ignore()
        self.close_requested.emit()


def _focus_chain(start: QWidget) -> list[QWidget]:
    """Every widget in the window's focus chain, from `start` round to it again."""
    chain, widget = [start], start.nextInFocusChain()
    while widget is not start:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    return chain
