"""`timo doctor`'s notifications check: how the not-tracking reminder asks here."""

from __future__ import annotations

from timo_desktop.platform.notify import Unsupported, detect


def notify_report() -> dict[str, object]:
    """`{"backend": name, "buttons": bool}`, plus `"reason"` when the OS offers no buttons."""
    notifier = detect(lambda _key: None)
    if isinstance(notifier, Unsupported):
        return {"backend": notifier.name, "buttons": False, "reason": notifier.reason}
    try:
        return {"backend": notifier.name, "buttons": True}
    finally:
        notifier.close()


def describe_notify(report: dict[str, object]) -> tuple[bool, str]:
    """How reminders ask (no buttons is reported, not a failure: the tray asks instead)."""
    if "reason" in report:
        return True, f"{report['reason']}; the tray's message asks instead"
    return True, f"{report['backend']}: Start and Snooze as buttons"
