"""A large catalog (3,000 projects with their tasks) is searched once typing pauses: each
search walks every row, and a search at every key took seconds a keystroke. Enter right
after typing still picks what was typed for; a small catalog is searched at each key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from timo_desktop.ui.target_picker import (
    LARGE_CATALOG,
    CatalogProject,
    TargetChoice,
    TargetPopup,
    build_catalog_model,
)


def _popup(
    qtbot: QtBot, projects: int, workspaces: tuple[str | None, ...] = (None,)
) -> tuple[TargetPopup, list[object]]:
    """A popup over `projects` projects of four tasks each, taking turns in `workspaces`."""
    catalog = [
        CatalogProject(
            TargetChoice(f"Client {n} site", project_id=f"prj_{n}", workspace=workspace),
            [
                TargetChoice(
                    f"Client {n} site › Task {t}", f"prj_{n}", f"tsk_{n}_{t}", workspace=workspace
                )
                for t in range(4)
            ],
        )
        for n in range(projects)
        for workspace in [workspaces[n % len(workspaces)]]
    ]
    popup = TargetPopup()
    qtbot.addWidget(popup)
    popup.set_model(build_catalog_model(catalog, []))
    popup.show()
    picked: list[object] = []
    popup.chosen.connect(picked.append)
    return popup, picked


def _shown(popup: TargetPopup) -> int:
    return popup.tree.model().rowCount()


def test_a_large_catalog_is_searched_once_typing_pauses(qtbot: QtBot) -> None:
    popup, _ = _popup(qtbot, LARGE_CATALOG // 5 + 1)
    qtbot.keyClicks(popup.search, "client 29")
    assert _shown(popup) == LARGE_CATALOG // 5 + 1  # not yet: the typing may go on
    qtbot.waitUntil(lambda: _shown(popup) < 20)
    assert popup.tree.currentIndex().data() == "Client 29 site"


def test_a_large_catalog_of_two_workspaces_is_searched_once_typing_pauses_too(
    qtbot: QtBot,
) -> None:
    """Under their workspaces' names, its tasks were not counted: searched at each key."""
    popup, _ = _popup(qtbot, LARGE_CATALOG // 5 + 1, ("Northwind Agency", "Side Studio"))
    assert popup.tree.model().rowCount() == 2  # the workspaces, all the rest under them
    qtbot.keyClicks(popup.search, "client 28")
    northwind = popup.tree.model().index(0, 0)
    assert popup.tree.model().rowCount(northwind) == (LARGE_CATALOG // 5 + 2) // 2  # not yet
    qtbot.waitUntil(lambda: popup.tree.model().rowCount(northwind) < 20)
    assert popup.tree.currentIndex().data() == "Client 28 site"


def test_enter_right_after_typing_picks_what_was_typed_for(qtbot: QtBot) -> None:
    popup, picked = _popup(qtbot, LARGE_CATALOG // 5 + 1)
    qtbot.keyClicks(popup.search, "client 299 task 3")
    qtbot.keyClick(popup.search, Qt.Key.Key_Return)
    assert [getattr(p, "task_id", None) for p in picked] == ["tsk_299_3"]


def test_a_small_catalog_is_searched_at_each_key(qtbot: QtBot) -> None:
    popup, _ = _popup(qtbot, 40)
    qtbot.keyClicks(popup.search, "client 29")
    assert _shown(popup) == 1


def test_typing_on_the_picker_searches_without_space_or_enter_first(qtbot: QtBot) -> None:
    """Letters typed with the keyboard on the picker (Tab to "For" in Add time) did nothing
    until Space or Enter opened it."""
    from timo_desktop.ui.target_picker import TargetPicker

    picker = TargetPicker()
    qtbot.addWidget(picker)
    picker.set_catalog(build_catalog_model(
        [CatalogProject(TargetChoice(f"Client {n} site", project_id=f"prj_{n}")) for n in range(5)],
        [],
    ))  # fmt: skip
    picker.show()
    picker.setFocus()
    with qtbot.waitSignal(picker.picked) as picked:
        qtbot.keyClicks(picker, "C")  # the first letter, on the button
        assert picker.popup.search.hasFocus()  # the rest go where the keyboard now is
        qtbot.keyClicks(picker.popup.search, "lient 3")
        assert picker.popup.isVisible() and picker.popup.search.text() == "Client 3"
        qtbot.keyClick(picker.popup.search, Qt.Key.Key_Return)
    assert picked.args[0].project_id == "prj_3"


def test_a_keypad_digit_on_the_picker_searches_too(qtbot: QtBot) -> None:
    from timo_desktop.ui.target_picker import TargetPicker

    picker = TargetPicker()
    qtbot.addWidget(picker)
    picker.set_catalog(build_catalog_model([CatalogProject(TargetChoice("Site 7"))], []))
    picker.show()
    qtbot.keyClick(picker, Qt.Key.Key_7, Qt.KeyboardModifier.KeypadModifier)
    assert picker.popup.isVisible() and picker.popup.search.text() == "7"
