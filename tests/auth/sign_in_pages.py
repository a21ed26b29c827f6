"""Submitting the sandbox's sign-in and consent pages as a browser would (plain
HTTP form posts), for tests that need a signed-in browser flow without a browser.
The real headless Chromium drives the same pages in `test_browser_chromium.py`."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urljoin

import httpx

DEMO_EMAIL = "dana@example.com"
DEMO_PASSWORD = "demo"


class _Forms(HTMLParser):
    """The forms of a page: action and the named inputs (hidden values included)."""

    def __init__(self) -> None:
        super().__init__()
        self.forms: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        fields = dict(attrs)
        if tag == "form":
            self.forms.append((fields.get("action") or "", {}))
        elif tag == "input" and self.forms and fields.get("name"):
            self.forms[-1][1][fields["name"] or ""] = fields.get("value") or ""


def submit_like_a_browser(url: str, decision: str = "allow") -> httpx.Response:
    """Open Timo's link to the sign-in page, log in as the demo user, answer the consent,
    and follow the redirect back to the loopback listener."""
    with httpx.Client(timeout=10, follow_redirects=True) as browser:
        page = browser.get(url)
        url = str(page.url)  # the sign-in page the link led to
        forms = _Forms()
        forms.feed(page.text)
        action, fields = forms.forms[0]
        fields |= {"email": DEMO_EMAIL, "password": DEMO_PASSWORD}
        consent = browser.post(urljoin(url, action), data=fields)
        forms = _Forms()
        forms.feed(consent.text)
        action, fields = forms.forms[0]
        answer = browser.post(
            urljoin(url, action), data=fields | {"decision": decision}, follow_redirects=False
        )
        assert answer.is_redirect, answer.text
        return browser.get(answer.headers["location"])
