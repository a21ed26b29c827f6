"""Start ``vmoox-sandbox`` as a child process and wait until it is ready (tests, benchmarks)."""

from __future__ import annotations

import ctypes
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

START_TIMEOUT_SECONDS = 30.0
_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    """In the child, on Linux: killed when the process that started it dies, so a test
    worker or benchmark that crashes leaves no server behind."""
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


class SandboxServer:
    """A running ``vmoox-sandbox`` process on a free loopback port."""

    def __init__(self, process: subprocess.Popen[bytes], base_url: str, token: str, log: Path):
        self.process = process
        self.base_url = base_url
        self.token = token
        self.log = log

    @classmethod
    def start(cls, *args: str, seed: str = "demo") -> SandboxServer:
        """Start ``vmoox-sandbox --port 0 ARGS`` and wait for its ``token:`` line."""
        log = Path(tempfile.mkstemp(prefix="vmoox-sandbox-", suffix=".log")[1])
        command = [sys.executable, "-m", "vmoox_sandbox", "--port", "0", "--seed", seed, *args]
        with log.open("wb") as out:
            process = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                preexec_fn=_die_with_parent if sys.platform.startswith("linux") else None,
            )
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while time.monotonic() < deadline and process.poll() is None:
            announced = dict(
                line.split(": ", 1)
                for line in log.read_text(encoding="utf-8", errors="replace").splitlines()
                if line.startswith(("base_url: ", "token: "))
            )
            if len(announced) == 2:
                return cls(process, announced["base_url"].strip(), announced["token"].strip(), log)
            time.sleep(0.05)
        process.kill()
        process.wait()
        raise RuntimeError(f"vmoox-sandbox did not start:\n{log.read_text(errors='replace')}")

    @classmethod
    def start_https(cls, folder: Path, *args: str) -> tuple[SandboxServer, Path]:
        """Start the sandbox serving HTTPS for 127.0.0.1 with a certificate from a new test
        authority (trustme, a development tool); returns it and the authority's PEM file,
        which a client must trust for the connection to be accepted."""
        import trustme

        folder.mkdir(parents=True, exist_ok=True)
        authority = trustme.CA(organization_name="vmoox-sandbox test authority")
        issued = authority.issue_cert("127.0.0.1", "localhost")
        chain, key, trusted = folder / "chain.pem", folder / "key.pem", folder / "authority.pem"
        issued.private_key_pem.write_to_path(str(key))
        for number, blob in enumerate(issued.cert_chain_pems):
            blob.write_to_path(str(chain), append=bool(number))
        authority.cert_pem.write_to_path(str(trusted))
        return cls.start("--tls-cert", str(chain), "--tls-key", str(key), *args), trusted

    def stop(self) -> int:
        """SIGTERM, wait, and only then kill; returns the exit status."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.unlink(missing_ok=True)
        return self.process.returncode
