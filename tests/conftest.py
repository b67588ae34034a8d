from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
UNNA = EXAMPLES / "kreis-unna-2012.yaml"


@pytest.fixture(scope="session", autouse=True)
def _own_cache_folder(tmp_path_factory):
    """The suite keeps what `render --pdf` caches (LibreOffice's profile, render/pdf.py) in a folder of its own,
    not in the user's cache folder: shared by the tests of one run, gone with it."""
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if previous is None:
        os.environ.pop("XDG_CACHE_HOME", None)
    else:
        os.environ["XDG_CACHE_HOME"] = previous


@pytest.fixture(scope="session")
def kept_profile_cache(tmp_path_factory) -> Path:
    """A cache folder (for XDG_CACHE_HOME) holding the LibreOffice profile that a successful `render --pdf` keeps,
    made by one real export per run; the tests that need an export with a kept profile copy it
    (:func:`use_kept_profile`) instead of each making its own first export."""
    from integconcept.commands.validate import validate_file
    from integconcept.render import render_concept
    from integconcept.render.pdf import docx_to_pdf, find_soffice

    soffice = find_soffice()
    if soffice is None:
        pytest.skip("LibreOffice (soffice) fehlt")
    folder = tmp_path_factory.mktemp("kept-cache")
    previous = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    try:
        docx_to_pdf(render_concept(validate_file(str(UNNA)).concept, None).data, soffice, timeout=120)
    finally:
        if previous is None:
            os.environ.pop("XDG_CACHE_HOME", None)
        else:
            os.environ["XDG_CACHE_HOME"] = previous
    assert [p.name for p in (folder / "integconcept").iterdir() if p.name.startswith("libreoffice-macro-profile-")]
    return folder


def use_kept_profile(kept: Path, tmp_path: Path, monkeypatch) -> Path:
    """XDG_CACHE_HOME for this test: a copy of :func:`kept_profile_cache` (a kept profile, no kept work folder)."""
    import shutil

    cache = tmp_path / "cache"
    shutil.copytree(kept, cache)
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    return cache


def example_files() -> list[Path]:
    return sorted(EXAMPLES.glob("*.yaml"))


def cli_in_process(
    *args: str, cwd: Path | None = None, env: dict | None = None, stdin: bytes = b""
) -> subprocess.CompletedProcess:
    """Run ``integconcept ARGS`` through :func:`integconcept.cli.app.main` in this process, as the console
    script does, with its own stdin/stdout/stderr (UTF-8), argv, environment and working folder; returns
    what :func:`subprocess.run` with ``text=True`` would (exit code, stdout, stderr). A traceback cannot
    hide here: an exception main() does not handle fails the test."""
    import io

    from integconcept.cli.app import main

    streams = {
        name: io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True) for name in ("stdout", "stderr")
    }
    streams["stdin"] = io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8")
    saved = {name: getattr(sys, name) for name in ("stdout", "stderr", "stdin", "argv")}
    saved_env, saved_cwd = dict(os.environ), os.getcwd()
    if env is None or "GITHUB_ACTIONS" not in env:
        os.environ.pop("GITHUB_ACTIONS", None)
    os.environ.update(env or {})
    try:
        for name, stream in streams.items():
            setattr(sys, name, stream)
        sys.argv = ["integconcept", *args]
        os.chdir(cwd or ROOT)
        try:
            main()
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        for name, value in saved.items():
            setattr(sys, name, value)
        os.chdir(saved_cwd)
        os.environ.clear()
        os.environ.update(saved_env)

    def text(name: str) -> str:
        streams[name].flush()
        value = streams[name].buffer.getvalue().decode("utf-8")
        return value.replace("\r\n", "\n").replace("\r", "\n")  # as text=True reads a pipe

    return subprocess.CompletedProcess(["integconcept", *args], code, text("stdout"), text("stderr"))


@pytest.fixture
def run_cli():
    """Run ``integconcept ARGS`` in this process through the console script's :func:`main` (see
    :func:`cli_in_process`): what a user sees (exit code, stdout, stderr) without starting Python again.
    Tests of what only a real process shows (the console script, encodings, signals, interpreter exit) use
    :func:`run_cli_process`."""
    return cli_in_process


@pytest.fixture
def run_cli_process():
    """Run the real console entry point in a subprocess; returns CompletedProcess."""

    def run(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
        full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
        full_env.pop("GITHUB_ACTIONS", None) if env is None or "GITHUB_ACTIONS" not in env else None
        return subprocess.run(
            [sys.executable, "-m", "integconcept", *args],
            capture_output=True,
            text=True,
            cwd=cwd or ROOT,
            env=full_env,
            timeout=300,
        )

    return run


@pytest.fixture
def write(tmp_path):
    """Write a file (text or bytes) into tmp_path and return its path as str."""

    def _write(name: str, content: str | bytes) -> str:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return str(path)

    return _write


MINIMAL = """\
format_version: 1
id: kreis-test
title: Integrationskonzept Kreis Test
authority:
  name: Kreis Test
  kind: kreis
  municipalities:
    - id: a-stadt
      name: A-Stadt
status: draft
legal_basis: tintg2012-p7
"""
