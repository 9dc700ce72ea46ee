"""The dashboard application: ``create_app(db_path)`` -> a FastAPI app.

>>> from detente.web import create_app                     # doctest: +SKIP
>>> app = create_app("events.duckdb")                      # doctest: +SKIP
>>> # uvicorn.run(app, host="127.0.0.1", port=8765)

Server-rendered pages (Jinja2, autoescaped) with a little JavaScript from
``static/``; charts with Vega-Lite from ``static/vendor/`` (no CDN). The JSON
API behind the pages lives in ``detente.web.routes``; security in
``detente.web.security``; the store and coder holders in ``detente.web.state``.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from detente.errors import (
    DetenteError,
    InputError,
    ModelNotFound,
    NoSuchActor,
    NotEnoughData,
    StoreError,
    UnknownCode,
)
from detente.web.security import DEFAULT_MAX_BODY, Guard

HERE = Path(__file__).resolve().parent

_STATUS = {InputError: 400, NoSuchActor: 400, UnknownCode: 400, NotEnoughData: 404, StoreError: 503,
           ModelNotFound: 503}


def _status_for(exc: DetenteError) -> int:
    for cls, status in _STATUS.items():
        if isinstance(exc, cls):
            return status
    return 500


def create_app(db_path: str | os.PathLike[str] | None = None, *, token: str | None = None, coder: Any = None,
               coder_factory: Callable[[], Any] | None = None, read_only: bool = True,
               max_body: int = DEFAULT_MAX_BODY) -> FastAPI:
    """Build the dashboard over the store at ``db_path``.

    ``token``: required on every request when set (always set it off loopback).
    ``coder``: an object with ``.code(text, date=None, doc_id=None) -> list[Event]``;
    by default ``detente.coder.Coder()`` is built on the first coding request.
    ``read_only``: the store is opened read-only; only the save action writes,
    through a short-lived writable connection. ``max_body``: request size limit in bytes.
    """
    from jinja2 import Environment, FileSystemLoader, select_autoescape
    from starlette.templating import Jinja2Templates

    from detente import __version__
    from detente.web import pages, routes
    from detente.web.state import LRU, CoderHolder, StoreHolder

    app = FastAPI(
        title="detente dashboard API",
        version=__version__,
        description="The JSON API behind the detente dashboard: dyad series, events, documents, "
                    "signed networks, text coding, briefs.",
        docs_url=None,  # Swagger UI loads scripts from a CDN, which the CSP forbids; /openapi.json stays
        redoc_url=None,
        lifespan=_lifespan,
    )
    app.state.store = StoreHolder(db_path if db_path is not None else _default_path(), read_only=read_only)
    app.state.coder = CoderHolder(coder, coder_factory)
    app.state.cache = LRU(512)
    app.state.max_body = max_body
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")), autoescape=select_autoescape(default=True),
                      trim_blocks=True, lstrip_blocks=True)
    app.state.templates = Jinja2Templates(env=env)

    app.include_router(routes.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    @app.exception_handler(DetenteError)
    async def _detente_error(request: Request, exc: DetenteError) -> Any:
        return _error(request, _status_for(exc), exc.message, exc.hint)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Any:
        return _error(request, exc.status_code, str(exc.detail), None)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Any:
        parts = []
        for err in exc.errors():
            where = ".".join(str(x) for x in err.get("loc", ()) if x not in ("query", "body", "path"))
            parts.append(f"{where}: {err.get('msg')}" if where else str(err.get("msg")))
        return _error(request, 422, "; ".join(parts) or "invalid request", "see /openapi.json for the parameters")

    # Guard wraps everything (static files and errors included).
    app.add_middleware(Guard, token=token, max_body=max_body)
    return app


@contextlib.asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    app.state.store.close()


def _default_path() -> Path:
    from detente import config

    return config.resolve_db_path(None)


def _error(request: Request, status: int, message: str, hint: str | None) -> Any:
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": message, "hint": hint, "status": status}, status_code=status)
    templates = request.app.state.templates
    return templates.TemplateResponse(request, "error.html", {"status": status, "message": message, "hint": hint,
                                                              "page": None}, status_code=status)


__all__ = ["HTMLResponse", "create_app"]
