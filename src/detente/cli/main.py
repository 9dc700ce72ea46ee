"""The ``detente`` command. Each command module registers itself with ``register(app)``."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli import (
    brief,
    code,
    db,
    demo,
    dyad,
    engine,
    evaluate,
    events,
    fetch,
    forecast,
    imports,
    serve,
)
from detente.cli.common import set_debug

app = typer.Typer(
    name="detente",
    help="Code political events from text and event datasets, measure how relations move, forecast what comes next.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        from detente import __version__

        typer.echo(f"detente {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Print the version.")] = False,
) -> None:
    """detente: who did what to whom, how relations move, and what comes next."""
    set_debug(debug)


for module in (demo, code, imports, fetch, events, db, dyad, brief, forecast, serve, evaluate, engine):
    module.register(app)


def run() -> None:
    app()


if __name__ == "__main__":
    run()
