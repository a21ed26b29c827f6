"""Names and descriptions are shown as written, never drawn as HTML.

Qt reads a label's or tooltip's text as HTML when it looks like some. A project named on
Vmoox "<img src=…><font size=6>…" drew the image and the big red words in the list's
tooltips, the picker, the tray and Settings: whoever names projects could fake Timo's
own words there.
"""

from __future__ import annotations

import pytest
from PySide6.QtGui import Qt, QTextDocument  # QtGui's Qt has mightBeRichText
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from timo_desktop.ui import tray
from timo_desktop.ui.about import AboutDialog
from timo_desktop.ui.controller import TimoApp
from timo_desktop.ui.plain import tip
from timo_desktop.ui.target_picker import CatalogProject, TargetChoice, build_catalog_model

NAMED = '<b>Acme</b><img src="/tmp/x.png"><font size=6 color=red>Re-enter your password</font>'


def seen(text: str) -> str:
    """What Qt's tooltip shows for `text`: its HTML drawn when Qt takes it for HTML."""
    if not Qt.mightBeRichText(text):
        return text
    document = QTextDocument()
    document.setHtml(text)
    return document.toPlainText()


@pytest.mark.parametrize(
    "text", [NAMED, "line one\nline <two>", "plain words", "R&D <3 tea", "a\n<h1>b</h1>"]
)
def test_a_tooltip_shows_the_text_as_written(text: str) -> None:
    assert seen(tip(text)) == text
    assert tip("plain words") == "plain words"  # left as it is when nothing looks like HTML


def test_the_pickers_tooltips_show_a_name_as_written_and_search_still_finds_it() -> None:
    model = build_catalog_model([CatalogProject(TargetChoice(NAMED, project_id="p1"))], [])
    item = model.item(0)
    assert seen(item.data(Qt.ItemDataRole.ToolTipRole)) == NAMED
    from timo_desktop.ui.target_picker import _SearchFilter

    search = _SearchFilter()
    search.setSourceModel(model)
    search.set_query("acme password")
    assert search.rowCount() == 1


def test_the_tray_tooltip_shows_a_running_description_as_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(tray.sys, "platform", "linux")
    assert seen(tray.icon_tip(NAMED, "0:12")) == f"{NAMED}\n0:12"
    monkeypatch.setattr(tray.sys, "platform", "darwin")  # a native tooltip: plain text
    assert tray.icon_tip(NAMED, "0:12") == f"{NAMED}\n0:12"


def test_a_windows_tray_tooltip_keeps_the_time_of_a_long_description(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Windows keeps 127 characters of it: the time was cut off after a long description."""
    monkeypatch.setattr(tray.sys, "platform", "win32")
    shown = tray.icon_tip("Homepage layout " * 12 + "— Website", "1:05")
    assert len(shown) == tray.WINDOWS_TIP and shown.endswith("…\n1:05")
    assert tray.icon_tip("Short — Website", "1:05") == "Short — Website\n1:05"


def _labels(widget: QWidget) -> list[QLabel]:
    return [label for label in widget.findChildren(QLabel) if label.objectName() != "aboutHeading"]


def test_every_label_is_plain_text(qtbot: QtBot, timo: TimoApp) -> None:
    """The window, Add time, Settings and About: not one label takes its words for HTML
    (About's own heading aside)."""
    add_time = timo.add_manually()
    settings = timo.open_settings()
    about = AboutDialog(timo.paths)
    qtbot.addWidget(about)
    for widget in (timo.window, add_time, settings, about):
        rich = [
            label.accessibleName() or label.text()
            for label in _labels(widget)
            if label.textFormat() != Qt.TextFormat.PlainText
        ]
        assert rich == [], type(widget).__name__
