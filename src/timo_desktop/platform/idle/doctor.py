"""`timo doctor`'s idle check: which backend answers here and what it reads now."""

from __future__ import annotations

from timo_desktop.platform.idle import IdleUnavailable, Unsupported, detect


def idle_report() -> dict[str, object]:
    """`{"backend": name, "seconds": float | None}`, plus `"reason"` when there is no reading."""
    source = detect()
    if isinstance(source, Unsupported):
        return {"backend": source.name, "seconds": None, "reason": source.reason}
    try:
        seconds = source.seconds_since_input()
    except IdleUnavailable as exc:
        return {"backend": source.name, "seconds": None, "reason": str(exc)}
    finally:
        close = getattr(source, "close", None)
        if close is not None:
            close()
    return {"backend": source.name, "seconds": round(seconds, 3)}


def describe_idle(report: dict[str, object]) -> tuple[bool, str]:
    """How Timo sees time away from the keyboard (unsupported is reported, not guessed)."""
    if report["seconds"] is None:
        return True, f"{report['backend']}: {report['reason']}"
    return True, f"{report['backend']}: {report['seconds']} s since the last input"
