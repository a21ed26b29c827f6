"""`timo` processes started from a warmed-up interpreter, for the command-line tests.

Each `timo` a test runs is still a process of its own, with the test's environment,
folder, standard streams and exit code; it is forked from a server that has already
imported Python's and Timo's heavy modules (httpx, pydantic, the sync engine...), so it
skips the ~0.1–0.5 s of imports a new interpreter spends before the command starts.
What those imports cost is measured elsewhere (`benchmarks/bench_cli.py`,
`tests/cli/test_quick_commands_load_little.py`, which start real interpreters).

The server runs apart from pytest (no threads of pytest's or the sandbox's are ever
forked). For each command it forks a waiter, which forks the command and reports how it
ended, so commands run side by side as real processes do. A command whose environment
changes how Python itself starts (`PYTHON*`, the locale) or that needs more than
pipes, `input=` and `cwd=` is started as a new interpreter; so is every command with
TIMO_TESTS_COLD=1 set.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import locale
import os
import runpy
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

# What a new interpreter would read before any command runs: left to one when they differ.
_STARTUP = ("PYTHON", "LANG", "LC_")
_NOT_STARTUP = {"PYTHON_KEYRING_BACKEND", "PYTHONPATH"}  # keyring's own; compared apart
REPOSITORY = Path(__file__).resolve().parents[2]  # on the server's path: it runs from here
_PRELOAD = (
    "timo_desktop.cli",
    "timo_desktop.sync.engine",
    "timo_desktop.sync.factory",
    "timo_desktop.vmoox.client",
    "timo_desktop.settings",
    "timo_desktop.core.reports",
    "timo_desktop.store.reports",
)


def _serve(path: str) -> None:
    """The server: import, listen on `path`, and fork a waiter for each command."""
    import importlib

    for name in _PRELOAD:
        importlib.import_module(name)
    from timo_desktop.cli import COMMAND_MODULES

    for name in COMMAND_MODULES:
        importlib.import_module(f"timo_desktop.cli.{name}")
    gc.freeze()  # shared with every command as forked, never collected there
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # waiters are reaped by the system
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(16)
    sys.stdout.write("ready\n")
    sys.stdout.flush()
    while True:
        connection, _ = listener.accept()
        if os.fork() == 0:
            listener.close()
            _wait_for_command(connection)  # never returns
        connection.close()


def _wait_for_command(connection: socket.socket) -> None:
    """The waiter: fork the command, say its pid, then how it ended, and exit."""
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
    request = json.loads(message)
    pid = os.fork()
    if pid == 0:
        connection.close()
        _run_command(request, fds)  # never returns
    for fd in fds:
        os.close(fd)
    connection.sendall(f"{pid}\n".encode())
    _, status = os.waitpid(pid, 0)
    connection.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())
    connection.close()
    os._exit(0)


def _run_command(request: dict[str, Any], fds: list[int]) -> None:
    """The command: the test's streams, folder and environment, then `python -m timo_desktop`
    as a new interpreter would run it, and its exit."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    _new_streams()
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    time.tzset()
    sys.argv = ["timo_desktop", *request["args"]]
    try:
        runpy.run_module("timo_desktop", run_name="__main__", alter_sys=True)
        code = 0
    except SystemExit as exit_:
        code = _exit_code(exit_.code)
    except BaseException:
        sys.excepthook(*sys.exc_info())
        code = 1
    # The interpreter's own exit, but for tearing down every module loaded beforehand
    # (a tenth of a second and more): its threads joined, its exit handlers run.
    threading._shutdown()  # type: ignore[attr-defined]
    atexit._run_exitfuncs()
    try:
        sys.stdout.flush()
    except (OSError, ValueError):
        code = code or 120  # as the interpreter ends when its last write fails
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _exit_code(code: object) -> int:
    """The exit status `sys.exit(code)` gives, as the interpreter reads it."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code & 0xFF
    print(code, file=sys.stderr)
    return 1


def _new_streams() -> None:
    """Python's standard streams made anew on the command's descriptors, as a new
    interpreter makes them: the server's knew other files (one a file could seek in)."""
    made = []
    for fd, old in enumerate((sys.stdin, sys.stdout, sys.stderr)):
        interactive = os.isatty(fd)
        made.append(
            open(  # noqa: SIM115 - the interpreter's own streams, open until it exits
                fd,
                "r" if fd == 0 else "w",
                encoding=old.encoding,
                errors=old.errors,
                closefd=False,
                # Python's rule: stderr by lines always, the others when a terminal.
                buffering=1 if interactive or fd == 2 else -1,
            )
        )
    sys.stdin, sys.stdout, sys.stderr = made
    sys.__stdin__, sys.__stdout__, sys.__stderr__ = made


class _Server:
    """This test process's server, started at its first command."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._env: dict[str, str] = {}
        self._path = ""

    def address(self) -> tuple[str, dict[str, str]]:
        with self._lock:
            if self._process is None or self._process.poll() is not None:
                self._start()
            return self._path, self._env

    def _start(self) -> None:
        folder = tempfile.mkdtemp(prefix="timo-warm-")
        self._path = os.path.join(folder, "server")
        self._env = dict(os.environ)
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.support.warm_timo", self._path],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            text=True,
            env=self._env,
            cwd=REPOSITORY,
        )
        assert self._process.stdout is not None
        if self._process.stdout.readline() != "ready\n":
            raise RuntimeError("the warm `timo` server did not start")
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        atexit.register(self._process.kill)


_server = _Server()


def can_run(env: dict[str, str], options: dict[str, Any]) -> bool:
    """Whether a command with this environment and these `subprocess.run` options runs the
    same forked from the server as started anew."""
    if os.environ.get("TIMO_TESTS_COLD") or set(options) - {"input", "cwd"}:
        return False
    _, started_with = _server.address()
    names = {n for n in (*env, *started_with) if n.startswith(_STARTUP)} - _NOT_STARTUP
    if any(env.get(n) != started_with.get(n) for n in names):
        return False
    # The test keyring's folder, added for the command to import it, the server has.
    return set(_entries(env)) <= {*_entries(started_with), str(REPOSITORY)}


def _entries(env: dict[str, str]) -> list[str]:
    return [entry for entry in env.get("PYTHONPATH", "").split(os.pathsep) if entry]


def run(
    command: list[str], args: tuple[str, ...], env: dict[str, str], timeout: float, **options: Any
) -> subprocess.CompletedProcess[str]:
    """`subprocess.run(command, text=True, stdout=PIPE, stderr=PIPE, ...)` for `timo ARGS`,
    forked from the server."""
    path, _ = _server.address()
    given = options.get("input")
    stdin_r, stdin_w = os.pipe() if given is not None else (os.open(os.devnull, os.O_RDONLY), -1)
    out_r, out_w = os.pipe()
    err_r, err_w = os.pipe()
    request = {"args": list(args), "env": env, "cwd": str(options.get("cwd") or os.getcwd())}
    with contextlib.ExitStack() as stack:
        connection = stack.enter_context(socket.socket(socket.AF_UNIX, socket.SOCK_STREAM))
        connection.connect(path)
        socket.send_fds(connection, [json.dumps(request).encode()], [stdin_r, out_w, err_w])
        for fd in (stdin_r, out_w, err_w):
            os.close(fd)
        answers = stack.enter_context(connection.makefile("r", encoding="ascii"))
        pid = int(answers.readline())
        if stdin_w != -1:
            threading.Thread(target=_feed, args=(stdin_w, given), daemon=True).start()
        read = {out_r: b"", err_r: b""}
        readers = [threading.Thread(target=_drain, args=(fd, read)) for fd in read]
        for reader in readers:
            reader.start()
        connection.settimeout(timeout)
        try:
            code = int(answers.readline())
        except TimeoutError:
            os.kill(pid, signal.SIGKILL)
            raise subprocess.TimeoutExpired(command, timeout) from None
        for reader in readers:
            reader.join()
    return subprocess.CompletedProcess(command, code, _text(read[out_r]), _text(read[err_r]))


def _text(output: bytes) -> str:
    """`output` read as `subprocess.run(text=True)` reads it: the locale's encoding, every
    line ending as \\n."""
    text = output.decode(locale.getpreferredencoding(False))
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _feed(fd: int, text: str) -> None:
    encoding = locale.getpreferredencoding(False)
    with contextlib.suppress(BrokenPipeError), open(fd, "w", encoding=encoding) as stream:
        stream.write(text)


def _drain(fd: int, into: dict[int, bytes]) -> None:
    with open(fd, "rb") as stream:
        into[fd] = stream.read()


if __name__ == "__main__":
    _serve(sys.argv[1])
