"""Server-rendered pages. Each reads the same functions as the JSON API; scripts
in ``static/`` fetch the API for charts and interactive parts (no inline scripts)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse

from detente.store import EventFilter
from detente.web import queries as q
from detente.web import routes

router = APIRouter(include_in_schema=False)

EVENT_FILTERS = ("dyad", "actor", "source", "target", "country", "since", "until", "cameo", "root", "plover",
                 "quad_class", "dataset", "doc_id")
EVENT_FLAGS = ("directed", "include_negated", "first_reports_only")
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _render(request: Request, name: str, page: str, **ctx: Any):
    ctx.update(page=page, quad_names=QUAD_NAMES)
    return request.app.state.templates.TemplateResponse(request, name, ctx)


def _countries(request: Request) -> list[dict[str, Any]]:
    return routes.api_countries(request)


def _int(value: str | None, default: int, lo: int, hi: int) -> int:
    try:
        return max(lo, min(hi, int(value))) if value else default
    except ValueError:
        return default


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/dyad", status_code=303)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/dyad")
def dyad_page(request: Request):
    p = request.query_params
    form = {"a": (p.get("a") or "").upper()[:15], "b": (p.get("b") or "").upper()[:15],
            "freq": p.get("freq") if p.get("freq") in ("D", "W", "M", "Q", "Y") else "M",
            "since": (p.get("since") or "")[:10], "until": (p.get("until") or "")[:10],
            "directed": p.get("directed") in ("1", "true", "on")}
    return _render(request, "dyad.html", "dyad", form=form, countries=_countries(request))


@router.get("/network")
def network_page(request: Request):
    p = request.query_params
    form = {"countries": (p.get("countries") or "").upper()[:330], "since": (p.get("since") or "")[:10],
            "until": (p.get("until") or "")[:10]}
    return _render(request, "network.html", "network", form=form, countries=_countries(request))


@router.get("/events")
def events_page(request: Request):
    p = request.query_params
    form = {k: (p.get(k) or "").strip()[:200] for k in EVENT_FILTERS}
    flags = {k: p.get(k) in ("1", "true", "on") for k in EVENT_FLAGS}
    page = _int(p.get("page"), 1, 1, 1_000_000)
    per_page = _int(p.get("per_page"), 50, 1, q.MAX_PER_PAGE)
    filt = EventFilter.build(**{k: v for k, v in form.items() if v}, **flags)
    total, df = routes.events_page(request, filt, page=page, per_page=per_page)
    pages = max(1, -(-total // per_page))
    base = {**{k: v for k, v in form.items() if v}, **{k: "1" for k, v in flags.items() if v}}

    def link(n: int) -> str:
        return "/events?" + urlencode({**base, "page": n, "per_page": per_page})

    return _render(request, "events.html", "events", form=form, flags=flags, events=q.records(df), total=total,
                   page_no=page,
                   pages=pages, per_page=per_page, prev_link=link(page - 1) if page > 1 else None,
                   next_link=link(page + 1) if page < pages else None)


@router.get("/events/{event_id}")
def event_page(request: Request, event_id: str):
    detail = routes.event_detail(request, event_id[:64])
    return _render(request, "event.html", "events", **detail)


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: str):
    detail = routes.document_detail(request, doc_id[:300])
    return _render(request, "document.html", "events", **detail)


@router.get("/code")
def code_page(request: Request):
    return _render(request, "code.html", "code", max_mb=request.app.state.max_body / 1024 / 1024)


@router.get("/brief/download")
def brief_download(request: Request) -> RedirectResponse:
    """The brief form's target: drop the empty fields, then hand over to the API."""
    keep = {k: v for k, v in request.query_params.items()
            if k in ("a", "b", "since", "until", "freq", "format") and v.strip()}
    return RedirectResponse("/api/brief?" + urlencode(keep), status_code=303)


@router.get("/brief")
def brief_page(request: Request):
    p = request.query_params
    form = {"a": (p.get("a") or "").upper()[:15], "b": (p.get("b") or "").upper()[:15],
            "since": (p.get("since") or "")[:10], "until": (p.get("until") or "")[:10]}
    available = routes.analysis_function("detente.report.brief", "build_brief") is not None
    return _render(request, "brief.html", "brief", form=form, available=available, countries=_countries(request))
