"""The rule framework: one small class per rule, registered in one plain registry.

A rule carries everything a reader needs in one place: its stable code, a readable name,
the default severity, the packs it belongs to, its legal citations, an explanation in German
and a failing and a fixed example. ``check`` yields :class:`Problem` objects that point to a
YAML path; the source map turns the path into line and column.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property
from typing import TYPE_CHECKING, ClassVar, Iterator

from integconcept.core.findings import Citation, Finding, Path, Severity

if TYPE_CHECKING:  # pragma: no cover
    from integconcept.document.loader import SourceMap
    from integconcept.document.model import Concept
    from integconcept.document.silence import Silence


class Modality(str, Enum):
    """How binding the norm is that a rule rests on; the default severity follows it.

    ``must`` (Muss-Vorschrift, an indicative or "ist … nicht zulässig" in the statute): may err.
    ``should`` (Soll-Vorschrift): binds in the normal case, a justified exception is allowed, so a
    finding is at most a warning and says what the concept must write to justify the deviation.
    ``guideline`` (Richtlinienvoraussetzung): a condition of the funding guideline; may err where its
    wording is verified. ``practice`` (gute Praxis): no norm, common practice; at most a warning.
    ``consistency`` (Stimmigkeit): the file contradicts itself (references, sums, dates); no norm
    needed, so it may err.
    """

    must = "muss"
    should = "soll"
    guideline = "richtlinie"
    practice = "praxis"
    consistency = "stimmigkeit"

    @property
    def label(self) -> str:
        return MODALITY_LABELS[self][0]

    @property
    def sentence(self) -> str:
        return MODALITY_LABELS[self][1]


MODALITY_LABELS = {
    Modality.must: (
        "Muss-Vorschrift",
        "Die Vorschrift bindet ausnahmslos (Muss-Vorschrift); ein sicherer Verstoß ist ein Fehler.",
    ),
    Modality.should: (
        "Soll-Vorschrift",
        "Die Vorschrift ist eine Soll-Vorschrift: Sie bindet im Regelfall, in "
        "begründeten Ausnahmefällen darf das Konzept abweichen. Ein Befund ist darum höchstens eine "
        "Warnung.",
    ),
    Modality.guideline: (
        "Richtlinienvoraussetzung",
        "Die Anforderung ist eine Voraussetzung der Förderrichtlinie, "
        "nicht des Gesetzes; sie gilt für den Förderantrag in der Fassung, die zum Datum des "
        "Konzepts gilt.",
    ),
    Modality.practice: (
        "gute Praxis",
        "Keine Rechtsvorschrift verlangt das; es ist gute Praxis. Ein Befund ist darum höchstens eine Warnung.",
    ),
    Modality.consistency: (
        "Stimmigkeit",
        "Keine Rechtsfrage: Die Angaben der Datei widersprechen sich (Verweise, Summen, Daten).",
    ),
}


@dataclass
class Problem:
    """What a rule's check yields: a place and a German message."""

    path: Path
    message: str
    hint: str | None = None
    severity: Severity | None = None  # None: the rule's default
    quote: str | None = None  # words inside a free text: the finding points at them, not at the field
    position: tuple[int, int] | None = None  # explicit (line, column) for places that are no node (comments)
    citations: tuple[Citation, ...] | None = None  # None: the rule's (``Rule.cite``)


def locate_quote(
    text: str, start: tuple[int, int], quote: str, line_starts: list[int] | None = None
) -> tuple[int, int] | None:
    """Line and column of ``quote`` in the file text at or after ``start`` (1-based), if found.

    Free text in a block scalar spans many lines; pointing at the words themselves saves the
    reader from searching a long paragraph. Line breaks inside the quote may be folded.
    ``line_starts`` (:func:`line_starts`, worked out once per file) keeps many findings in a long file
    from splitting the whole text for each of them.
    """
    starts = line_starts if line_starts is not None else _line_starts(text)
    line_index = start[0] - 1
    if not 0 <= line_index < len(starts):
        return None
    offset = starts[line_index] + start[1] - 1
    position = text.find(quote, offset)
    if position < 0:
        return None
    line = bisect.bisect_right(starts, position)
    return line, position - starts[line - 1] + 1


def _line_starts(text: str) -> list[int]:
    """The offset at which each line of ``text`` begins (after every "\\n"; no other line break counts)."""
    from itertools import accumulate

    lines = text.split("\n")
    return list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))


@dataclass
class Context:
    """Everything a check may look at."""

    concept: "Concept"
    source_map: "SourceMap"
    file: str
    basis: str  # effective legal basis value, e.g. "tintg2012-p7"
    settings: dict = field(default_factory=dict)
    text: str = ""  # the file's text (for rules that read YAML comments)
    active: frozenset[str] = frozenset()  # codes of the rules that run (set by the engine)
    used_silences: set[tuple[int, str]] = field(default_factory=set)  # (line, code) that silenced a finding

    @cached_property
    def line_starts(self) -> list[int]:
        """Where each line of the file's text begins (for findings that point at words in a text)."""
        return _line_starts(self.text)

    @cached_property
    def silences(self) -> list["Silence"]:
        """The inline silence comments of the file (YAML comment tokens), parsed once per run."""
        from integconcept.document.silence import parse

        return parse(self.text)

    @cached_property
    def chain(self) -> list:
        """The approval chain (:func:`integconcept.procedure.chain.build_steps`), built once per run and
        shared by all timeline rules."""
        from integconcept.procedure.chain import build_steps

        return build_steps(self.concept)

    @cached_property
    def adopting_council(self):
        """The council step that adopts the concept (:func:`integconcept.procedure.chain.adopting_council`)."""
        from integconcept.procedure.chain import adopting_council

        return adopting_council(self.concept, self.chain)

    @cached_property
    def guideline(self):
        """The funding guidelines that apply (:func:`integconcept.rules.guidelines.applicable`)."""
        from integconcept.rules.guidelines import applicable

        return applicable(self.concept, self.basis)


class Rule:
    code: ClassVar[str]
    name: ClassVar[str]  # short kebab-case German name, e.g. "einvernehmen-gemeinden"
    summary: ClassVar[str]  # one German sentence: what it checks
    severity: ClassVar[Severity] = Severity.error
    # The pack is the folder the module lies in (rules/packs/<pack>/); ``register`` sets ``packs``.
    packs: ClassVar[frozenset[str]] = frozenset()
    also_in: ClassVar[frozenset[str]] = frozenset()  # further packs the rule belongs to
    citations: ClassVar[tuple[Citation, ...]] = ()
    explanation: ClassVar[str] = ""  # German: what exactly it checks (details beyond the summary)
    reason: ClassVar[str] = ""  # German: why, the legal (or practical) reason
    fix: ClassVar[str] = ""  # German: how to fix it
    relaxed_for_drafts: ClassVar[bool] = False  # an error becomes a warning while status is draft
    modality: ClassVar[Modality | None] = None  # how binding the norm is (every rule states it; a test checks)
    # German, Soll-Vorschriften only: what the concept must write to justify a deviation (shown by
    # explain and appended to the finding's hint).
    deviation: ClassVar[str] = ""
    unverified: ClassVar[bool] = False  # rests on a fact domain.md marks unverified: warns, says so
    # "main": runs on the concept; "post": runs after the main rules and the silences (K902 needs to
    # know which silences silenced something: ``Context.used_silences``).
    phase: ClassVar[str] = "main"
    # Options a user may set under [tool.integconcept.rules.CODE], declared like yamllint's rules:
    # CONF maps each option to its type, DEFAULT to its value when not configured.
    CONF: ClassVar[dict[str, type]] = {}
    DEFAULT: ClassVar[dict[str, object]] = {}

    @classmethod
    def option(cls, ctx: "Context", name: str):
        """The configured value of one of the rule's options, else its DEFAULT."""
        configured = ctx.settings.get("rules", {}).get(cls.code, {}) if isinstance(ctx.settings, dict) else {}
        return configured.get(name, cls.DEFAULT[name])

    @classmethod
    def pack(cls) -> str:
        """The rule's main pack (for listings)."""
        return sorted(cls.packs)[0] if cls.packs else ""

    @classmethod
    def cases(cls):
        """The rule's cases (:mod:`integconcept.rules.cases`): bad and good examples with expected findings."""
        from integconcept.rules.cases import rule_cases

        return rule_cases(cls)

    @classmethod
    def help_uri(cls) -> str:
        return next((c.url for c in cls.citations if c.url), "")

    def check(self, ctx: Context) -> Iterator[Problem]:  # pragma: no cover - abstract
        raise NotImplementedError

    def cite(self, ctx: Context) -> tuple[Citation, ...]:
        """The provisions a finding rests on; rules whose law or guideline depends on the concept's
        basis and dates override this (never a 2012 citation for a 2022 concept)."""
        return self.citations

    def findings(self, ctx: Context) -> Iterator[Finding]:
        draft = getattr(getattr(ctx.concept, "status", None), "value", None) == "draft"
        citations = None
        for problem in self.check(ctx):
            line, column = place(ctx, problem.path)
            key = ctx.source_map.keys.get(tuple(problem.path))
            if key and key[0] != line:  # a block mapping or list: point at its key, not its first child
                line, column = key
            if problem.position:
                line, column = problem.position
            elif problem.quote and ctx.text:
                line, column = locate_quote(ctx.text, (line, column), problem.quote, ctx.line_starts) or (line, column)
            severity = problem.severity or self.severity
            hint = problem.hint
            if self.modality is Modality.should and self.deviation and severity is Severity.warning:
                hint = (f"{hint} " if hint else "") + f"Abweichen ist mit Begründung zulässig: {self.deviation}"
            if self.relaxed_for_drafts and draft and severity is Severity.error:
                severity = Severity.warning
                hint = f"{hint} " if hint else ""
                hint += "(Bei einem Entwurf eine Warnung; im beschlossenen Konzept ist es ein Fehler.)"
            yield Finding(
                code=self.code,
                severity=severity,
                message=problem.message,
                path=tuple(problem.path),
                hint=hint,
                line=line,
                column=column,
                name=self.name,
                citations=problem.citations
                if problem.citations is not None
                else (citations if citations is not None else (citations := self.cite(ctx))),
            )


def place(ctx: Context, path: Path) -> tuple[int, int]:
    """Line and column for a problem at ``path``, also when that part of the concept is missing.

    A finding about missing content points at the deepest part of ``path`` that the file has; when
    not even the top-level section is there, at the top-level key after which it belongs (model
    order), else at the first top-level key – never at the bare document start 1:1.
    """
    source_map = ctx.source_map
    path = tuple(path)
    for length in range(len(path), 0, -1):
        prefix = path[:length]
        if prefix in source_map.keys or prefix in source_map.values:
            value = source_map.position(prefix)
            key = source_map.keys.get(prefix)
            if length < len(path) and key and key[0] != value[0]:
                return key  # the missing part belongs to this block: point at its key
            return value
    if not source_map.keys:
        return (1, 1)
    from integconcept.document.plain_model import Concept  # the model's field order, without pydantic

    order = list(Concept.model_fields)
    wanted = order.index(path[0]) if path and path[0] in order else len(order)
    present = [name for name in order if (name,) in source_map.keys]
    before = [name for name in present if order.index(name) < wanted]
    anchor = before[-1] if before else (present[0] if present else None)
    if anchor is None:
        return (1, 1)
    return source_map.keys[(anchor,)]


REGISTRY: dict[str, type[Rule]] = {}


PACKS_PACKAGE = "integconcept.rules.packs."


def register(cls: type[Rule]) -> type[Rule]:
    """Class decorator: add a rule to the registry (codes must be unique); its pack is its folder."""
    if cls.code in REGISTRY and REGISTRY[cls.code] is not cls:
        raise ValueError(f"duplicate rule code {cls.code}")
    if not cls.__module__.startswith(PACKS_PACKAGE):
        raise ValueError(f"rule {cls.code} must live in a pack folder below {PACKS_PACKAGE}")
    folder = cls.__module__[len(PACKS_PACKAGE) :].split(".")[0]
    cls.packs = frozenset({folder}) | cls.also_in
    REGISTRY[cls.code] = cls
    return cls
