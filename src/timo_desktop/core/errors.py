"""The errors Timo reports to people: each carries one plain sentence."""

from __future__ import annotations


class TimoError(Exception):
    """Base of every error meant to be shown to the user as one line."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


def sentence(message: str) -> str:
    """A message (an error's lower-case clause) as it opens a sentence on screen."""
    return message[:1].upper() + message[1:]


class InvalidInput(TimoError):
    """Something typed or passed in cannot be understood (a time, a duration, a key)."""


class InvalidEntry(TimoError):
    """An entry breaks a rule: end before start, in the future, too long, overlapping."""


class NotFound(TimoError):
    """No entry, project, task or record matches what was asked for."""


class NothingRunning(TimoError):
    """An action needs a running timer and none runs."""
