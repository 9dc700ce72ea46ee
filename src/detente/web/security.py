"""What keeps a local dashboard that shows text from anywhere safe.

- Binds 127.0.0.1 by default; any other address needs a token
  (``Authorization: Bearer``, ``?token=`` once, then an HttpOnly cookie).
- Without a token only loopback ``Host`` headers are served (no DNS rebinding).
- A Content-Security-Policy that allows only this server's own scripts and styles.
- Requests that change something must come from this origin (no cross-site posts).
- Request bodies above a size limit get a clear 413, before they are read.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import secrets
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
       "form-action 'self'; frame-ancestors 'none'")

SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
]

COOKIE = "detente_token"
DEFAULT_MAX_BODY = 2 * 1024 * 1024
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1", "[::1]", "testserver"}

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def resolve_token(host: str, token: str | None) -> str | None:
    """The token a server bound to ``host`` must require: the given one, or a new one off loopback."""
    if token:
        return token
    if is_loopback(host):
        return None
    return secrets.token_urlsafe(24)


class _TooLarge(BaseException):  # not Exception: FastAPI would turn it into a 400 while reading the body
    pass


class Guard:
    """ASGI middleware: security headers, token, same-origin writes, body size limit."""

    def __init__(self, app: Any, *, token: str | None = None, max_body: int = DEFAULT_MAX_BODY) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        set_cookie = False

        async def send_secure(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                hs = list(message.get("headers", []))
                hs.extend(SECURITY_HEADERS)
                if set_cookie:
                    hs.append((b"set-cookie", f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode()))
                message = {**message, "headers": hs}
            await send(message)

        if self.token is None:
            host = headers.get("host", "").rsplit(":", 1)[0] if not headers.get("host", "").startswith("[") \
                else headers.get("host", "").split("]")[0] + "]"
            if host and host not in LOOPBACK_HOSTS and not is_loopback(host):
                await _error(send_secure, scope, 421, "this dashboard answers only to 127.0.0.1 / localhost",
                             "start it with --host and --token to reach it from elsewhere")
                return
        elif not _public(scope):
            given = _presented_token(scope, headers)
            if given is None or not hmac.compare_digest(given[0].encode(), self.token.encode()):
                await _error(send_secure, scope, 401, "a token is needed",
                             "open the URL printed by `detente serve` (it ends with ?token=...), "
                             "or send Authorization: Bearer TOKEN")
                return
            set_cookie = given[1] == "query"
            if set_cookie and scope["method"] == "GET" and not scope.get("path", "").startswith("/api/"):
                # Keep the token out of the address bar and history: set the cookie, drop it from the URL.
                await _redirect_without_token(send_secure, scope)
                return

        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            origin = headers.get("origin")
            if origin and origin != "null":
                if urlsplit(origin).netloc != headers.get("host", ""):
                    await _error(send_secure, scope, 403, "cross-site request refused",
                                 "use the dashboard's own pages to change the store")
                    return
            elif origin == "null":
                await _error(send_secure, scope, 403, "cross-site request refused", None)
                return

        length = headers.get("content-length")
        if length is not None and length.isdigit() and int(length) > self.max_body:
            await _error(send_secure, scope, 413, _too_large_message(self.max_body),
                         "send a shorter text, or split the file")
            return

        received = 0

        async def receive_limited() -> dict[str, Any]:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    raise _TooLarge()
            return message

        started = False

        async def send_tracking(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send_secure(message)

        try:
            await self.app(scope, receive_limited, send_tracking)
        except _TooLarge:
            if not started:
                await _error(send_secure, scope, 413, _too_large_message(self.max_body),
                             "send a shorter text, or split the file")


async def _redirect_without_token(send: Send, scope: Scope) -> None:
    from urllib.parse import urlencode

    pairs = [(k, v) for k, vs in parse_qs(scope.get("query_string", b"").decode("latin-1"),
                                          keep_blank_values=True).items() if k != "token" for v in vs]
    location = scope.get("path", "/") + ("?" + urlencode(pairs) if pairs else "")
    await send({"type": "http.response.start", "status": 303,
                "headers": [(b"location", location.encode("latin-1")), (b"content-length", b"0")]})
    await send({"type": "http.response.body", "body": b""})


def _public(scope: Scope) -> bool:
    """The package's own CSS/JS/icons carry no data: served without the token (the 401 page uses them)."""
    path = scope.get("path", "")
    return scope["method"] in ("GET", "HEAD") and (path.startswith("/static/") or path == "/favicon.ico")


def _too_large_message(limit: int) -> str:
    return f"the request is larger than the limit of {limit / 1024 / 1024:.1f} MB"


def _presented_token(scope: Scope, headers: dict[str, str]) -> tuple[str, str] | None:
    auth = headers.get("authorization", "")
    if auth.lower().startswith("bearer "):
        return auth[7:].strip(), "header"
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    if query.get("token"):
        return query["token"][0], "query"
    for part in headers.get("cookie", "").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE and value:
            return value, "cookie"
    return None


def wants_html(scope: Scope) -> bool:
    path = scope.get("path", "")
    if path.startswith("/api/") or path == "/openapi.json":
        return False
    accept = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}.get("accept", "")
    return "text/html" in accept


async def _error(send: Send, scope: Scope, status: int, message: str, hint: str | None) -> None:
    if wants_html(scope):
        from markupsafe import escape

        body = (f"<!doctype html><html><head><meta charset='utf-8'><title>{status}</title>"
                f"<link rel='stylesheet' href='/static/app.css'></head><body><main class='error-page'>"
                f"<h1>{status}</h1><p class='error'>{escape(message)}</p>"
                f"{'<p>' + str(escape(hint)) + '</p>' if hint else ''}</main></body></html>").encode()
        ctype = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": message, "hint": hint, "status": status}).encode()
        ctype = b"application/json"
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
