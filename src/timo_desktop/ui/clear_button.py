"""A line edit's clear button, given with its first text."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit


def clear_button_when_typed(edit: QLineEdit) -> None:
    """Give `edit` its clear button once text is typed into it. The button shows only over
    text, and finding its icon reads the desktop's icon theme (a thousand or more keys,
    ~5 ms), which the window's first screen need not wait for."""

    def typed(text: str) -> None:
        if text:
            edit.textChanged.disconnect(typed)
            edit.setClearButtonEnabled(True)

    edit.textChanged.connect(typed)
