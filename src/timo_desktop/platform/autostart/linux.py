"""XDG autostart: a `.desktop` file in `$XDG_CONFIG_HOME/autostart`."""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from pathlib import Path

FILE_NAME = "app.timo.desktop.desktop"
_NEEDS_QUOTES = re.compile(r"""[\s"'\\><~|&;$*?#()`]""")


def exec_line(command: Sequence[str]) -> str:
    """`command` quoted for a desktop entry's Exec key (Desktop Entry Specification)."""
    parts = []
    for argument in command:
        argument = argument.replace("%", "%%")
        if _NEEDS_QUOTES.search(argument) or not argument:
            escaped = re.sub(r'(["`$\\])', r"\\\1", argument)
            argument = f'"{escaped}"'
        parts.append(argument)
    # In the file, a backslash is itself escaped once more (string value rules).
    return " ".join(parts).replace("\\", "\\\\")


_STRING_ESCAPES = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
# Outside double quotes these must be quoted; inside them only these may be escaped.
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
_QUOTED_ESCAPES = frozenset('"`$\\')


def exec_arguments(value: str) -> list[str] | None:
    """The command in a desktop entry's Exec value, read by the Desktop Entry Specification
    (`exec_line` undone): string value escapes first, then the Exec key's quoting, then `%%`.

    None for a value the specification leaves open — a reserved character outside double
    quotes (GLib reads `'single quotes'` and backslashes there as a shell does), another
    escape, a quote left open or around part of an argument: launchers differ on what
    such a line starts, so it cannot be told for sure."""
    value = re.sub(r"\\(.)", lambda found: _STRING_ESCAPES.get(found[1], found[0]), value)
    arguments: list[str] = []
    current: str | None = None  # None between arguments; "" for a quoted empty one
    quoted = escaped = closed = False  # closed: a quote just ended, the argument with it
    for char in value:
        if escaped:
            if char not in _QUOTED_ESCAPES:
                return None
            current, escaped = (current or "") + char, False
        elif quoted:
            if char == "\\":
                escaped = True
            elif char == '"':
                quoted, closed = False, True
            else:
                current = (current or "") + char
        elif char == " ":
            if current is not None:
                arguments.append(current)
            current, closed = None, False
        elif char == '"' and current is None:
            quoted, current = True, ""
        elif closed or char in _RESERVED:
            return None
        else:
            current = (current or "") + char
    if quoted or escaped:
        return None
    if current is not None:
        arguments.append(current)
    return [argument.replace("%%", "%") for argument in arguments]


def _boolean(value: str | None) -> bool | None:
    """A boolean key's value as GLib reads it (`true` or `1`, `false` or `0`); None when
    absent or neither."""
    return {"true": True, "1": True, "false": False, "0": False}.get(value or "")


class XdgAutostart:
    """The autostart entry under `config_home` (default `$XDG_CONFIG_HOME` or ~/.config)."""

    def __init__(self, config_home: Path | None = None) -> None:
        base = config_home or Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config")
        self.path = base / "autostart" / FILE_NAME

    def is_enabled(self) -> bool:
        keys = self._keys()
        # The desktop's own startup settings turn an entry off without deleting it: Hidden
        # (Xfce; the Autostart Specification says such a file is ignored) or GNOME's key.
        return (
            keys is not None
            and _boolean(keys.get("Hidden")) is not True
            and _boolean(keys.get("X-GNOME-Autostart-enabled")) is not False
        )

    def command(self) -> list[str] | None:
        keys = self._keys()
        return exec_arguments(keys["Exec"]) if keys and "Exec" in keys else None

    def enable(self, command: Sequence[str]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        text = (
            "[Desktop Entry]\n"
            "Type=Application\n"
            "Name=Timo\n"
            "Comment=Time tracker in the tray\n"
            f"Exec={exec_line(command)}\n"
            "Icon=timo\n"
            "Terminal=false\n"
            "X-GNOME-Autostart-enabled=true\n"
        )
        temporary = self.path.with_suffix(".tmp")
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(self.path)  # never a half-written entry

    def disable(self) -> None:
        self.path.unlink(missing_ok=True)

    def _keys(self) -> dict[str, str] | None:
        """The entry's `[Desktop Entry]` keys, None without an entry (or with one that cannot
        be read, which the session cannot start either)."""
        try:
            text = self.path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return None
        keys: dict[str, str] = {}
        group = None
        for line in text.splitlines():
            line = line.strip()
            if line.startswith("["):
                group = line
            elif group == "[Desktop Entry]" and "=" in line and not line.startswith("#"):
                key, value = line.split("=", 1)
                keys.setdefault(key.strip(), value.strip())
        return keys
