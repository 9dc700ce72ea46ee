"""The brief: what an analyst would write about one relationship, from the data.

``build_brief`` gathers everything (headline figures, the series and its change
points, key events with their evidence, the triad context, the drivers, the
outlook) into one context; ``render_html`` / ``render_markdown`` fill the
templates; ``write_brief`` picks the format from the file name (``.html``,
``.md``, ``.pdf``). A thin dyad still gets a brief: it says plainly that there is
too little to measure, and shows what there is.

>>> import pandas as pd
>>> ev = pd.DataFrame({"date": ["2014-06-02"], "source_country": ["RUS"], "target_country": ["PAK"],
...                    "source_code": ["RUS"], "target_code": ["PAK"], "quad_class": [2], "goldstein": [7.0]})
>>> ctx = build_brief(ev, "PAK", "RUS", drivers=False, outlook=False)
>>> ctx["too_few"]
'Only 1 event between PAK and RUS: too few to measure a trend.'
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from detente.analysis import (
    MIN_EVENTS,
    changepoints,
    dyad_events,
    dyad_series,
    key_events,
    summary,
    too_few_message,
    triads,
)
from detente.analysis import (
    drivers as find_drivers,
)
from detente.analysis._engine import check_actor, get_engine
from detente.analysis.changepoint import period_label
from detente.errors import DetenteError, InputError, NotEnoughData
from detente.report import charts

TEMPLATES = Path(__file__).resolve().parent / "templates"
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _name(code: str) -> str:
    try:
        from detente.actors import countries

        return countries.name(code) or code
    except (ImportError, DetenteError, LookupError):  # the actor tables are optional for a brief
        return code


def _cameo_name(code: Any) -> str:
    if not code or (isinstance(code, float) and np.isnan(code)):
        return ""
    try:
        from detente.ontology import cameo

        return cameo.lookup(str(code)).name
    except (ImportError, DetenteError, LookupError):
        return ""


def _clean(v: Any) -> Any:
    if v is None:
        return None
    if isinstance(v, float) and np.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    return v


def _evidence(row: pd.Series) -> dict[str, Any]:
    """The sentence an event came from (coded text), or its origin (imported rows)."""
    sentence = _clean(row.get("sentence"))
    if sentence:
        parts = [{"text": sentence, "mark": False}]
        spans = _clean(row.get("spans"))
        try:
            sp = json.loads(spans) if isinstance(spans, str) else (spans or {})
            marks = []
            for key in ("source", "event", "target"):
                v = sp.get(key)
                if not v:
                    continue
                pairs = v if isinstance(v[0], (list, tuple)) else [v]
                marks += [(int(s), int(e)) for s, e in pairs]
            marks = sorted(m for m in marks if 0 <= m[0] < m[1] <= len(sentence))
            if marks:
                parts, pos = [], 0
                for s, e in marks:
                    if s < pos:
                        continue
                    parts.append({"text": sentence[pos:s], "mark": False})
                    parts.append({"text": sentence[s:e], "mark": True})
                    pos = e
                parts.append({"text": sentence[pos:], "mark": False})
        except (ValueError, TypeError, AttributeError, IndexError, KeyError):
            pass
        return {"kind": "sentence", "text": sentence, "parts": parts, "doc_id": _clean(row.get("doc_id"))}
    origin = _clean(row.get("origin"))
    return {"kind": "origin", "text": origin or "(no provenance recorded)", "parts": [],
            "doc_id": None}


def _events_table(events: pd.DataFrame) -> list[dict[str, Any]]:
    rows = []
    for _, r in events.iterrows():
        src = _clean(r.get("source_name")) or _clean(r.get("source_code")) or _clean(r.get("source_country")) or "?"
        tgt = _clean(r.get("target_name")) or _clean(r.get("target_code")) or _clean(r.get("target_country")) or "?"
        code = _clean(r.get("cameo_code"))
        q = _clean(r.get("quad_class"))
        g = _clean(r.get("goldstein"))
        rows.append({"date": pd.Timestamp(r["date"]).strftime("%Y-%m-%d"), "source": str(src), "target": str(tgt),
                     "cameo": str(code) if code else "", "action": _cameo_name(code),
                     "quad": QUAD_NAMES.get(int(q), "") if q is not None else "",
                     "goldstein": f"{float(g):+.1f}" if g is not None else "", "dataset": _clean(r.get("dataset")) or "",
                     "evidence": _evidence(r), "reports": int(_clean(r.get("reports")) or 1)})
    return rows


def _partners(events: Any, a: str, b: str, since: Any, until: Any, k: int = 4, engine: Any = None) -> list[str]:
    """a, b and the countries each deals with most: the neighbourhood for the triad context."""
    pairs = get_engine(engine).all_dyads_series(events, freq="Y", since=since, until=until)
    if pairs.empty:
        return [a[:3], b[:3]]
    tot = pairs.groupby(["a", "b"], as_index=False)["events"].sum()
    ca, cb = a[:3], b[:3]
    near = tot[(tot["a"].isin([ca, cb])) | (tot["b"].isin([ca, cb]))].copy()
    near["other"] = np.where(near["a"].isin([ca, cb]), near["b"], near["a"])
    near = near[~near["other"].isin([ca, cb])]
    top = near.groupby("other")["events"].sum().sort_values(ascending=False).head(k).index.tolist()
    return [ca, cb] + sorted(top)


def _img(png: bytes) -> str:
    return base64.b64encode(png).decode("ascii")


def build_brief(events: Any, a: str, b: str, *, since: Any = None, until: Any = None, freq: str = "M",
                countries: Any = None, max_lag: int = 3, n_events: int = 10, drivers: bool = True,
                outlook: bool = True, horizon: int = 3, engine: Any = None) -> dict[str, Any]:
    """Everything the brief shows, as a plain dict (charts as PNG bytes under ``charts``).

    ``engine`` picks the analytics engine (None: DuckDB; see ``detente.engine`` for Spark)."""
    a, b = check_actor(a), check_actor(b)
    ctx: dict[str, Any] = {
        "a": a, "b": b, "a_name": _name(a), "b_name": _name(b), "freq": freq,
        "since": str(since) if since else None, "until": str(until) if until else None,
        "generated": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "charts": {}, "notes": [],
    }
    try:
        series = dyad_series(events, a, b, freq=freq, since=since, until=until, engine=engine)
    except NotEnoughData:
        series = None
    ev = dyad_events(events, a, b, since=since, until=until, engine=engine)
    n = len(ev)
    ctx["n_events"] = n
    ctx["too_few"] = too_few_message(n, a, b, since, until) if n < MIN_EVENTS else None
    ctx["datasets"] = (ev["dataset"].value_counts().to_dict() if "dataset" in ev and n else {})
    ctx["coded_text"] = bool(n and "sentence" in ev and ev["sentence"].notna().any())
    # headline figures
    if series is not None:
        s = summary(series)
        half = len(series) // 2
        first, second = series["net_coop"].iloc[:half].mean(), series["net_coop"].iloc[half:].mean()
        ctx["headline"] = {
            "events": s["events"], "coop_share": s["coop_share"], "net_coop": s["net_coop"],
            "goldstein_mean": s["goldstein_mean"], "periods": s["periods"], "active_periods": s["active_periods"],
            "quad": {"vc": s["vc"], "mc": s["mc"], "vk": s["vk"], "mk": s["mk"]},
            "best": (period_label(s["best_period"], freq), s["best_net_coop"]) if s["best_period"] is not None else None,
            "worst": (period_label(s["worst_period"], freq), s["worst_net_coop"]) if s["worst_period"] is not None else None,
            "first": period_label(s["first_period"], freq), "last": period_label(s["last_period"], freq),
            "trend": None if ctx["too_few"] or half == 0 else (
                f"Net cooperation averaged {first:+.2f} a period in the first half of the window and "
                f"{second:+.2f} in the second: the relation {'warmed' if second > first else 'cooled' if second < first else 'held steady'}."),
        }
        segments = None
        ctx["changepoints"] = []
        if not ctx["too_few"]:
            try:
                segments = changepoints(series, freq=freq)
                ctx["changepoints"] = segments["sentence"].tolist()
                ctx["n_breaks"] = len(segments) - 1
            except NotEnoughData as exc:
                ctx["notes"].append(exc.message)
        ctx["charts"]["timeline"] = charts.timeline_png(
            series, segments=segments, title=f"{ctx['a_name']}-{ctx['b_name']}: net cooperation per {_unit(freq)}")
        ctx["charts"]["quads"] = charts.quad_bars_png(series, title=f"{a}-{b} events by quad class")
    else:
        ctx["headline"] = None
        ctx["changepoints"] = []
    # key events with evidence
    ctx["key_events"] = _events_table(key_events(ev, n_events)) if n else []
    # triad context
    ctx["triads"] = None
    try:
        names = countries or _partners(events, a, b, since, until, engine=engine)
        if isinstance(names, str):
            names = [c.strip() for c in names.split(",") if c.strip()]
        names = list(dict.fromkeys([a[:3], b[:3]] + [check_actor(c) for c in names]))
        if len(names) >= 3:
            tr = triads(events, names, since=since, until=until, min_events=3, engine=engine)
            pr = tr.partners_and_rivals(a[:3], b[:3])
            ctx["triads"] = {
                "countries": names, "sentences": tr.sentences(), **pr,
                "ties": [{"a": r.a, "b": r.b, "events": int(r.events), "net_coop": int(r.net_coop),
                          "sign": {1: "+", -1: "-", 0: "0"}[int(r.sign)], "p": f"{r.p_value:.3g}"}
                         for r in tr.ties.itertuples(index=False) if r.events > 0],
            }
            ctx["charts"]["network"] = charts.signed_network_png(tr.ties, highlight=(a[:3], b[:3]), blocs=tr.blocs,
                                                                 title="Signed relations in the neighbourhood")
        else:
            ctx["notes"].append("Triad context: no third country has events with either side.")
    except DetenteError as exc:
        ctx["notes"].append(f"Triad context not available: {exc.message}")
    # drivers
    ctx["drivers"] = None
    if drivers:
        try:
            dr = find_drivers(events, a, b, since=since, until=until, freq=freq, max_lag=max_lag, engine=engine)
            ctx["drivers"] = {"rows": dr.table.head(8).to_dict(orient="records"), "sentences": dr.sentences(),
                              "cautions": dr.cautions}
        except DetenteError as exc:
            ctx["drivers"] = {"rows": [], "sentences": [], "cautions": [exc.message]}
    # outlook (the forecasting work); any failure becomes a sentence
    if not outlook:
        ctx["outlook"] = {"available": False, "reason": "not requested"}
    elif ctx["too_few"]:
        ctx["outlook"] = {"available": False, "reason": too_few_message(n, a, b, since, until, what="forecast").rstrip(".")}
    else:
        ctx["outlook"] = _outlook(ev, a, b, freq, horizon)
    return ctx


def _unit(freq: str) -> str:
    return {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}.get(freq[:1].upper(), "period")


def _outlook(ev: pd.DataFrame, a: str, b: str, freq: str, horizon: int) -> dict[str, Any]:
    try:
        from detente.forecast import outlook as forecast_outlook
    except ImportError:
        try:
            from detente.forecast.outlook import outlook as forecast_outlook
        except ImportError:
            return {"available": False, "reason": "the forecasting module is not installed"}
    if not callable(forecast_outlook):
        forecast_outlook = getattr(forecast_outlook, "outlook", None)
        if forecast_outlook is None:
            return {"available": False, "reason": "the forecasting module has no outlook()"}
    try:
        table = forecast_outlook(ev.assign(date=pd.to_datetime(ev["date"]).dt.strftime("%Y-%m-%d")), a, b, freq=freq,
                                 horizon=horizon)
    except DetenteError as exc:
        return {"available": False, "reason": exc.message}
    except Exception as exc:  # noqa: BLE001 - the forecaster is another team's code: never break the brief
        return {"available": False, "reason": f"the forecaster failed ({type(exc).__name__})"}
    rows = []
    for r in table.to_dict(orient="records"):
        rows.append({k: (period_label(v, freq) if k == "period" else (f"{v:.2f}" if isinstance(v, float) else v))
                     for k, v in r.items()})
    net = [r for r in rows if r.get("variable") == "net_coop"]
    return {"available": True, "rows": net or rows, "columns": list((net or rows)[0].keys()) if rows else []}


# -- rendering ------------------------------------------------------------------------

def _env():
    from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=select_autoescape(["html", "j2"]),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["pct"] = lambda v: "n/a" if v is None or (isinstance(v, float) and np.isnan(v)) else f"{100 * v:.0f}%"
    env.filters["num"] = lambda v, d=2: "n/a" if v is None or (isinstance(v, float) and np.isnan(v)) else f"{v:+.{d}f}"
    env.filters["g"] = lambda v: f"{v:.3g}" if isinstance(v, float) else v
    return env


# every chart a template may show; a brief without events (or without a network) has fewer
CHARTS = ("timeline", "quads", "network")


def render_html(ctx: dict[str, Any]) -> str:
    """A self-contained HTML page (charts embedded as base64 PNG; all text escaped)."""
    images = dict.fromkeys(CHARTS) | {k: _img(v) for k, v in ctx["charts"].items()}
    return _env().get_template("brief.html.j2").render(ctx=ctx, images=images)


def render_markdown(ctx: dict[str, Any], image_dir: Path, image_prefix: str = "") -> str:
    """Markdown, with the charts written as PNG files into ``image_dir``."""
    image_dir.mkdir(parents=True, exist_ok=True)
    images: dict[str, str | None] = dict.fromkeys(CHARTS)
    for k, png in ctx["charts"].items():
        name = f"{image_prefix}{k}.png"
        (image_dir / name).write_bytes(png)
        images[k] = f"{image_dir.name}/{name}"
    env = _env()
    env.autoescape = False
    return env.get_template("brief.md.j2").render(ctx=ctx, images=images)


def find_pdf_converter() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        path = shutil.which(name)
        if path:
            return path
    return None


def html_to_pdf(html: str, out: Path, *, browser: str | None = None, timeout: int = 120) -> Path:
    browser = browser or find_pdf_converter()
    if not browser:
        raise InputError("no PDF converter found (Chromium)",
                         hint="install chromium (apt-get install chromium), or write .html / .md instead")
    with tempfile.TemporaryDirectory() as tmp:
        page = Path(tmp) / "brief.html"
        page.write_text(html, encoding="utf-8")
        cmd = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
               "--disable-background-networking", "--disable-component-update", "--no-pdf-header-footer",
               f"--user-data-dir={tmp}/profile", f"--print-to-pdf={out.resolve()}", page.as_uri()]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
        if proc.returncode != 0 or not out.exists():
            raise InputError(f"the PDF converter failed (exit {proc.returncode})", hint="write .html instead")
    return out


def write_brief(events: Any, a: str, b: str, out: str | Path, **options: Any) -> Path:
    """Build the brief and write it as HTML, Markdown (+ PNGs beside it) or PDF, by ``out``'s suffix."""
    out = Path(out)
    suffix = out.suffix.lower()
    if suffix not in (".html", ".htm", ".md", ".pdf"):
        raise InputError(f"cannot write a brief as {out.suffix or 'a file without suffix'}",
                         hint="name the output .html, .md or .pdf")
    if suffix == ".pdf" and not find_pdf_converter():
        raise InputError("no PDF converter found (Chromium)",
                         hint="install chromium (apt-get install chromium), or write .html / .md instead")
    ctx = build_brief(events, a, b, **options)
    out.parent.mkdir(parents=True, exist_ok=True)
    if suffix == ".md":
        out.write_text(render_markdown(ctx, out.parent / f"{out.stem}_files"), encoding="utf-8")
    elif suffix == ".pdf":
        html_to_pdf(render_html(ctx), out)
    else:
        out.write_text(render_html(ctx), encoding="utf-8")
    return out
