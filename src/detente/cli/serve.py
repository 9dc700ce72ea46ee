"""`detente serve`: the local web dashboard over the store."""

from __future__ import annotations

from typing import Annotated

import typer

from detente.cli.common import DbOption, console, handle_errors


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)


@handle_errors
def serve(
    db: DbOption = None,
    host: Annotated[str, typer.Option("--host", help="Address to bind. Anything but loopback needs a token.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8765,
    token: Annotated[str | None, typer.Option("--token", envvar="DETENTE_TOKEN",
                                              help="Token required on every request (generated off loopback if not given).")] = None,
    max_upload_mb: Annotated[float, typer.Option("--max-upload-mb", help="Largest request body accepted (MB).")] = 2.0,
    open_browser: Annotated[bool, typer.Option("--open/--no-open", help="Open the dashboard in a browser.")] = False,
) -> None:
    """Open the web dashboard: dyad explorer, network, event search, documents, code a text, briefs.

    The store is opened read-only; only "save" in "Code a text" writes to it.
    """
    import uvicorn

    from detente.web.security import is_loopback, resolve_token
    from detente.web.state import ensure_store

    path = ensure_store(db)
    token = resolve_token(host, token)
    from detente.web import create_app

    app = create_app(path, token=token, max_body=int(max_upload_mb * 1024 * 1024))
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else shown}:{port}/"
    if token:
        url += f"?token={token}"
    console.print(f"detente dashboard over {path}")
    console.print(f"open [bold]{url}[/]" + ("" if is_loopback(host) else "  (the token is required off loopback)"),
                  highlight=False, soft_wrap=True)
    if open_browser:
        import webbrowser

        webbrowser.open(url)
    uvicorn.run(app, host=host, port=port, log_level="warning")
