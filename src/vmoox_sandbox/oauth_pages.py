"""The sign-in and consent pages: plain HTML forms a person or a headless browser can submit."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape

_STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:26rem;margin:4rem auto;padding:0 1rem}"
    "label,input,button{display:block;width:100%;margin:.4rem 0;font-size:1rem}"
    "input{padding:.4rem}button{padding:.6rem;cursor:pointer}.error{color:#b00020}"
)


def _page(title: str, body: str) -> str:
    return (
        f"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>{escape(title)}</title>"
        f"<style>{_STYLE}</style></head><body><h1>{escape(title)}</h1>{body}</body></html>"
    )


def _hidden(fields: Mapping[str, str | None]) -> str:
    return "".join(
        f"<input type='hidden' name='{escape(k)}' value='{escape(v)}'>"
        for k, v in fields.items()
        if v is not None
    )


def login_page(params: Mapping[str, str | None], error: str | None = None) -> str:
    """Email and password, carrying the authorization request along in hidden fields."""
    message = f"<p class='error' role='alert'>{escape(error)}</p>" if error else ""
    return _page(
        "Sign in to Vmoox",
        f"{message}<form method='post' action='/oauth/login'>{_hidden(params)}"
        "<label for='email'>Email</label>"
        "<input id='email' name='email' type='email' autocomplete='username' required>"
        "<label for='password'>Password</label>"
        "<input id='password' name='password' type='password'"
        " autocomplete='current-password' required>"
        "<button id='sign-in' type='submit'>Sign in</button></form>",
    )


def consent_page(ticket: str, client_name: str, user_name: str, scope: str) -> str:
    """Allow or deny the client access to the account."""
    return _page(
        "Allow access?",
        f"<p><strong>{escape(client_name)}</strong> wants to track time in Vmoox "
        f"as <strong>{escape(user_name)}</strong>.</p><p>Scope: {escape(scope or 'default')}</p>"
        f"<form method='post' action='/oauth/consent'>{_hidden({'ticket': ticket})}"
        "<button id='allow' name='decision' value='allow' type='submit'>Allow</button>"
        "<button id='deny' name='decision' value='deny' type='submit'>Deny</button></form>",
    )


def error_page(message: str) -> str:
    """Shown instead of redirecting when the client or its redirect URI cannot be trusted."""
    return _page("Sign-in problem", f"<p class='error' role='alert'>{escape(message)}</p>")
