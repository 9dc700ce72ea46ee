"""The JSON API behind every page (documented by ``/openapi.json``).

Handlers are plain ``def``: FastAPI runs them in its thread pool, each with its
own cursor on the store (see ``detente.web.state``). Analytics come from
``detente.analysis`` / ``detente.report``; a panel whose function is not there
says so instead of computing something else.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib
from typing import Annotated, Any, Literal

from fastapi import (
    APIRouter,
    File,
    Form,
    HTTPException,
    Path,
    Query,
    Request,
    UploadFile,
)
from fastapi.responses import Response
from pydantic import BaseModel, Field

from detente.errors import DetenteError, InputError, NotEnoughData
from detente.store import EventFilter
from detente.web import queries as q

router = APIRouter(prefix="/api")

ACTOR = r"^[A-Za-z0-9]{2,15}$"
Actor = Annotated[str, Query(pattern=ACTOR, description="Country or actor-code prefix, e.g. PAK or RUSGOV")]
Freq = Literal["D", "W", "M", "Q", "Y"]
DateQ = Annotated[dt.date | None, Query(description="YYYY-MM-DD")]


def analysis_function(module: str, *names: str) -> Any:
    """The first of ``names`` that ``module`` provides, or None (the panel then says 'not available')."""
    try:
        mod = importlib.import_module(module)
    except ImportError:
        return None
    for name in names:
        fn = getattr(mod, name, None)
        if callable(fn):
            return fn
    return None


def _holder(request: Request):
    return request.app.state.store


def _filter(**kw: Any) -> EventFilter:
    return EventFilter.build(**{k: v for k, v in kw.items() if v not in (None, "", [])})


# -- dyad ------------------------------------------------------------------------------

#: Above this many periods change points are not sought (PELT's cost grows with the square of the length).
MAX_CHANGEPOINT_PERIODS = 600


@router.get("/dyad", summary="How the relation between two actors moved", tags=["relations"])
def api_dyad(request: Request, a: Actor, b: Actor, freq: Freq = "M", since: DateQ = None, until: DateQ = None,
             directed: bool = False,
             changepoints: Annotated[bool, Query(description="Include change points (the slow part; the "
                                                             "explorer fetches them from /api/dyad/changepoints)")] = True,
             ) -> dict[str, Any]:
    """Per-period series (``detente.analysis.dyad_series``: events, vc mc vk mk, net_coop,
    Goldstein) with change points (``detente.analysis.changepoints``) and a summary."""
    a, b = _pair(a, b)
    out: dict[str, Any] = {"a": a, "b": b, "freq": freq, "since": q.plain(since), "until": q.plain(until),
                           "directed": directed, "series": [], "summary": None,
                           "change_points": {"available": False, "segments": [], "message": None}, "message": None}
    series, message = _series(request, a, b, freq, since, until, directed)
    if series is None:
        out["message"] = message
        return out
    out["series"] = q.records(series[[c for c in series.columns if c not in ("a", "b")]])
    summary = analysis_function("detente.analysis", "summary")
    if summary is not None:
        out["summary"] = {k: q.plain(v) for k, v in summary(series).items()}
    if changepoints:
        out["change_points"] = _change_points(request, series, a, b, freq, since, until, directed)
    else:
        out["change_points"]["message"] = "not requested"
    return out


@router.get("/dyad/changepoints", summary="Change points of a dyad's net cooperation", tags=["relations"])
def api_dyad_changepoints(request: Request, a: Actor, b: Actor, freq: Freq = "M", since: DateQ = None,
                          until: DateQ = None, directed: bool = False) -> dict[str, Any]:
    """Segments between change points (``detente.analysis.changepoints`` on ``net_coop``), each with a sentence."""
    a, b = _pair(a, b)
    hit = request.app.state.cache.get(_cp_key(request, a, b, freq, since, until, directed))
    if hit is not None:
        return hit
    series, message = _series(request, a, b, freq, since, until, directed)
    if series is None:
        return {"available": True, "segments": [], "message": message}
    return _change_points(request, series, a, b, freq, since, until, directed)


def _cp_key(request: Request, a: str, b: str, freq: str, since: Any, until: Any, directed: bool) -> tuple:
    return ("changepoints", request.app.state.store.generation, a, b, freq, str(since), str(until), directed)


def _pair(a: str, b: str) -> tuple[str, str]:
    a, b = a.upper(), b.upper()
    if a == b:
        raise InputError("pick two different actors", hint="e.g. a=PAK&b=RUS")
    return a, b


def _series(request: Request, a: str, b: str, freq: str, since: Any, until: Any, directed: bool) -> tuple[Any, str | None]:
    dyad_series = analysis_function("detente.analysis", "dyad_series")
    if dyad_series is None:
        return None, "Relation series not available: detente.analysis.dyad_series is not installed."
    with _holder(request).reader() as store:
        try:
            return dyad_series(store, a, b, freq=freq, since=since, until=until, directed=directed), None
        except NotEnoughData as exc:
            return None, exc.message


def _change_points(request: Request, series: Any, a: str, b: str, freq: str, since: Any, until: Any,
                   directed: bool) -> dict[str, Any]:
    changepoints = analysis_function("detente.analysis", "changepoints")
    if changepoints is None:
        return {"available": False, "segments": [], "message": "Change points not available in this installation."}
    min_events = getattr(importlib.import_module("detente.analysis"), "MIN_EVENTS", 0)
    n = int(series["events"].sum())
    if n < min_events:
        too_few = analysis_function("detente.analysis", "too_few_message")
        msg = too_few(n, a, b, since, until, what="look for change points") if too_few else "Too few events."
        return {"available": True, "segments": [], "message": msg}
    if len(series) > MAX_CHANGEPOINT_PERIODS:
        return {"available": True, "segments": [],
                "message": f"{len(series)} periods: too many to search for change points here; "
                           "use a coarser frequency or a shorter date range."}
    cache = request.app.state.cache
    key = _cp_key(request, a, b, freq, since, until, directed)
    hit = cache.get(key)
    if hit is not None:
        return hit
    try:
        segs = changepoints(series, "net_coop", freq=freq)
        out = {"available": True, "segments": q.records(segs), "message": None}
    except NotEnoughData as exc:
        out = {"available": True, "segments": [], "message": exc.message}
    cache.set(key, out)
    return out


# -- events -------------------------------------------------------------------------------

@router.get("/events", summary="Event search with the filters of `detente events`, paged", tags=["events"])
def api_events(
    request: Request,
    dyad: Annotated[str | None, Query(pattern=r"^[A-Za-z0-9]{2,15},[A-Za-z0-9]{2,15}$", description="PAK,RUS")] = None,
    directed: bool = False,
    actor: Annotated[str | None, Query(max_length=200)] = None,
    source: Annotated[str | None, Query(max_length=200)] = None,
    target: Annotated[str | None, Query(max_length=200)] = None,
    country: Annotated[str | None, Query(max_length=200)] = None,
    since: DateQ = None,
    until: DateQ = None,
    cameo: Annotated[str | None, Query(max_length=200)] = None,
    root: Annotated[str | None, Query(max_length=200)] = None,
    plover: Annotated[str | None, Query(max_length=200)] = None,
    quad_class: Annotated[str | None, Query(max_length=20)] = None,
    dataset: Annotated[str | None, Query(max_length=200)] = None,
    doc_id: Annotated[str | None, Query(max_length=200)] = None,
    include_negated: bool = False,
    first_reports_only: Annotated[bool, Query(description="one row per real event (drop repeat reports)")] = False,
    page: Annotated[int, Query(ge=1, le=1_000_000, description=f"pages start at most {q.MAX_OFFSET:,} rows deep")] = 1,
    per_page: Annotated[int, Query(ge=1, le=q.MAX_PER_PAGE)] = 50,
    order: Literal["date", "date desc"] = "date",
) -> dict[str, Any]:
    """Matching events, one page at a time, with the total count."""
    filt = _filter(dyad=dyad, directed=directed, actor=actor, source=source, target=target, country=country,
                   since=since, until=until, cameo=cameo, root=root, plover=plover, quad_class=quad_class,
                   dataset=dataset, doc_id=doc_id, include_negated=include_negated,
                   first_reports_only=first_reports_only)
    total, df = events_page(request, filt, page=page, per_page=per_page, order=order)
    return {"total": total, "page": page, "per_page": per_page, "pages": max(1, -(-total // per_page)),
            "events": q.records(df)}


def events_page(request: Request, filt: EventFilter, **kw: Any) -> tuple[int, Any]:
    """A page of events; the total is remembered per filter (until a save) so paging counts once."""
    holder = _holder(request)
    key = ("count", holder.generation, repr(filt))
    cache = request.app.state.cache
    with holder.reader() as store:
        total, df = q.events_page(store, filt, total=cache.get(key), **kw)
    cache.set(key, total)
    return total, df


@router.get("/events/{event_id}", summary="One event with its evidence and origins", tags=["events"])
def api_event(request: Request, event_id: Annotated[str, Path(max_length=64)]) -> dict[str, Any]:
    return event_detail(request, event_id)


def event_detail(request: Request, event_id: str) -> dict[str, Any]:
    with _holder(request).reader() as store:
        ev = q.event_by_id(store, event_id)
        if ev is None:
            raise HTTPException(404, f"no event {event_id!r}")
        origins = store.origins(event_id)
        has_doc = bool(ev.get("doc_id")) and store.document(ev["doc_id"]) is not None
    return {"event": ev, "origins": origins or ([ev["origin"]] if ev.get("origin") else []),
            "segments": q.segments(ev.get("sentence"), ev.get("spans")), "document": has_doc}


# -- documents ------------------------------------------------------------------------------

@router.get("/documents/{doc_id}", summary="A document with its coded sentences", tags=["documents"])
def api_document(request: Request, doc_id: Annotated[str, Path(max_length=300)]) -> dict[str, Any]:
    return document_detail(request, doc_id)


def document_detail(request: Request, doc_id: str) -> dict[str, Any]:
    with _holder(request).reader() as store:
        doc = store.document(doc_id)
        events = q.document_events(store, doc_id)
        sents = store.sentences(doc_id) if doc is not None else None
    if doc is None and events.empty:
        raise HTTPException(404, f"no document {doc_id!r}")
    evs = q.records(events)
    by_sentence: dict[Any, list[dict[str, Any]]] = {}
    for ev in evs:
        by_sentence.setdefault(ev.get("sentence_id"), []).append(ev)
    sentences = []
    if sents is not None and not sents.empty:
        for row in q.records(sents):
            evs_here = by_sentence.get(row["sentence_id"], [])
            text = row.get("text") or ""
            spans = [e.get("spans") for e in evs_here if e.get("sentence") == text]
            sentences.append({"sentence_id": row["sentence_id"], "text": text, "events": evs_here,
                              "segments": q.segments(text, spans) if spans else [{"text": text, "role": None}]})
    else:  # no sentence rows: the full text, with each coded sentence found in it and highlighted
        sentences = q.locate_sentences((doc or {}).get("text") or "", by_sentence)
    return {"document": {k: q.plain(v) for k, v in (doc or {"doc_id": doc_id}).items()},
            "sentences": sentences, "events": len(evs)}


# -- actors and network --------------------------------------------------------------------------

@router.get("/countries", summary="Countries in the store, most active first", tags=["relations"])
def api_countries(request: Request) -> list[dict[str, Any]]:
    holder = _holder(request)
    cache = request.app.state.cache
    key = ("countries", holder.generation)
    rows = cache.get(key)
    if rows is None:
        with holder.reader() as store:
            rows = q.countries(store)
        cache.set(key, rows)
    return rows


@router.get("/network", summary="Signed relations among chosen countries, with balanced/unbalanced triads",
            tags=["relations"])
def api_network(
    request: Request,
    countries: Annotated[str, Query(pattern=r"^[A-Za-z0-9]{2,15}(,[A-Za-z0-9]{2,15}){1,29}$",
                                    description="Comma list, e.g. PAK,RUS,IND,USA,CHN")],
    since: DateQ = None,
    until: DateQ = None,
) -> dict[str, Any]:
    """``detente.analysis.triads``: each pair's sign (+1, -1, or 0 below the significance floor),
    closed triads marked balanced or not, balance score, frustration index and blocs."""
    chosen = sorted({c.upper() for c in countries.split(",")})
    out: dict[str, Any] = {"countries": chosen, "since": q.plain(since), "until": q.plain(until),
                           "available": False, "ties": [], "triads": [], "sentences": [], "blocs": [],
                           "balance_score": None, "frustration": None, "message": None}
    if len(chosen) < 3:
        raise InputError("a network needs at least three countries", hint="e.g. PAK,RUS,IND,USA,CHN")
    triads = analysis_function("detente.analysis", "triads")
    if triads is None:
        out["message"] = "Signed network not available: detente.analysis.triads is not installed."
        return out
    with _holder(request).reader() as store:
        try:
            result = triads(store, chosen, since=since, until=until)
        except NotEnoughData as exc:
            out["message"] = exc.message
            return out
    out.update(available=True, ties=q.records(result.ties), triads=q.records(result.triangles),
               sentences=list(result.sentences()), blocs=result.blocs,
               balance_score=q.plain(result.balance_score), frustration=q.plain(result.frustration))
    return out


# -- coding text --------------------------------------------------------------------------------

class CodeRequest(BaseModel):
    text: str = Field(..., min_length=1, description="The article or statement to code")
    date: dt.date | None = Field(None, description="Publication date (YYYY-MM-DD): anchors 'last week', 'in March'")
    doc_id: str | None = Field(None, max_length=200, pattern=r"^[A-Za-z0-9_.:-]+$")
    save: bool = Field(False, description="Store the document and its events (the only action that writes)")


@router.post("/code", summary="Code a text into events (optionally save them)", tags=["coder"])
def api_code(request: Request, body: CodeRequest) -> dict[str, Any]:
    """``{"text": ..., "date": ...}`` -> the coded events, each with its evidence highlighted."""
    return code_text(request, body.text, body.date, body.doc_id, body.save)


@router.post("/code/upload", summary="Code an uploaded text file (UTF-8)", tags=["coder"])
def api_code_upload(request: Request, file: Annotated[UploadFile, File(description="A UTF-8 text file")],
                    date: Annotated[dt.date | None, Form()] = None,
                    save: Annotated[bool, Form()] = False) -> dict[str, Any]:
    raw = file.file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("the file is not UTF-8 text", hint="save it as plain UTF-8 text and upload again") from None
    return code_text(request, text, date, None, save)


def code_text(request: Request, text: str, date: dt.date | None, doc_id: str | None, save: bool) -> dict[str, Any]:
    if not text.strip():
        raise InputError("the text is empty", hint="paste an article or upload a text file")
    holder = request.app.state.coder
    iso = date.isoformat() if date else None
    if save and not doc_id:
        doc_id = "web-" + hashlib.blake2b(text.encode(), digest_size=8).hexdigest()
    events = holder.code(text, date=iso, doc_id=doc_id)
    coder = holder.get()
    saved = None
    if save:
        saved = _save(request, text, iso, doc_id, events)
    evs = [q.record(e.to_dict() if hasattr(e, "to_dict") else dict(e)) for e in events]
    for ev in evs:
        ev["segments"] = q.segments(ev.get("sentence"), ev.get("spans"))
    version = getattr(coder, "version", None)
    return {"events": evs, "count": len(evs), "date": iso, "doc_id": doc_id, "saved": saved,
            "coder_version": version if isinstance(version, str) else None}


def _save(request: Request, text: str, date: str | None, doc_id: str | None, events: list[Any]) -> dict[str, Any]:
    store_coded = analysis_function("detente.coder", "store_coded")
    with request.app.state.store.writer() as store:
        if store_coded is not None:
            result = store_coded(store, text=text, date=date, doc_id=doc_id, events=events, source="detente serve")
            stored = getattr(result, "events", None)
        else:  # an older coder package without store_coded: the store's own inserts
            store.insert_documents([{"doc_id": doc_id, "text": text, "date": date, "source": "detente serve"}])
            stored = store.insert_events(events).stored
    request.app.state.cache.clear()
    return {"doc_id": doc_id, "stored": q.plain(stored)}


# -- brief -------------------------------------------------------------------------------------

@router.get("/brief", summary="Download the brief on a dyad (self-contained HTML, or Markdown + charts as a zip)",
            tags=["relations"])
def api_brief(request: Request, a: Actor, b: Actor, since: DateQ = None, until: DateQ = None,
              freq: Freq = "M", format: Literal["html", "md"] = "html") -> Response:
    """Built by ``detente.report.brief`` and rendered in memory: nothing from the request becomes a file path."""
    build = analysis_function("detente.report.brief", "build_brief")
    if build is None:
        raise HTTPException(501, "the brief is not available: detente.report provides no brief builder")
    from jinja2 import TemplateNotFound

    from detente.report import brief as report

    a, b = _pair(a, b)
    with _holder(request).reader() as store:
        ctx = build(store, a, b, since=since, until=until, freq=freq)
    name = f"brief-{a}-{b}"  # a and b matched ACTOR: letters and digits only
    try:
        if format == "html":
            content = report.render_html(ctx).encode("utf-8")
            return Response(content, media_type="text/html; charset=utf-8",
                            headers={"Content-Disposition": f'attachment; filename="{name}.html"'})
        return Response(_markdown_zip(report, ctx, name), media_type="application/zip",
                        headers={"Content-Disposition": f'attachment; filename="{name}.zip"'})
    except TemplateNotFound as exc:
        raise HTTPException(501, f"the brief is not available: detente.report lacks its template {exc.name}") from None


def _markdown_zip(report: Any, ctx: dict[str, Any], name: str) -> bytes:
    """The Markdown brief and its chart PNGs, zipped in memory (render_markdown writes the PNGs to a
    private temporary folder whose name comes from ``tempfile``, never from the request)."""
    import io
    import tempfile
    import zipfile
    from pathlib import Path as FsPath

    buf = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="detente-brief-") as tmp:
        images = FsPath(tmp) / f"{name}_files"
        text = report.render_markdown(ctx, images)
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            zf.writestr(f"{name}.md", text)
            for png in sorted(images.glob("*.png")):
                zf.write(png, f"{images.name}/{png.name}")
    return buf.getvalue()


# -- health -------------------------------------------------------------------------------------

@router.get("/health", summary="Store and coder status", tags=["meta"])
def api_health(request: Request) -> dict[str, Any]:
    with _holder(request).reader() as store:
        total = store.count()
    return {"status": "ok", "events": total, "read_only": request.app.state.store.read_only,
            "coder_loaded": request.app.state.coder.loaded}


__all__ = ["DetenteError", "router"]
