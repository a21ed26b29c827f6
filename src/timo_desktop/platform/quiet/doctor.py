"""`timo doctor`'s quiet check: what tells Timo to hold reminders here, and what it says now."""

from __future__ import annotations

from timo_desktop.platform.quiet import Unsupported, close, detect


def quiet_report() -> dict[str, object]:
    """`{"backend": name, "quiet": bool}`, plus `"reason"` when the OS cannot tell."""
    source = detect()
    if isinstance(source, Unsupported):
        return {"backend": source.name, "quiet": False, "reason": source.reason}
    try:
        return {"backend": source.name, "quiet": source.is_quiet()}
    finally:
        close(source)


def describe_quiet(report: dict[str, object]) -> tuple[bool, str]:
    """Whether reminders wait now (an OS that cannot tell is reported, not a failure)."""
    if "reason" in report:
        return True, f"{report['backend']}: {report['reason']}"
    now = "reminders wait" if report["quiet"] else "reminders may show"
    return True, f"{report['backend']}: {now}"
