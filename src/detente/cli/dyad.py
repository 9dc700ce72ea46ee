"""`detente dyad`, `detente triads`, `detente drivers`: how a relation moves, and why.

Each command is a thin shell around one ``detente.analysis`` call.
"""

from __future__ import annotations

from enum import Enum
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
    write_table,
)
from detente.engine.cli_support import (
    DataOption,
    EngineName,
    EngineOption,
    analysis_source,
)


class Freq(str, Enum):
    D = "D"
    W = "W"
    M = "M"
    Q = "Q"
    Y = "Y"


class Normalise(str, Enum):
    none = "none"
    share = "share"
    volume = "volume"


SinceOption = Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD).")]
UntilOption = Annotated[str | None, typer.Option("--until", help="Last day (YYYY-MM-DD).")]


def _fmt_series(df, freq: str):
    from detente.analysis.changepoint import period_label

    shown = df.copy()
    shown["period"] = [period_label(p, freq) for p in shown["period"]]
    for c in shown.columns:
        if shown[c].dtype.kind == "f":
            shown[c] = shown[c].round(2)
    return shown


def register(app: typer.Typer) -> None:
    @app.command("dyad")
    @handle_errors
    def dyad_cmd(
        a: Annotated[str, typer.Argument(help="First actor (country or actor code, e.g. PAK).")],
        b: Annotated[str, typer.Argument(help="Second actor (e.g. RUS).")],
        freq: Annotated[Freq, typer.Option("--freq", help="Period: D W M Q Y.")] = Freq.M,
        since: SinceOption = None,
        until: UntilOption = None,
        directed: Annotated[bool, typer.Option("--directed", help="Only events from A to B.")] = False,
        normalise: Annotated[Normalise, typer.Option("--normalise", help="none, share (per 1,000 events in the period) or volume (per 1,000 of the two countries' daily totals).")] = Normalise.none,
        include_reports: Annotated[bool, typer.Option("--include-reports", help="Count repeat reports of one event.")] = False,
        plot: Annotated[Path | None, typer.Option("--plot", help="Also draw the series to this PNG file.")] = None,
        changepoints: Annotated[bool, typer.Option("--changepoints", help="Find and describe change points in net cooperation.")] = False,
        db: DbOption = None,
        fmt: FormatOption = OutputFormat.table,
        out: OutOption = None,
        engine: EngineOption = EngineName.duckdb,
        data: DataOption = None,
    ) -> None:
        """Per period: counts per quad class, Goldstein, net cooperation between A and B."""
        from detente.analysis import MIN_EVENTS, dyad_series, too_few_message
        from detente.analysis import changepoints as find_changepoints

        store, backend = analysis_source(engine, data, db)
        series = dyad_series(store, a, b, freq=freq.value, since=since, until=until, directed=directed,
                             normalise=normalise.value, include_reports=include_reports, engine=backend)
        total = int(series["events"].sum())
        cols = None
        if fmt == OutputFormat.table:
            cols = ["period", "events", "vc", "mc", "vk", "mk", "net_coop", "goldstein_sum", "goldstein_mean"]
            if normalise.value != "none":
                cols += ["volume", "events_norm", "net_coop_norm"]
        write_table(_fmt_series(series, freq.value) if fmt == OutputFormat.table else series, fmt, out, columns=cols,
                    title=f"{a.upper()}-{b.upper()} by {freq.value}" + (" (directed)" if directed else ""))
        segments = None
        if total < MIN_EVENTS:
            console.print(too_few_message(total, a.upper(), b.upper(), since, until))
        elif changepoints:
            segments = find_changepoints(series, freq=freq.value)
            for s in segments["sentence"]:
                console.print(s, highlight=False)
        if plot is not None:
            from detente.report.charts import timeline_png

            plot.write_bytes(timeline_png(series, segments=segments))
            console.print(f"wrote {plot}")

    @app.command("triads")
    @handle_errors
    def triads_cmd(
        countries: Annotated[str, typer.Option("--countries", help="Comma-separated countries, e.g. PAK,RUS,IND,USA,CHN.")],
        since: SinceOption = None,
        until: UntilOption = None,
        min_events: Annotated[int, typer.Option("--min-events", min=1, help="Fewest events for a tie to count.")] = 5,
        alpha: Annotated[float, typer.Option("--alpha", help="Sign-test level for a tie to be signed.")] = 0.1,
        window: Annotated[Freq | None, typer.Option("--window", help="Instead: balance per window (M Q Y).")] = None,
        db: DbOption = None,
        fmt: FormatOption = OutputFormat.table,
        out: OutOption = None,
        engine: EngineOption = EngineName.duckdb,
        data: DataOption = None,
    ) -> None:
        """Signed ties among countries, balanced and unbalanced triads, blocs."""
        from detente.analysis import balance, triads

        store, backend = analysis_source(engine, data, db)
        if window is not None:
            table = balance(store, window=window.value, countries=countries, since=since, until=until,
                            min_events=min_events, alpha=alpha, engine=backend)
            if fmt == OutputFormat.table:
                table = _fmt_series(table, window.value)
            write_table(table, fmt, out, title=f"Structural balance by {window.value}")
            return
        result = triads(store, countries=countries, since=since, until=until, min_events=min_events, alpha=alpha,
                        engine=backend)
        if fmt != OutputFormat.table:
            write_table(result.ties, fmt, out)
            return
        ties = result.ties.copy()
        ties["p_value"] = ties["p_value"].round(4)
        write_table(ties, fmt, None, title="Signed ties",
                    columns=["a", "b", "events", "coop", "conflict", "net_coop", "p_value", "sign"])
        if len(result.triangles):
            write_table(result.triangles, fmt, None, title="Triads", columns=["a", "b", "c", "signs", "balanced"])
        for line in result.sentences():
            console.print(line, highlight=False)

    @app.command("drivers")
    @handle_errors
    def drivers_cmd(
        a: Annotated[str, typer.Argument(help="First actor.")],
        b: Annotated[str, typer.Argument(help="Second actor.")],
        since: SinceOption = None,
        until: UntilOption = None,
        max_lag: Annotated[int, typer.Option("--max-lag", min=1, help="Longest lead tested, in periods.")] = 3,
        freq: Annotated[Freq, typer.Option("--freq", help="Period: W M Q.")] = Freq.M,
        countries: Annotated[str | None, typer.Option("--countries", help="Limit candidate dyads to these countries.")] = None,
        db: DbOption = None,
        fmt: FormatOption = OutputFormat.table,
        out: OutOption = None,
        engine: EngineOption = EngineName.duckdb,
        data: DataOption = None,
    ) -> None:
        """Which third-party dyads lead this one (lagged correlation, Granger tests)."""
        from detente.analysis import drivers

        store, backend = analysis_source(engine, data, db)
        result = drivers(store, a, b, since=since, until=until, max_lag=max_lag, freq=freq.value, countries=countries,
                         engine=backend)
        cols = ["dyad", "lag", "corr", "sign", "p_value", "p_adjusted", "events"] if fmt == OutputFormat.table else None
        table = result.table.copy()
        if fmt == OutputFormat.table:
            for c in ("corr", "p_value", "p_adjusted"):
                table[c] = table[c].round(4)
        write_table(table, fmt, out, columns=cols, title=f"Dyads leading {a.upper()}-{b.upper()}")
        for line in result.cautions:
            console.print(f"Caution: {line}", highlight=False)
