"""What kind of graphical session Timo runs in (the X11 backends are not asked under Wayland)."""

from __future__ import annotations

from collections.abc import Mapping


def is_wayland(env: Mapping[str, str]) -> bool:
    """True in a Wayland session, where Xwayland sees only X clients' input and windows."""
    return env.get("XDG_SESSION_TYPE") == "wayland" or bool(env.get("WAYLAND_DISPLAY"))
