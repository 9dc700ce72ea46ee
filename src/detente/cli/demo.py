"""`detente demo`: the README's first command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from detente.cli.common import console, handle_errors, out_console


def register(app: typer.Typer) -> None:
    @app.command("demo")
    @handle_errors
    def demo(
        out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the demo store and brief.")] = Path("demo-output"),
        model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline name or path.")] = None,
    ) -> None:
        """Code the shipped example texts, store them, and write the Pakistan-Russia brief."""
        from detente.demo import run_demo

        with Progress(TextColumn("coding example texts"), BarColumn(), MofNCompleteColumn(),
                      console=console, transient=True) as bar:
            task = bar.add_task("code", total=None)
            summary = run_demo(out, model=model, progress=lambda n, total: bar.update(task, completed=n, total=total))
        out_console.print(f"Coded [bold]{summary.documents}[/] example texts into [bold]{summary.events}[/] events.")
        if summary.top_dyads:
            out_console.print("Most-reported pairs: " + ", ".join(f"{a}-{b} ({n})" for a, b, n in summary.top_dyads))
        out_console.print(f"Store:  {summary.db.resolve()}")
        out_console.print(f"Events: {summary.events_csv.resolve()}")
        out_console.print(f"Brief:  {summary.brief.resolve()}  (Markdown: {summary.brief_md.resolve()})")
