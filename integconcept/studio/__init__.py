"""``integconcept studio``: the concept in the browser, for staff who do not write YAML.

A local web application (Starlette + uvicorn, pages rendered on the server with Jinja2, one small script
of our own) on 127.0.0.1 only. See :mod:`integconcept.studio.app` for the security rules.
"""

from __future__ import annotations

import secrets
import socket
import sys
from pathlib import Path
from typing import TextIO

from integconcept.core.errors import UserError


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_session(file: str | None, template: str | None = None, folder: str | None = None):
    """The session for ``file`` (its folder is the studio's folder) or, without a file, for ``folder``."""
    from integconcept.studio.session import Session, StudioError

    if file:
        path = Path(file).resolve()
        if not path.is_file():
            raise UserError(
                f"Die Datei „{file}“ gibt es nicht. Ohne Dateiangabe startet das Studio mit der "
                "Auswahl „Neues Konzept / Datei öffnen / Word-Dokument importieren“."
            )
        session = Session(root=path.parent, template=template)
        try:
            session.open(path)
        except StudioError as exc:
            raise UserError(exc.message) from None
        return session
    return Session(root=Path(folder or ".").resolve(), template=template)


def serve(
    file: str | None,
    *,
    port: int | None = None,
    open_browser: bool = True,
    template: str | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Start the studio and serve until Ctrl+C; returns the exit code."""
    import uvicorn

    from integconcept.core.signals import Interrupted
    from integconcept.studio.app import create_app

    stdout = stdout or sys.stdout
    if template is not None and not Path(template).is_file():
        raise UserError(f"Die Vorlage „{template}“ gibt es nicht.")
    session = make_session(file, template)
    chosen = port or free_port()
    token = secrets.token_urlsafe(24)
    app = create_app(session, token, chosen)
    url = f"http://127.0.0.1:{chosen}/?token={token}"
    config = uvicorn.Config(app, host="127.0.0.1", port=chosen, log_level="warning", access_log=False, lifespan="off")
    server = uvicorn.Server(config)
    stdout.write(f"Studio läuft unter {url} – beenden mit Strg+C.\n")
    stdout.flush()
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(0.8, lambda: webbrowser.open(url)).start()
    try:
        server.run()
    except OSError as exc:
        raise UserError(
            f"Das Studio konnte Port {chosen} nicht öffnen ({exc.strerror or exc}); bitte einen "
            "anderen mit --port wählen."
        ) from None
    except (KeyboardInterrupt, Interrupted):  # Ctrl+C is the way to stop the studio: a clean end
        pass
    if session.dirty:
        stdout.write("Hinweis: Es gab ungespeicherte Änderungen; sie wurden nicht gespeichert.\n")
    stdout.write("Studio beendet.\n")
    return 0
