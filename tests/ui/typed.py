"""Typing a time into Add time as a person does: the keys, then moving on."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit
from pytestqt.qtbot import QtBot


def type_time(qtbot: QtBot, field: QLineEdit, text: str) -> None:
    """Type `text` into a time field key by key, then leave it (Tab or a click elsewhere
    ends its editing, as this does): the form says what is wrong once nobody types."""
    qtbot.keyClicks(field, text)
    field.editingFinished.emit()
