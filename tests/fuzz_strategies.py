"""Hypothesis strategies for concept files near the real examples.

Two families, both starting from the files in ``examples/`` (and ``tests/data``):

* **text mutations** of the YAML as written: a value replaced by an odd YAML literal (``.nan``,
  ``1e400``, a 5,000-digit hex number, ``"\\ud800"``, ``"\\x01"``, tags, anchors, aliases, merge
  keys, deep flow nesting, edge dates and times), lines deleted, duplicated, re-indented or
  tab-indented, the file cut, bytes inserted (BOM, NUL, broken UTF-8);
* **data mutations** of the loaded tree, dumped again as YAML: any node replaced by an odd scalar
  or unicode text, keys removed or added, lists lengthened, values nested deeply.

``schema_valid_concepts`` keeps only data mutations that still pass the model, for ``render``.
"""

from __future__ import annotations

import copy
import io
import json
from functools import lru_cache
from pathlib import Path

from hypothesis import strategies as st

ROOT = Path(__file__).resolve().parent.parent
BASES = sorted((ROOT / "examples").glob("*.yaml")) + [ROOT / "tests" / "data" / "render-rich.yaml"]


@lru_cache(maxsize=None)
def base_texts() -> tuple[str, ...]:
    return tuple(p.read_text(encoding="utf-8") for p in BASES)


@lru_cache(maxsize=None)
def base_data() -> tuple[dict, ...]:
    from integconcept.loader import load

    return tuple(load(str(p)).data for p in BASES)


# --------------------------------------------------------------------------- odd values

EDGE_DATES = ["9999-12-31", "0001-01-01", "0000-01-01", "Ende 9999-12", "Anfang 0001-01", "Mitte 1899-12",
              "2199-12-31", "1900-01-01", "Ende 2199-12", "2012-02-30", "2012-13", "Ende Dezember 9999",
              "30.10.2012", "2012-10-30T10:00:00", "Anfang Nonember 2012", "2012-W44"]
EDGE_TIMES = ["24:00", "23:59", "00:00", "99:99", "7:5", "12:60", "-1:00"]
ODD_LITERALS = [
    ".nan", ".NaN", ".inf", "-.inf", "1e400", "-1e400", "1e-400", "0x" + "F" * 5000, "9" * 5000, "-0", "0o777",
    "1_000", "~", "null", "true", "yes", "no", "on", "''", '""', '"\\ud800"', '"\\udfff x"', '"a\\ud83d"',
    '"\\x01"', '"\\x0b"', '"\\x1b[2J\\x1b[31mrot"', '"\\u202eevil"', '"\\0"', '"\\uffff"', '"\\ufffe"',
    '"a\\x00b"', '"\\t\\r\\n"', "!!binary aGFsbG8=", "!!python/object:os.system ls", "!foo bar", "!!set {a, b}",
    "!!timestamp 2012-10-30", "!!omap [a: 1]", "!!str 12", "!!int abc", "!!float x", "!<tag:x> y",
    "!!int 0b", "!!int 0x", "!!bool maybe", "!!null a", "!!str [a]", "!!map [a]", "!!seq {a: 1}",
    "!!timestamp 2012-13-45", '!!binary "@@"', "!!merge a", "!!python/name:os.system", "!!pairs [a: 1]",
    "&anker wert", "*anker", "*fehlt", "{<<: *anker}", "[", "{", "'", '"\\', "|", ">-", "- a", ": b", "? c",
    "[" * 200 + "]" * 200, "{a: " * 80 + "1" + "}" * 80, "%YAML 1.1", "---", "...", "@", "`", "#",
    "\"" + "ä" * 300 + "\"", "x" * 300, "[1, 2, 3]", "{a: 1}", "2012-10-30", "12:30", "4294967296",
    "-9223372036854775809", "1e308", "0.1e-320", '"**fett** ^[Fußnote ^[innen]] [x](y) <w:p/> &amp;"',
]


def yaml_double_quoted(text: str) -> str:
    """A YAML double-quoted scalar for any str, lone surrogates and controls included (JSON escapes)."""
    return json.dumps(text, ensure_ascii=True)


odd_text = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=40),
    st.sampled_from(["\ud800", "\x01", "\x0b", "a\x00b", "\u202e", "\x1b[31m", "\ufffe", "\U0001F600",
                     "Ä" * 300, "**", "^[", "^[a]", "- ", "1. ", "[x]", "<", "&", "\\", "\n\n", " ", ""]),
)

odd_scalar = st.one_of(
    odd_text,
    st.sampled_from(EDGE_DATES + EDGE_TIMES),
    st.integers(),
    st.integers(min_value=-(10**6), max_value=10**12),
    st.sampled_from([10**400, -(10**30), 2**63, 2**64]),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
)


def odd_literal() -> st.SearchStrategy[str]:
    """A YAML literal to put after ``key: `` on one line."""
    return st.one_of(
        st.sampled_from(ODD_LITERALS),
        st.sampled_from(EDGE_DATES + EDGE_TIMES),
        odd_text.map(yaml_double_quoted),
        st.integers().map(str),
        st.floats().map(repr),
    )


# --------------------------------------------------------------------------- text mutations


@st.composite
def text_mutation(draw, text: str) -> bytes:
    lines = text.split("\n")
    for _ in range(draw(st.integers(1, 3))):
        if not lines:
            break
        index = draw(st.integers(0, len(lines) - 1))
        line = lines[index]
        op = draw(st.sampled_from(["value", "value", "value", "delete", "duplicate", "indent", "tab", "anchor",
                                   "merge", "key", "nest"]))
        if op == "value" and ":" in line:
            head = line[: line.index(":") + 1]
            lines[index] = f"{head} {draw(odd_literal())}"
        elif op == "value" and line.lstrip().startswith("- "):
            lines[index] = line[: line.index("- ") + 2] + draw(odd_literal())
        elif op == "delete":
            del lines[index]
        elif op == "duplicate":
            lines[index:index] = [line] * draw(st.integers(1, 5))
        elif op == "indent":
            lines[index] = " " * draw(st.integers(0, 9)) + line.lstrip()
        elif op == "tab":
            lines[index] = "\t" + line
        elif op == "anchor" and ":" in line:
            other = draw(st.integers(0, len(lines) - 1))
            head = line[: line.index(":") + 1]
            lines[index] = f"{head} &a {line[line.index(':') + 1:].strip() or 'x'}"
            if ":" in lines[other]:
                lines[other] = lines[other][: lines[other].index(":") + 1] + " *a"
        elif op == "merge":
            indent = len(line) - len(line.lstrip())
            lines.insert(index, " " * indent + draw(st.sampled_from(["<<: *a", "<<: {a: 1}", "<<: [*a, *b]",
                                                                      "<<: 1", "&a <<: x", "? [a, b]\n: c"])))
        elif op == "key":
            indent = len(line) - len(line.lstrip())
            key = draw(st.one_of(st.sampled_from(["titel", "title", "id", "1", "null", "[a]", "? x", "<<",
                                                  "'\\x01'", "\"\\ud800\"", "~"]), odd_text.map(yaml_double_quoted)))
            lines.insert(index, " " * indent + f"{key}: {draw(odd_literal())}")
        elif op == "nest" and ":" in line:
            depth = draw(st.integers(10, 120))
            lines[index] = line[: line.index(":") + 1] + " " + "[" * depth + "1" + "]" * depth
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass")
    byte_op = draw(st.sampled_from(["none"] * 8 + ["cut", "bom", "nul", "latin1", "crlf", "insert"]))
    if byte_op == "cut":
        data = data[: draw(st.integers(0, len(data)))]
    elif byte_op == "bom":
        data = b"\xef\xbb\xbf" + data
    elif byte_op == "nul":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif byte_op == "latin1":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + b"\xe4\xfc" + data[at:]
    elif byte_op == "crlf":
        data = data.replace(b"\n", b"\r\n")
    elif byte_op == "insert":
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.binary(max_size=8)) + data[at:]
    return data


mutated_text = st.sampled_from(range(len(BASES))).flatmap(lambda i: text_mutation(base_texts()[i]))


# --------------------------------------------------------------------------- data mutations


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _paths(value, prefix + (index,))


def _get(node, path):
    for part in path:
        node = node[part]
    return node


@st.composite
def data_mutation(draw, base: dict, *, scalars_only: bool = False) -> dict:
    data = copy.deepcopy(base)
    paths = [p for p in _paths(data) if p]
    for _ in range(draw(st.integers(1, 4))):
        path = draw(st.sampled_from(paths))
        try:
            parent = _get(data, path[:-1])
            current = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue
        if scalars_only:
            if isinstance(current, (dict, list)):
                continue
            ops = ["scalar", "scalar", "text"]
        else:
            ops = ["scalar", "scalar", "text", "delete", "unknown", "list", "nest", "long_list", "mapping"]
        op = draw(st.sampled_from(ops))
        if op == "scalar":
            parent[path[-1]] = draw(odd_scalar)
        elif op == "text":
            value = current if isinstance(current, str) else ""
            at = draw(st.integers(0, len(value)))
            parent[path[-1]] = value[:at] + draw(odd_text) + value[at:]
        elif op == "delete":
            del parent[path[-1]]
        elif op == "unknown" and isinstance(current, dict):
            current[draw(odd_text) or "x"] = draw(odd_scalar)
        elif op == "list":
            parent[path[-1]] = [current]
        elif op == "nest":
            value = current
            for _ in range(draw(st.integers(5, 80))):
                value = [value] if draw(st.booleans()) else {"a": value}
            parent[path[-1]] = value
        elif op == "long_list" and isinstance(current, list) and current:
            current.extend(current[-1:] * draw(st.integers(1, 300)))
        elif op == "mapping":
            parent[path[-1]] = {"a": current}
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
    return data


def dump_yaml(data) -> bytes:
    """Block-style YAML like the examples; JSON (a YAML subset) where ruamel cannot emit a value."""
    from ruamel.yaml import YAML

    yaml = YAML(typ="safe", pure=True)
    yaml.allow_unicode = True
    yaml.default_flow_style = False
    buffer = io.StringIO()
    try:
        yaml.dump(data, buffer)
        return buffer.getvalue().encode("utf-8")
    except Exception:  # lone surrogates, 5,000-digit integers …
        return json.dumps(data, ensure_ascii=True, allow_nan=True, default=str).encode("ascii")


mutated_data = st.sampled_from(range(len(BASES))).flatmap(lambda i: data_mutation(base_data()[i]))

concept_bytes = st.one_of(mutated_text, mutated_data.map(dump_yaml))

#: scalar-only mutations: most stay schema-valid and reach the renderer with odd text and numbers
scalar_mutated = st.sampled_from(range(len(BASES))).flatmap(
    lambda i: data_mutation(base_data()[i], scalars_only=True))
