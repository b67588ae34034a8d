"""Fuzz suite for the studio's HTTP endpoints (issue 20): no sequence of edits, list actions, silences and
saves makes the studio fail or write a file that no longer loads.

Each example opens the studio on a fresh copy of one of the examples (the Unna concept in half of them, the
three smaller ones in the rest) and sends one to six requests: an edit of a real field or of a made-up one
with arbitrary text, numbers or German dates; adding, removing or moving list entries at real or invalid
places and indexes; silencing a finding with an arbitrary reason. After every request: the answer is not a
server error and shows no traceback, the session's text still loads as a concept file (YAML with its source
map; schema findings are fine, a broken file is not). At the end "Speichern" writes exactly the session's
text, and the file on disk loads.

The requests go through Starlette's TestClient in this process (the whole ASGI stack: routing, origin and
token checks, forms, templates), without a real server. One app, session and client per example file serve
the whole run: before each example the file is written back byte for byte and opened again (as "Neu laden"
does), so an example starts from the same state as a freshly started studio, without paying for a new
event-loop thread per request.

Profiles as in :mod:`tests.test_fuzz` (``INTEGCONCEPT_FUZZ=long`` runs 10,000 examples); the long profile
writes its figures (sequences, requests per endpoint and answer, mean and slowest sequence) to
``.hypothesis/fuzz-report-long-studio.json`` (or ``INTEGCONCEPT_FUZZ_REPORT``).
"""

from __future__ import annotations

import time
import warnings
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from .test_fuzz import FUZZ, _stats, timed, write_report

warnings.filterwarnings("ignore", category=DeprecationWarning)
pytest.importorskip("starlette")
from starlette.testclient import TestClient  # noqa: E402

from integconcept.document.loader import LoadError, compose, load  # noqa: E402
from integconcept.studio import make_session  # noqa: E402
from integconcept.studio.app import COOKIE, create_app  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
UNNA = ROOT / "examples" / "kreis-unna-2012.yaml"
EXAMPLES = [UNNA] + sorted(p for p in (ROOT / "examples").glob("*.yaml") if p != UNNA)
PORT = 8765
BASE = f"http://127.0.0.1:{PORT}"
ORIGIN = {"origin": BASE}


def _paths(node, path=()):
    """(path, value) of every node of the loaded example, parents first."""
    yield path, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, path + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, path + (index,))


def _pointer(path) -> str:
    return "/" + "/".join(str(part).replace("~", "~0").replace("/", "~1") for part in path) if path else ""


def _pointers(example: Path) -> tuple[list[str], list[str]]:
    data = load(str(example)).data
    scalars = sorted({_pointer(p) for p, v in _paths(data) if p and not isinstance(v, (dict, list))})
    lists = sorted({_pointer(p) for p, v in _paths(data) if p and isinstance(v, list)})
    assert scalars and lists, example
    return scalars, lists


POINTERS = [_pointers(example) for example in EXAMPLES]
INVALID = [
    "",
    "/",
    "/gibt_es_nicht",
    "/preamble/population_table/rows/999/total",
    "/approval_process/steps/-1",
    "/title/0",
    "~",
    "/authority/municipalities/x/name",
]

VALUES = st.one_of(
    st.text(max_size=60),
    st.sampled_from(
        [
            "30.10.2012",
            "Anfang November 2012",
            "2012-13-45",
            "33,9",
            "-1",
            "1e309",
            "",
            " ",
            "ja",
            "„Zitat: mit Doppelpunkt“",
            "# kein Kommentar",
            "- kein Eintrag",
            "*anker",
            "&a",
            "!!python/object",
            "a\u00a0b",
            "\u2028",
            "x\ty",
            "null",
            "~",
            "'",
            '"',
            "\\",
            "{[",
            "key: value",
        ]
    ),
    st.integers(-(10**12), 10**12).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
)


def _operations(example: int):
    scalars, lists = POINTERS[example]
    edit = st.tuples(
        st.just("edit"),
        st.one_of(st.sampled_from(scalars), st.sampled_from(INVALID), st.text(max_size=20)),
        st.one_of(VALUES, st.none(), st.lists(st.text(max_size=10), max_size=3)),
    )
    change_list = st.tuples(
        st.just("list"),
        st.one_of(st.sampled_from(lists), st.sampled_from(INVALID)),
        st.tuples(
            st.sampled_from(["add", "remove", "up", "down", "quatsch"]),
            st.one_of(st.integers(-2, 40), st.text(max_size=3)),
        ),
    )
    silence = st.tuples(st.just("silence"), st.integers(-1, 12), st.text(max_size=40))
    return st.lists(st.one_of(edit, edit, change_list, silence), min_size=1, max_size=6)


#: (example index, operations): the Unna concept in half of the examples
SEQUENCES = st.sampled_from([0] * (len(EXAMPLES) - 1) + list(range(1, len(EXAMPLES)))).flatmap(
    lambda example: st.tuples(st.just(example), _operations(example))
)


class _Studio:
    """One studio (session, app, client) on a copy of one example, reset before every sequence."""

    def __init__(self, folder: Path, example: Path):
        self.original = example.read_bytes()
        self.file = folder / example.name
        self.file.write_bytes(self.original)
        self.session = make_session(str(self.file), folder=str(folder))
        self.client = TestClient(create_app(self.session, "geheim", PORT), base_url=BASE, raise_server_exceptions=False)
        self.client.cookies.set(COOKIE, "geheim")

    def reset(self):
        """As a freshly started studio on the example: the file as it was, opened again, no plan."""
        self.file.write_bytes(self.original)
        self.session.open(self.file)
        self.session.plan = []
        assert not self.session.dirty and self.session.text == self.original.decode("utf-8").replace("\r\n", "\n")
        return self.session, self.client


@pytest.fixture(scope="module")
def studios(tmp_path_factory):
    made = [_Studio(tmp_path_factory.mktemp(f"studio{index}"), example) for index, example in enumerate(EXAMPLES)]
    for studio in made:  # one event loop per client for the whole run (portal kept open)
        studio.client.__enter__()
    started = time.time()
    yield made
    for studio in made:
        studio.client.__exit__(None, None, None)
    write_report(started, ("studio",), "studio")


def _answered(response) -> None:
    assert response.status_code < 500, response.text[-800:]
    assert "Traceback" not in response.text


def _loads(text: str) -> None:
    try:
        compose(text)
    except LoadError as exc:  # the studio must never leave a file that does not load
        raise AssertionError(f"{exc.code} {exc.message}\n---\n{text[:2000]}") from None


def _send(session, client, operation):
    if operation[0] == "edit":
        _, pointer, value = operation
        return client.post("/api/edit", json={"path": pointer, "value": value}, headers=ORIGIN)
    if operation[0] == "list":
        _, pointer, (op, index) = operation
        return client.post(
            "/liste",
            data={"path": pointer, "op": op, "index": str(index), "chapter": "allgemein"},
            headers=ORIGIN,
            follow_redirects=False,
        )
    _, number, reason = operation
    findings = session.findings
    code = findings[number].code if 0 <= number < len(findings) else "K006"
    return client.post(
        "/stummschalten",
        data={"index": str(number), "code": code, "reason": reason, "back": "/kapitel/allgemein"},
        headers=ORIGIN,
        follow_redirects=False,
    )


@FUZZ
@given(sequence=SEQUENCES)
def test_no_sequence_of_studio_requests_fails_or_breaks_the_file(studios, sequence):
    example, operations = sequence
    session, client = studios[example].reset()
    target = studios[example].file
    answers = _stats("studio").setdefault("responses", Counter())

    def run():
        statuses = []
        for operation in operations:
            response = _send(session, client, operation)
            statuses.append((operation[0], response.status_code))
            _answered(response)
            _loads(session.text)
        response = client.post(
            "/speichern", data={"back": "/kapitel/allgemein"}, headers=ORIGIN, follow_redirects=False
        )
        _answered(response)
        return statuses, response

    statuses, response = timed("studio", repr((EXAMPLES[example].name, operations)).encode(), run)
    saved = response.status_code == 303 and "Gespeichert" in response.headers.get("location", "")
    answers.update(f"{kind} {status}" for kind, status in statuses)
    answers[f"speichern {response.status_code}{' gespeichert' if saved else ''}"] += 1
    _stats("studio").setdefault("files", Counter())[EXAMPLES[example].name] += 1  # sequences per example
    on_disk = target.read_bytes().decode("utf-8")
    if saved:
        assert on_disk.replace("\r\n", "\n") == session.text.replace("\r\n", "\n")
    _loads(on_disk)


def test_a_silence_reason_with_control_characters_keeps_the_file_loadable(tmp_path):
    """Found by this fuzz test: a reason typed with an escape character (U+001B) was written into the YAML
    comment as it was, and the file no longer loaded (Y009). Control characters, line separators and the
    like become spaces; the rest of the reason stays."""
    from integconcept.document.silence import add_silence, parse

    text = UNNA.read_text(encoding="utf-8")
    line = next(i for i, row in enumerate(text.split("\n"), 1) if "migration_background_percent: 34.6" in row)
    for reason in ("Vorlage\x1b", "Druck\u2028fehler", "so\x85gedruckt", "Grund\x00mit\x7fZeichen", "\ud800Tippfehler"):
        changed = add_silence(text, line, "K006", reason)
        _loads(changed)
        (silence,) = [s for s in parse(changed) if s.line == line]
        assert "K006" in silence.codes and silence.has_reason
