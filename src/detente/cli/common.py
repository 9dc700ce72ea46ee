"""What every command shares: the --db option, output formats, one-line errors.

A command is a thin shell around one library call. Library errors
(``detente.errors.DetenteError``) become one line on stderr and exit code 1;
``--debug`` (or ``DETENTE_DEBUG=1``) shows the traceback instead.
"""

from __future__ import annotations

import functools
import json
import os
import sys
from collections.abc import Callable, Iterable
from enum import Enum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.table import Table

from detente.errors import DetenteError

console = Console(stderr=True)
out_console = Console()

F = TypeVar("F", bound=Callable[..., Any])

DbOption = Annotated[
    Path | None,
    typer.Option("--db", help="Event store file (default: $DETENTE_DB or ~/.local/share/detente/detente.duckdb).",
                 envvar="DETENTE_DB", show_envvar=True),
]


class OutputFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


FormatOption = Annotated[
    OutputFormat,
    typer.Option("--format", "-f", help="table on screen, or jsonl / csv / parquet for machines."),
]
OutOption = Annotated[
    Path | None,
    typer.Option("--out", "-o", help="Write to this file instead of stdout (required for parquet)."),
]

_state = {"debug": bool(os.environ.get("DETENTE_DEBUG"))}


def set_debug(value: bool) -> None:
    _state["debug"] = value or _state["debug"]


def fail(message: str, code: int = 1) -> typer.Exit:
    console.print(f"[bold red]Error:[/] {message}", highlight=False, soft_wrap=True)
    return typer.Exit(code)


def handle_errors(func: F) -> F:
    """Turn library errors (and a few common OS errors) into one line and a non-zero exit."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise
        except DetenteError as exc:
            if _state["debug"]:
                raise
            raise fail(str(exc)) from None
        except FileNotFoundError as exc:
            if _state["debug"]:
                raise
            raise fail(f"no such file: {exc.filename}") from None
        except PermissionError as exc:
            if _state["debug"]:
                raise
            raise fail(f"permission denied: {exc.filename}") from None
        except KeyboardInterrupt:
            raise fail("interrupted", code=130) from None

    return wrapper  # type: ignore[return-value]


def open_store(db: Path | None, *, read_only: bool = False):
    from detente.api import Store

    return Store(db, read_only=read_only)


def _records(data: Any) -> Iterable[dict[str, Any]]:
    import pandas as pd

    if isinstance(data, pd.DataFrame):
        for rec in data.to_dict(orient="records"):
            yield {k: _plain(v) for k, v in rec.items()}
        return
    for item in data:
        rec = item.to_dict() if hasattr(item, "to_dict") else dict(item)
        yield {k: _plain(v) for k, v in rec.items()}


def _plain(v: Any) -> Any:
    import math

    import pandas as pd

    if v is None:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if hasattr(v, "isoformat"):
        return v.isoformat()[:10] if type(v).__name__ in ("date", "Timestamp") else v.isoformat()
    if hasattr(v, "item"):
        return v.item()
    return v


def _cell(v: Any) -> str:
    """A value as shown in a table: floats to four significant digits (0.4307, 64.1, 7.6e-06),
    large ones without decimals; the JSONL, CSV and Parquet outputs keep full precision."""
    if v is None:
        return ""
    if isinstance(v, float):
        return f"{v:,.0f}" if abs(v) >= 1e5 else f"{v:.4g}"
    return str(v)


def write_table(data: Any, fmt: OutputFormat, out: Path | None = None, *, columns: list[str] | None = None,
                title: str | None = None) -> None:
    """Write rows (DataFrame or records) as a Rich table, JSONL, CSV or Parquet."""
    import pandas as pd

    df = data if isinstance(data, pd.DataFrame) else pd.DataFrame(list(_records(data)))
    if fmt == OutputFormat.parquet:
        if out is None:
            raise fail("parquet output needs a file: add --out FILE.parquet")
        df.to_parquet(out, index=False)
        console.print(f"wrote {len(df)} rows to {out}")
        return
    stream = open(out, "w", encoding="utf-8", newline="") if out else sys.stdout
    try:
        if fmt == OutputFormat.jsonl:
            for rec in _records(df):
                stream.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif fmt == OutputFormat.csv:
            df.to_csv(stream, index=False)
        else:
            shown = df[columns] if columns else df
            table = Table(title=title, show_lines=False)
            for col in shown.columns:
                table.add_column(str(col), overflow="fold")
            for rec in _records(shown):
                table.add_row(*[_cell(v) for v in rec.values()])
            (Console(file=stream) if out else out_console).print(table)
    finally:
        if out:
            stream.close()
