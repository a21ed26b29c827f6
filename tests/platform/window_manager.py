"""The window manager's part on an Xvfb that runs none: the active window and a window's
state, set with `xprop` as a window manager would set them."""

from __future__ import annotations

from tests.support.desktop import Desktop


def activate(desktop: Desktop, window_id: str) -> None:
    """Name the active window on the root window, as a window manager does."""
    desktop.run(
        "xprop", "-root", "-f", "_NET_ACTIVE_WINDOW", "32x", "-set", "_NET_ACTIVE_WINDOW", window_id
    )


def set_state(desktop: Desktop, window_id: str, atom: str) -> None:
    """Set a window's `_NET_WM_STATE` to `atom`, as a window manager does."""
    desktop.run(
        "xprop", "-id", window_id, "-f", "_NET_WM_STATE", "32a", "-set", "_NET_WM_STATE", atom
    )
