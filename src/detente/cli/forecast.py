"""`detente forecast`: benchmark evaluation, next-event predictions, dyad outlook."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import (
    DbOption,
    FormatOption,
    OutOption,
    OutputFormat,
    console,
    handle_errors,
    open_store,
    write_table,
)

# past this many events predict suggests --since: fitting the learned model on 83k events took
# 214 s on the 2-core machine (docs/benchmarks.md), and the fit grows with the history
LARGE_FIT = 250_000

forecast_app = typer.Typer(help="Forecast what happens next: evaluate models, predict events, a dyad's outlook.",
                           no_args_is_help=True)


@forecast_app.command("evaluate")
@handle_errors
def evaluate_cmd(
    dataset: Annotated[Path, typer.Option("--dataset", help="Benchmark folder with train/valid/test.txt "
                                          "(e.g. ../shared/data/tkg/ICEWS14).")],
    model: Annotated[str, typer.Option("--model", help="learned, recurrency or recurrency-strict.")] = "learned",
    export_scores: Annotated[Path | None, typer.Option("--export-scores", help="Write each test query's top 100 "
                                                          "entities and scores as JSONL.")] = None,
    seed: Annotated[int, typer.Option("--seed", help="Random seed (results are deterministic per seed).")] = 0,
    options: Annotated[str | None, typer.Option("--options", help="Learned-model settings as JSON, over those "
                                                   "chosen for ICEWS14 and ICEWS18 (e.g. '{\"ensemble\": 1}').")
                       ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Fit on train (tuned on valid) and report time-aware filtered MRR and Hits@1/3/10 on test.

    The learned model uses the settings benchmarks/tkg.py uses for a folder named ICEWS14 or
    ICEWS18 (docs/benchmarks.md), so this command reproduces its rows.
    """
    import inspect
    import json
    import time

    from detente.errors import InputError
    from detente.forecast import LearnedForecaster, evaluate, load_tkg
    from detente.forecast.learned import benchmark_options
    from detente.forecast.predict import make_model

    extra = {}
    if options:
        if model != "learned":
            raise InputError("--options sets the learned model only", hint="drop it, or use --model learned")
        try:
            extra = json.loads(options)
        except json.JSONDecodeError as e:
            raise InputError(f"--options is not JSON: {e.msg}", hint='e.g. --options \'{"ensemble": 1}\'') from None
        if not isinstance(extra, dict):
            raise InputError("--options is a JSON object of settings", hint='e.g. --options \'{"ensemble": 1}\'')
        known = set(inspect.signature(LearnedForecaster).parameters) - {"seed"}
        unknown = sorted(set(extra) - known)
        if unknown:
            raise InputError(f"unknown learned-model setting(s): {', '.join(unknown)}",
                             hint=f"settings: {', '.join(sorted(known))}")
    data = load_tkg(dataset)
    kw = benchmark_options(data.name, extra) if model == "learned" else {}
    if kw:
        console.print(f"learned-model settings: {json.dumps(kw)}", style="dim", soft_wrap=True, markup=False)
    m = make_model(model, seed=seed, **kw)
    t0 = time.perf_counter()
    with console.status(f"fitting {m.name} on {data.name} ({len(data.train)} train facts)"):
        m.fit(data)
    fit_s = time.perf_counter() - t0
    with console.status("scoring the test queries"):
        res = evaluate(m, data, export=export_scores)
    row = {"dataset": data.name, "model": m.name, "mrr": round(res["mrr"], 2), "hits@1": round(res["hits@1"], 2),
           "hits@3": round(res["hits@3"], 2), "hits@10": round(res["hits@10"], 2), "queries": res["queries"],
           "fit_s": round(fit_s, 1), "score_s": round(res["seconds"], 1)}
    write_table([row], fmt, title="time-aware filtered, single-step, both directions (%)")
    if export_scores:
        console.print(f"wrote {res['queries']} scored queries to {export_scores}")


def _events(db: Path | None, **filters):
    store = open_store(db, read_only=True)
    try:
        return store.events(**filters)
    finally:
        store.close()


@forecast_app.command("predict")
@handle_errors
def predict_cmd(
    source: Annotated[str, typer.Option("--source", help="Whose next actions to forecast: a country (RUS: its "
                                                  "government, military, people together) or an actor code "
                                                  "(RUSGOV).")],
    target: Annotated[str | None, typer.Option("--target", help="Rank the likely event types toward this "
                                                  "actor.")] = None,
    relation: Annotated[str | None, typer.Option("--relation", help="Rank the likely targets of this CAMEO "
                                                    "code (e.g. 057).")] = None,
    on: Annotated[str | None, typer.Option("--on", help="Forecast day (YYYY-MM-DD); only events before it are "
                                              "used. Default: the day after the last event.")] = None,
    model: Annotated[str, typer.Option("--model", help="auto, learned, recurrency or recurrency-strict.")] = "auto",
    top: Annotated[int, typer.Option("--top", min=1, help="How many rows to show.")] = 10,
    since: Annotated[str | None, typer.Option("--since", help="Fit only on events from this day on (YYYY-MM-DD): "
                                                 "less to fit on a store of many years.")] = None,
    dataset: Annotated[str | None, typer.Option("--dataset", help="Only events of this dataset (e.g. icews, "
                                                   "gdelt2, text).")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Fit again even if a model fitted on the same "
                                              "events is cached.")] = False,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
    out: OutOption = None,
) -> None:
    """Ranked likely events between two actors, or likely targets of one kind of event."""
    from detente.errors import InputError, NotEnoughData
    from detente.forecast.predict import predict_events, predict_targets

    if (target is None) == (relation is None):
        raise InputError("give exactly one of --target or --relation",
                         hint="--target PAK ranks event types, --relation 057 ranks targets")
    filters = {k: v for k, v in (("since", since), ("dataset", dataset)) if v}
    events = _events(db, **filters)
    if events.empty:
        raise NotEnoughData("no events in the store" + (" match " + ", ".join(f"--{k} {v}" for k, v in filters.items())
                                                        if filters else ""),
                            hint="import or code events first, or widen the filters")

    def fitting(name: str, n: int) -> None:
        console.print(f"[dim]fitting the {name} model on {n:,} events; later forecasts on the same events "
                      f"reuse it[/dim]")
        if name == "learned" and n > LARGE_FIT and not since:
            console.print("[dim]that takes a while at this size: --since (e.g. a year before) fits on "
                          "less[/dim]")

    opts = {"on": on, "model": model, "top": top, "cache": not no_cache, "on_fit": fitting}
    if target is not None:
        df = predict_events(events, source.upper(), target.upper(), **opts)
        title = f"likely next events {source.upper()} -> {target.upper()}"
    else:
        df = predict_targets(events, source.upper(), relation, **opts)
        title = f"likely targets of {source.upper()} {relation}"
    write_table(df, fmt, out, title=title)


@forecast_app.command("outlook")
@handle_errors
def outlook_cmd(
    a: Annotated[str, typer.Argument(help="First actor (e.g. PAK).")],
    b: Annotated[str, typer.Argument(help="Second actor (e.g. RUS).")],
    freq: Annotated[str, typer.Option("--freq", help="Period: D, W, M, Q or Y.")] = "M",
    horizon: Annotated[int, typer.Option("--horizon", help="Periods ahead.")] = 3,
    level: Annotated[float, typer.Option("--level", help="Prediction interval level.")] = 0.8,
    directed: Annotated[bool, typer.Option("--directed", help="Only events from A to B.")] = False,
    db: DbOption = None,
    fmt: FormatOption = OutputFormat.table,
    out: OutOption = None,
) -> None:
    """Next periods' quad-class counts and net cooperation for a dyad, with intervals."""
    from detente.forecast.outlook import outlook

    events = _events(db, dyad=f"{a.upper()},{b.upper()}", directed=directed)
    df = outlook(events, a.upper(), b.upper(), freq=freq, horizon=horizon, level=level, directed=directed)
    for col in ("forecast", "lower", "upper", "backtest_mase", "backtest_coverage"):
        df[col] = df[col].round(2)
    write_table(df, fmt, out, title=f"outlook {a.upper()}-{b.upper()} ({int(level * 100)}% intervals)")


def register(app: typer.Typer) -> None:
    """Add the ``forecast`` command group."""
    app.add_typer(forecast_app, name="forecast")
