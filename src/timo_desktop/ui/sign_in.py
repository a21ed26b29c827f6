"""Sign in to Vmoox in the browser (PKCE) or with a personal access token; progress, cancel."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from timo_desktop.auth.errors import KeyringUnavailable, SignInCancelled, TokenRefused
from timo_desktop.core.errors import sentence
from timo_desktop.paths import Paths
from timo_desktop.ui.fit import grow_to_fit
from timo_desktop.ui.off_thread import run_off_thread
from timo_desktop.ui.plain import PlainLabel

if TYPE_CHECKING:
    from timo_desktop.auth.credentials import CredentialStore, StoreKind
    from timo_desktop.auth.session import AuthSession


class SignInDialog(QDialog):
    """Asks for the server and a way to sign in; runs the sign-in off the GUI thread."""

    signed_in = Signal(object)  # AuthSession
    # From the sign-in's thread: the attempt, the browser sign-in's address, whether a
    # browser was started with it.
    _address_ready = Signal(int, str, bool)

    def __init__(self, paths: Paths, server_url: str, parent: QWidget | None = None) -> None:
        from timo_desktop.auth.service import last_store

        super().__init__(parent)
        self.setWindowTitle("Sign in to Vmoox")
        self.setMinimumWidth(440)
        self._paths = paths
        self._attempt = 0  # results of a cancelled attempt are ignored
        self._browser: Any = None  # the BrowserSignIn in progress, to cancel it
        self._guard: _UnlessCancelled | None = None  # the store of the attempt in progress

        self.server = QLineEdit(server_url, placeholderText="https://vmoox.example.com")
        self.server.setAccessibleName("Server address")
        self.token = QLineEdit(placeholderText="Personal access token")
        self.token.setEchoMode(QLineEdit.EchoMode.Password)
        self.token.setAccessibleName("Personal access token")
        self.browser_button = QPushButton("Sign in with the &browser")
        self.browser_button.setAccessibleName("Sign in with the browser")
        self.token_button = QPushButton("Sign in with token")
        self.token_button.setAccessibleName("Sign in with the personal access token")
        # Enter signs in the way the form is filled: with the token once one is pasted,
        # else with the browser (the way offered first; Enter said "paste a token first").
        self.browser_button.setDefault(True)
        self.token.textChanged.connect(
            lambda text: (self.token_button if text.strip() else self.browser_button).setDefault(
                True
            )
        )
        self.browser_button.clicked.connect(self.sign_in_with_browser)
        self.token_button.clicked.connect(self.sign_in_with_token)

        self.keyring_note = PlainLabel()
        self.keyring_note.setWordWrap(True)
        self.keyring_note.set_about("Keyring problem")
        self.keep_session = QRadioButton("Stay signed in only until Timo quits")
        self.keep_file = QRadioButton("Keep the sign-in in a file only you can read")
        # Where the last sign-in here was kept, chosen again; until Timo quits before any.
        (self.keep_file if last_store(paths) == "file" else self.keep_session).setChecked(True)
        self._storage = QButtonGroup(self)
        self._storage.addButton(self.keep_session)
        self._storage.addButton(self.keep_file)
        self.keyring_box = QWidget()
        box = QVBoxLayout(self.keyring_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.keyring_note)
        box.addWidget(self.keep_session)
        box.addWidget(self.keep_file)
        self.keyring_box.hide()  # until the keyring is found wanting

        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy: we cannot know how long the server takes
        self.progress.setAccessibleName("Signing in")
        self.status = PlainLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.set_about("Sign-in status")
        # The browser sign-in's address, to open by hand should no browser come up.
        self.address = QLineEdit(readOnly=True)
        self.address.setAccessibleName("Sign-in address")
        self.copy_button = QPushButton("&Copy the address")
        self.copy_button.clicked.connect(self._copy_address)
        self.address_row = QWidget()
        row = QHBoxLayout(self.address_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.address, 1)
        row.addWidget(self.copy_button)
        self.address_row.hide()
        self._address_ready.connect(self._show_address)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.rejected.connect(self.cancel)

        form = QFormLayout()  # Alt+S and Alt+T go to the fields
        form.addRow("&Server", self.server)
        form.addRow("", self.browser_button)
        form.addRow("&Token", self.token)
        form.addRow("", self.token_button)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.keyring_box)
        layout.addWidget(self.progress)
        layout.addWidget(self.status)
        layout.addWidget(self.address_row)
        layout.addWidget(self.buttons)
        self._busy(False)
        self._check_keyring()

    # Where the secret goes -------------------------------------------------------------
    def _check_keyring(self) -> None:
        """Ask off the GUI thread: choosing a keyring backend (or, on Linux, a `timo
        keyring` process) takes a few hundred milliseconds the dialog need not wait."""
        from timo_desktop.auth.credentials import keyring_problem

        run_off_thread(self, keyring_problem, self._show_keyring_problem, name="timo-keyring")

    def _show_keyring_problem(self, problem: str | None, error: BaseException | None) -> None:
        if error is not None:
            problem = f"the keyring could not be asked ({_plain(error)})"
        self.keyring_box.setVisible(problem is not None)
        if problem is not None:
            self.keyring_note.setText(
                f"Timo cannot keep your sign-in safely: {problem}. Choose how to stay signed in."
            )
        grow_to_fit(self)

    def _store(self) -> CredentialStore:
        from timo_desktop.auth.service import open_store

        kind: StoreKind = "keyring"
        if self.keyring_box.isVisible():
            kind = "file" if self.keep_file.isChecked() else "session"
        return open_store(kind, self._paths, warn=lambda _text: None)

    # Signing in ------------------------------------------------------------------------
    def sign_in_with_token(self) -> None:
        token = self.token.text().strip()
        if not token:
            self._say("Paste a personal access token from your Vmoox profile first.")
            self.token.setFocus()
            return
        server = self.server.text().strip()

        def work(store: CredentialStore) -> AuthSession:
            from timo_desktop.auth.service import sign_in_with_token

            return sign_in_with_token(server, token, store, self._paths)

        self._run("Checking the token with the server…", work)

    def sign_in_with_browser(self) -> None:
        server = self.server.text().strip()
        attempt = self._attempt + 1  # the one `_run` starts

        def work(store: CredentialStore) -> AuthSession:
            from timo_desktop.auth.browser import BrowserSignIn

            with BrowserSignIn(server) as flow:
                if attempt != self._attempt:  # cancelled while the server was asked
                    raise SignInCancelled("sign-in cancelled")
                self._browser = flow
                self._address_ready.emit(attempt, flow.url, flow.open_browser())
                return flow.finish(store, self._paths)

        self._run("Waiting for you to sign in in the browser…", work)

    def _show_address(self, attempt: int, url: str, opened: bool) -> None:
        """The address beside the wait: a browser that did not come up (or closed at once,
        which Timo cannot tell) leaves nothing else to sign in with."""
        if attempt != self._attempt or self.progress.isHidden():
            return
        self.address.setText(url)
        self.address.setCursorPosition(0)
        self.address_row.show()
        # The address works once (`auth.loopback`): opened a second time it ends the
        # sign-in, so a tab the browser did open is the one to use.
        self._say(
            "Waiting for you to sign in in the browser. If no tab opened, open this address"
            " in one (it works once):"
            if opened
            else "Timo could not start a browser. To sign in, open this address in one"
            " (it works once):"
        )

    def _copy_address(self) -> None:
        QApplication.clipboard().setText(self.address.text())
        self.copy_button.setText("&Copied")

    def cancel(self) -> None:
        """Cancel a sign-in in progress, or close the dialog when none is."""
        if self.progress.isHidden():
            self.reject()
            return
        if self._stop_attempt():
            self._busy(False)
            self._say("Sign-in cancelled.")
        else:
            self._say("Too late to cancel: the sign-in is being saved.")

    def reject(self) -> None:
        """Esc, the window closed, or Cancel with nothing in progress: a sign-in in progress
        ends too (it went on, and a sign-in made in the browser later was kept), unless it
        is being saved, which finishes and is announced as ever."""
        self._stop_attempt()
        super().reject()

    def _stop_attempt(self) -> bool:
        """End the sign-in in progress: its thread keeps nothing (`_UnlessCancelled`),
        opens no browser, and stops waiting for one. False when it is past that: saving
        (the person before signed out, their copies removed), which goes on to the end."""
        if self._guard is not None and not self._guard.stop():
            return False
        self._guard = None
        self._attempt += 1
        if self._browser is not None:
            self._browser.cancel()
            self._browser = None
        return True

    def _run(self, message: str, work: Callable[[CredentialStore], AuthSession]) -> None:
        if not self.server.text().strip():
            self._say("Enter the address of your Vmoox server.")
            self.server.setFocus()
            return
        try:
            store = self._store()
        except Exception as exc:  # the keyring went away between opening and now
            self._say(str(exc))
            self._check_keyring()
            return
        self._attempt += 1
        attempt = self._attempt
        self._busy(True)
        self._say(message)
        store = self._guard = _UnlessCancelled(store)

        def finished(session: AuthSession | None, error: BaseException | None) -> None:
            if attempt != self._attempt:  # cancelled, or another attempt since
                return
            self._browser = None
            self._guard = None  # done: a session made keeps what it must from now on
            if error is not None:
                self._busy(False)
                self._say(_plain(error))
                if isinstance(error, KeyringUnavailable):
                    # There, but refusing (locked, its prompt dismissed): the other ways to
                    # stay signed in, offered as where there is none (the sentence's
                    # "--allow-file-store" is the command line's way).
                    self._say(sentence(f"Timo could not keep the sign-in: {error.reason}."))
                    self._show_keyring_problem(error.reason, None)
                # Back to the field to fix: the token, or else the address.
                (self.token if isinstance(error, TokenRefused) else self.server).setFocus()
            elif session is not None:
                self._on_done(session)

        run_off_thread(self, lambda: work(store), finished, name="timo-sign-in")

    def _on_done(self, session: AuthSession) -> None:
        self._busy(False)
        self.token.clear()
        account = session.account
        self._say(f"Signed in as {account.user_name or account.email or account.user_id}.")
        self.signed_in.emit(session)
        self.accept()

    def _say(self, text: str) -> None:
        self.status.setText(text)
        grow_to_fit(self)

    def _busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.address_row.hide()  # shown again by the next browser sign-in, for its address
        self.copy_button.setText("&Copy the address")
        for widget in (self.server, self.token, self.browser_button, self.token_button):
            widget.setEnabled(not busy)


def _plain(error: BaseException) -> str:
    """One sentence for the dialog: the error's own words, never a traceback."""
    return sentence(str(error).strip() or type(error).__name__)


def sign_out_in_background(paths: Paths, done: Callable[[str], None], parent: QObject) -> None:
    """Revoke and forget the sign-in off the GUI thread; `done(message)` runs in the GUI
    thread while `parent` exists."""

    def work() -> str:
        from timo_desktop.auth.service import sign_out, stored_session

        session = stored_session(paths, warn=lambda _text: None)
        if session is None:
            return "Signed out."
        revoked = sign_out(session, paths)
        if session.left_in_keyring:  # as `timo logout` says it
            return sentence(
                f"Signed out here; the keyring could not be changed ({session.left_in_keyring}),"
                " so the sign-in stays in it, unused, until it is removed there."
            )
        return "Signed out." if revoked else "Signed out here; the server could not be told."

    def finished(said: str | None, error: BaseException | None) -> None:
        # The local sign-in is what matters; an error says what happened.
        done(_plain(error) if error is not None else said or "Signed out.")

    run_off_thread(parent, work, finished, name="timo-sign-out")


class _UnlessCancelled:
    """A sign-in's credential store that keeps nothing once that sign-in is cancelled: its
    thread, finishing after Cancel (a token checked, the browser come back), changes
    nothing. The secret is the first thing a sign-in keeps (`remember_sign_in`): from
    then on it cannot be cancelled."""

    def __init__(self, store: CredentialStore) -> None:
        self._store = store
        self.kind = store.kind
        self._lock = threading.Lock()
        self._stopped = False
        self._saving = False

    def stop(self) -> bool:
        """Keep nothing from now on; False when saving has begun already."""
        with self._lock:
            if self._saving:
                return False
            self._stopped = True
            return True

    def save(self, key: str, secret: str) -> None:
        """Keep `secret`, unless the sign-in was cancelled."""
        with self._lock:
            if self._stopped:
                raise SignInCancelled("sign-in cancelled")
            self._saving = True
        self._store.save(key, secret)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)
