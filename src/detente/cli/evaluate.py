"""`detente evaluate coder GOLD`: score the text coder on a gold file."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from detente.cli.common import console, handle_errors, out_console


class GoldFormat(str, Enum):
    plv = "plv"
    jsonl = "jsonl"


def register(app: typer.Typer) -> None:
    ev = typer.Typer(help="Score detente's components against gold data.", no_args_is_help=True)
    app.add_typer(ev, name="evaluate")

    @ev.command("coder")
    @handle_errors
    def coder_cmd(
        gold: Annotated[Path, typer.Argument(help="Gold file: PLV tab-separated, or detente JSONL.")],
        fmt: Annotated[GoldFormat | None, typer.Option("--format", help="plv or jsonl (default: from the file name).")] = None,
        model: Annotated[str | None, typer.Option("--model", help="spaCy pipeline name or path.")] = None,
        petrarch_verbs: Annotated[Path | None, typer.Option("--petrarch-verbs", help="Also use a PETRARCH verb dictionary.")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print the scores as one JSON object.")] = False,
        workers: Annotated[int, typer.Option("--workers", min=1, help="Processes for parsing.")] = 1,
    ) -> None:
        """Precision, recall and F1 of (source, target, event type) triples, type and actor accuracy,
        and a confusion table (gold type x predicted type). The matching rules are in docs/coder.md."""
        from rich.progress import Progress
        from rich.table import Table

        from detente.coder import Coder
        from detente.coder.evaluate import MEASURES, evaluate_with_coder, read_gold

        docs, used = read_gold(gold, fmt.value if fmt else None)
        with Progress(console=console, transient=True, disable=not console.is_terminal) as progress:
            task = progress.add_task("scoring", total=len(docs))
            coder = Coder(model=model, petrarch_verbs=petrarch_verbs)
            coder.on_skip = lambda doc_id, reason: None
            score = evaluate_with_coder(docs, coder, used, n_process=workers,
                                        progress=lambda n: progress.advance(task, n))
        result = score.as_dict() | {"format": used, "gold": str(gold), "coder_version": coder.version}
        if as_json:
            result["confusion"] = [{"gold": g, "predicted": p, "n": n} for g, p, n in score.confusion_rows()]
            typer.echo(json.dumps(result))
            return
        t = Table(title=f"coder vs {gold.name} ({used})")
        t.add_column("measure")
        t.add_column("value", justify="right")
        for k in MEASURES:
            v = result[k]
            t.add_row(k, "n/a" if v is None else (f"{v:.3f}" if isinstance(v, float) else str(v)))
        out_console.print(t)
        c = Table(title="confusion (gold -> predicted, found pairs and misses)")
        for col in ("gold", "predicted", "n"):
            c.add_column(col)
        for g, p, n in score.confusion_rows():
            c.add_row(g, p, str(n))
        out_console.print(c)
