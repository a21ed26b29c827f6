"""macOS: sleep and wake from NSWorkspace, screen lock from distributed notifications.

Plain ctypes on the Objective-C runtime (no PyObjC): a tiny NSObject subclass
whose `timoPowerEvent:` method is a Python callback, registered with the
workspace and distributed notification centers. Notifications arrive on the
main run loop, which Qt runs. Not exercised on Linux; CI runs it on macOS.
"""

from __future__ import annotations

import ctypes
import ctypes.util
from datetime import UTC, datetime
from typing import Any

from timo_desktop.platform.power import OnEvent, PowerEvent, PowerEventKind

NOTIFICATIONS = {
    "NSWorkspaceWillSleepNotification": (False, PowerEventKind.SUSPEND),
    "NSWorkspaceDidWakeNotification": (False, PowerEventKind.RESUME),
    "com.apple.screenIsLocked": (True, PowerEventKind.LOCK),
    "com.apple.screenIsUnlocked": (True, PowerEventKind.UNLOCK),
}
DELIVER_IMMEDIATELY = 4  # NSNotificationSuspensionBehaviorDeliverImmediately
_IMP = ctypes.CFUNCTYPE(None, ctypes.c_void_p, ctypes.c_void_p, ctypes.c_void_p)


class WorkspaceObserver:
    """Reports sleep, wake, lock and unlock until `stop()`."""

    name = "macos"

    def __init__(self, on_event: OnEvent) -> None:
        self._objc = objc = ctypes.CDLL(ctypes.util.find_library("objc"))
        ctypes.CDLL("/System/Library/Frameworks/AppKit.framework/AppKit")  # NSWorkspace
        objc.objc_getClass.restype = ctypes.c_void_p
        objc.objc_getClass.argtypes = (ctypes.c_char_p,)
        objc.sel_registerName.restype = ctypes.c_void_p
        objc.sel_registerName.argtypes = (ctypes.c_char_p,)
        objc.objc_allocateClassPair.restype = ctypes.c_void_p
        objc.objc_allocateClassPair.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t)
        objc.class_addMethod.argtypes = (ctypes.c_void_p, ctypes.c_void_p, _IMP, ctypes.c_char_p)
        objc.objc_registerClassPair.argtypes = (ctypes.c_void_p,)

        def handle(_self: int, _cmd: int, notification: int) -> None:
            name = self._send(
                ctypes.c_char_p, self._send(ctypes.c_void_p, notification, "name"), "UTF8String"
            )
            entry = NOTIFICATIONS.get(name.decode() if name else "")
            if entry is not None:
                on_event(PowerEvent(entry[1], datetime.now(UTC)))

        self._imp = _IMP(handle)  # kept alive as long as the observer
        # A class of its own per observer: a second observer would find the name taken (Nil
        # back, and a crash), and the first class's method calls the first's handler.
        named = f"TimoPowerObserver{id(self):x}".encode()
        cls = objc.objc_allocateClassPair(objc.objc_getClass(b"NSObject"), named, 0)
        objc.class_addMethod(cls, self._sel("timoPowerEvent:"), self._imp, b"v@:@")
        objc.objc_registerClassPair(cls)
        self._observer = self._send(
            ctypes.c_void_p, self._send(ctypes.c_void_p, cls, "alloc"), "init"
        )
        workspace = self._send(ctypes.c_void_p, self._class("NSWorkspace"), "sharedWorkspace")
        self._centers = (
            self._send(ctypes.c_void_p, workspace, "notificationCenter"),
            self._send(
                ctypes.c_void_p, self._class("NSDistributedNotificationCenter"), "defaultCenter"
            ),
        )
        for name, (distributed, _kind) in NOTIFICATIONS.items():
            string = self._send(
                ctypes.c_void_p, self._class("NSString"), "stringWithUTF8String:", name.encode()
            )
            observe = [self._observer, self._sel("timoPowerEvent:"), string, None]
            if distributed:
                # AppKit holds distributed notifications back while the app is not the
                # active one, which a menu-bar app almost never is: lock and unlock came
                # when the window was next opened, stamped then.
                observe.append(DELIVER_IMMEDIATELY)
            self._send(
                None,
                self._centers[distributed],
                "addObserver:selector:name:object:"
                + ("suspensionBehavior:" if distributed else ""),
                *observe,
            )

    def stop(self) -> None:
        """Remove the observer from both notification centers."""
        for center in self._centers:
            self._send(None, center, "removeObserver:", self._observer)

    def _class(self, name: str) -> int:
        found: int = self._objc.objc_getClass(name.encode())
        return found

    def _sel(self, name: str) -> int:
        found: int = self._objc.sel_registerName(name.encode())
        return found

    def _send(self, restype: Any, receiver: int, selector: str, *args: Any) -> Any:
        send = self._objc.objc_msgSend
        send.restype = restype
        send.argtypes = [ctypes.c_void_p, ctypes.c_void_p] + [
            ctypes.c_char_p if isinstance(arg, bytes) else ctypes.c_void_p for arg in args
        ]
        return send(receiver, self._sel(selector), *args)
