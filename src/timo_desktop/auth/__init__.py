"""Signing in to Vmoox and keeping the credentials safe.

`service` is the entry point for the app and the CLI: sign in with a
personal access token or through the browser, find the current session,
sign out. Only the refresh token (or personal access token) is stored, in
the OS keyring; access tokens live in memory. This package imports nothing
heavy at import time.
"""

import sys

# Where the desktop app reaches the OS keyring through short-lived `timo keyring`
# processes (`credentials.ApartKeyringStore`): not where the OS binds keychain items to
# the app itself (macOS) or the keyring client is light (Windows).
KEYRING_APART = sys.platform not in ("darwin", "win32")
