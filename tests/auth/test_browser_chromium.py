"""The whole browser sign-in with a real headless Chromium: `timo login` opens
the system browser (here `$BROWSER`, which hands the address to Chromium),
a person signs in on the sandbox's page and allows access, the browser lands
on Timo's loopback redirect, and `timo` ends signed in."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.auth.sign_in_pages import DEMO_EMAIL, DEMO_PASSWORD
from tests.support.keyring_file import FileKeyring, use_file_keyring
from tests.support.sandbox import SandboxHandle

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
WAIT_SECONDS = 60

pytestmark = pytest.mark.skipif(
    CHROMIUM is None or CHROMEDRIVER is None,
    reason="needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)",
)


@pytest.fixture
def chromium(tmp_path: Path) -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM or ""
    for flag in (
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        f"--user-data-dir={tmp_path / 'chromium-profile'}",
    ):
        options.add_argument(flag)
    # An explicit driver path keeps Selenium from looking for a driver download.
    driver = webdriver.Chrome(service=Service(executable_path=CHROMEDRIVER), options=options)
    try:
        yield driver
    finally:
        driver.quit()


def wait_for_file(path: Path, process: subprocess.Popen[str]) -> str:
    """The address `timo login` handed to the browser command."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline and process.poll() is None:
        if path.exists() and path.read_text().strip():
            return path.read_text().strip()
        time.sleep(0.05)
    process.kill()
    raise AssertionError(f"timo login never opened a browser: {process.communicate()}")


def test_timo_login_through_headless_chromium(
    chromium: Any,
    sandbox: SandboxHandle,
    tmp_path: Path,
    timo_home: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions as seen
    from selenium.webdriver.support.ui import WebDriverWait

    keyring_file: FileKeyring = use_file_keyring(monkeypatch, tmp_path / "keyring.json")
    handed_over = tmp_path / "browser-url.txt"
    opener = tmp_path / "open-browser"
    opener.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{handed_over}"\n')
    opener.chmod(0o700)
    env = {**os.environ, "TIMO_HOME": str(timo_home), "BROWSER": f"{opener} %s"}
    login = subprocess.Popen(
        [sys.executable, "-m", "timo_desktop", "login", "--server", sandbox.base_url],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        url = wait_for_file(handed_over, login)
        wait = WebDriverWait(chromium, WAIT_SECONDS)
        chromium.get(url)
        wait.until(seen.presence_of_element_located((By.ID, "email"))).send_keys(DEMO_EMAIL)
        chromium.find_element(By.ID, "password").send_keys(DEMO_PASSWORD)
        chromium.find_element(By.ID, "sign-in").click()
        wait.until(seen.element_to_be_clickable((By.ID, "allow"))).click()
        wait.until(seen.title_is("Timo"))
        landed_on = chromium.current_url
        page = chromium.find_element(By.TAG_NAME, "body").text
        out, err = login.communicate(timeout=WAIT_SECONDS)
    finally:
        if login.poll() is None:
            login.kill()
            login.wait()
    assert landed_on.startswith("http://127.0.0.1:") and "/callback?" in landed_on
    assert "Signed in to Timo" in page
    assert login.returncode == 0, err
    assert "Signed in to" in out and "Dana Demo" in out
    assert url in out  # the address is printed too, for when no browser starts

    who = subprocess.run(
        [sys.executable, "-m", "timo_desktop", "whoami", "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "TIMO_HOME": str(timo_home)},
        timeout=WAIT_SECONDS,
    )
    report = json.loads(who.stdout)
    assert report["user"]["id"] == "usr_1" and report["credential"] == "oauth"
    assert len(keyring_file.secrets()) == 1
