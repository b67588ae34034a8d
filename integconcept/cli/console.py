"""The ``integconcept`` console script: :func:`integconcept.cli.app.run`, with the cyclic garbage collector
off from the first import on (the imports of typer, pydantic and the model create many objects and no
cyclic garbage; collector passes during them are wasted start-up time)."""

import gc


def run() -> None:
    gc.disable()
    from integconcept.cli.app import run as cli_run

    cli_run()
