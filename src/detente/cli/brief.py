"""`detente brief`: the analyst's brief on one relationship (HTML, Markdown or PDF)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import DbOption, console, handle_errors
from detente.engine.cli_support import (
    DataOption,
    EngineName,
    EngineOption,
    analysis_source,
)


def register(app: typer.Typer) -> None:
    @app.command("brief")
    @handle_errors
    def brief_cmd(
        a: Annotated[str, typer.Argument(help="First actor (e.g. PAK).")],
        b: Annotated[str, typer.Argument(help="Second actor (e.g. RUS).")],
        out: Annotated[Path, typer.Option("--out", "-o", help="Output file: .html (self-contained), .md (PNGs beside it) or .pdf.")],
        since: Annotated[str | None, typer.Option("--since", help="First day (YYYY-MM-DD).")] = None,
        until: Annotated[str | None, typer.Option("--until", help="Last day (YYYY-MM-DD).")] = None,
        freq: Annotated[str, typer.Option("--freq", help="Period of the series: W M Q Y.")] = "M",
        countries: Annotated[str | None, typer.Option("--countries", help="Countries for the triad context (default: the pair's main partners).")] = None,
        db: DbOption = None,
        engine: EngineOption = EngineName.duckdb,
        data: DataOption = None,
    ) -> None:
        """Write a brief: headline figures, timeline, turning points, key events, triads, drivers, outlook."""
        from detente.report import write_brief

        events, backend = analysis_source(engine, data, db)
        path = write_brief(events, a, b, out, since=since, until=until, freq=freq, countries=countries, engine=backend)
        console.print(f"wrote {path}")
        typer.echo(str(path))
