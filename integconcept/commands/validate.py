"""Library entry point for validation: file → load → schema → configuration → rule engine → findings."""

from __future__ import annotations

import contextlib
import gc
import os
from typing import TYPE_CHECKING, Iterable, Iterator, TypedDict, cast

from integconcept.core.codes import code_name
from integconcept.core.findings import FileResult, Finding, Severity, sort_findings
from integconcept.document.loader import LoadError, load
from integconcept.rules.engine import PACKS_FOR_BASIS  # noqa: F401  (re-exported for the CLI)
from integconcept.rules.engine import run as run_rules  # the rule runner (tests replace it here)

#: how standard input (``-``) is named in places and messages
STDIN_NAME = "<Standardeingabe>"

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from integconcept.document.loader import SourceMap
    from integconcept.document.model import Concept
    from integconcept.procedure.oparl import OParlRequest
    from integconcept.rules.selection import Selection


class CheckOptions(TypedDict, total=False):
    """How a concept is checked (the keyword arguments of :func:`validate_document`, which explains them);
    :func:`validate_file`, :func:`validate_text` and ``wordcheck.check_word`` pass them on."""

    basis: str | None
    settings: dict | None
    rules: bool
    select: list[str] | None
    ignore: list[str] | None
    oparl: OParlRequest | None
    plain: bool
    only: frozenset[str] | None


class OnlyCodes:
    """A rule selection narrowed to ``codes``: ``timeline`` shows only the timeline rules' findings, so only
    those rules run (and only their modules are imported); ``selection`` (select/ignore) still applies."""

    def __init__(self, codes, selection: Selection | None = None):
        self.codes = frozenset(codes)
        self.selection = selection

    def active(self, code: str, packs: frozenset[str]) -> bool:
        return code in self.codes and (self.selection is None or self.selection.active(code, packs))


@contextlib.contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a loaded concept is checked (the command line has it off
    anyway).

    Checking a large concept creates hundreds of thousands of objects and no cycles; in a long-running
    process (the studio) the collector would otherwise walk them, and the old concept's too, several times
    per check. What the check frees is freed by reference counting; the collector runs again when the check
    is done. (Reading the text is left with the collector on: measured in bench/run.py's warm rows, pausing
    it there too was slower.) Process-wide, so the outermost caller that found it on switches it on again."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def rule_options() -> dict[str, tuple[dict, dict]]:
    """Every rule's declared options: code → (CONF, DEFAULT)."""
    from integconcept.rules import all_rules

    return {code: (rule.CONF, rule.DEFAULT) for code, rule in all_rules().items()}


def load_settings(file: str) -> tuple[dict, list[Finding], str | None]:
    """The checked configuration for a concept file: (settings, K900 findings, configuration file).

    A broken TOML file or a bad key or value gives a K900 finding naming the configuration
    file's line; bad values are left out, so the stated defaults apply."""
    from integconcept.document.config import ConfigError, check_config, find_config

    try:
        config = find_config(file)
    except ConfigError as exc:
        return {}, [config_error_finding(exc, file)], exc.file
    # the rules' options are read (every rule module imported) only when the configuration sets some
    settings, problems = check_config(config, rule_options() if config.settings.get("rules") else None)
    return (
        settings,
        [config_error_finding(ConfigError(p.file, p.message, p.line, p.column), file) for p in problems],
        config.file,
    )


def validate_file(file: str, **options: Unpack[CheckOptions]) -> FileResult:
    """Validate one concept file (YAML, or a Word concept imported in memory); never raises for bad input.
    ``-`` (when no file has that name) reads the concept from standard input: its places read
    „<Standardeingabe>:Zeile:Spalte“, the configuration is the one of the current folder.
    ``options``: see :func:`validate_document`."""

    from integconcept.commands.wordcheck import check_word, is_word

    if file == "-" and not os.path.exists(file):  # standard input, as fmt and diff read it
        from integconcept.document.loader import read_stdin

        try:
            text = read_stdin()
        except LoadError as exc:
            return FileResult(file=STDIN_NAME, findings=[exc.finding()], usable=False)
        return validate_text(STDIN_NAME, text, **options)
    if is_word(file):  # a Word concept: imported in memory, findings at their places in the document
        options.pop("plain", None)  # the import builds the model anyway
        return check_word(file, **options)[0]
    try:
        document = load(file)
    except LoadError as exc:
        return FileResult(file=file, findings=[exc.finding()], usable=False)
    return validate_document(document, **options)


def validate_text(file: str, text: str, **options: Unpack[CheckOptions]) -> FileResult:
    """Validate the text of ``file`` as it is being edited (the studio): the same checks as
    :func:`validate_file`, with the configuration found from the file's folder; never raises for bad input.
    The text is read by :func:`read_edited_text`."""
    read = read_edited_text(file, text)
    return read if isinstance(read, FileResult) else validate_document(read, **options)


def read_edited_text(file: str, text: str):
    """The :class:`~integconcept.document.loader.Document` of an edited text, or the result of a text that
    cannot be read (its Y finding, unusable). Read with :func:`~integconcept.document.incremental.compose_edited`:
    the same as reading it whole, but only the entries changed since the last texts are parsed again."""
    from integconcept.document.incremental import compose_edited
    from integconcept.document.loader import Document

    try:
        data, source_map = compose_edited(text)
    except LoadError as exc:
        return FileResult(file=file, findings=[exc.finding()], usable=False)
    if not isinstance(data, dict):
        return FileResult(
            file=file,
            findings=[
                LoadError("Y005", "Die oberste Ebene der Datei muss eine Zuordnung (Schlüssel: Wert) sein.").finding()
            ],
            usable=False,
        )
    return Document(file, text, data, source_map)


def validate_document(
    document,
    *,
    basis: str | None = None,
    settings: dict | None = None,
    rules: bool = True,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    oparl: OParlRequest | None = None,
    plain: bool = False,
    only: frozenset[str] | None = None,
) -> FileResult:
    """Schema, configuration and rules for a loaded :class:`~integconcept.document.loader.Document`.

    The configuration (``[tool.integconcept]`` / ``integconcept.toml``, see :mod:`.config`) is
    found from the file's folder and checked; ``settings`` entries override its keys; ``rules=False``
    checks the schema only; ``basis`` replaces the file's legal basis; ``select``/``ignore`` are the command
    line's (``--select`` replaces the configured select, ``--ignore`` adds to ignore). A bad configuration
    makes the file unusable (K900, exit 2). ``oparl`` (an :class:`~integconcept.procedure.oparl.OParlRequest`)
    adds the check against the council information system; it raises ``OParlError``/``OParlConfigError`` when
    that cannot be used. ``plain=True``: the concept in the result is made of the plain classes of
    :mod:`integconcept.document.plain_model` (for a caller that only reads it and reports the findings, like the
    ``validate`` command: no pydantic at start-up, see :mod:`integconcept.document.plain`); otherwise of the
    model's classes (render, the studio and every caller that copies or dumps the concept). ``only`` (a set of
    codes): no other rule runs (the findings of the input check and of the configuration stay)."""
    with _no_cyclic_gc():
        return _validate_document(document, basis, settings, rules, select, ignore, oparl, plain, only)


def _validate_document(document, basis, settings, rules, select, ignore, oparl, plain, only) -> FileResult:
    from integconcept.document.config import Config, ConfigError
    from integconcept.rules.selection import SelectionError, build_selection

    file = document.file
    if plain:
        from integconcept.document.plain import check as check_schema
    else:
        from integconcept.document.schema_check import check_schema
    concept, findings = check_schema(document.data, document.source_map)
    result = FileResult(file=file, findings=findings, concept=concept, source_map=document.source_map)
    if concept is not None and rules:
        configured, problems, config_file = load_settings(file)
        if problems:
            return FileResult(file=file, findings=problems, usable=False)
        selection: Selection | OnlyCodes
        try:
            selection = build_selection(Config(config_file), select, ignore, configured)
        except SelectionError as exc:
            return FileResult(
                file=file,
                findings=[config_error_finding(ConfigError(config_file or file, str(exc)), file)],
                usable=False,
            )
        if only is not None:
            selection = OnlyCodes(only, selection)
        merged = {**configured, **(settings or {})}
        result.settings = merged
        run_settings = merged
        if oparl is not None and oparl.resolve(merged).url:  # sessions in the council information system
            from integconcept.rules.oparl_check import with_oparl_view  # the HTTP client only when asked for

            run_settings = with_oparl_view(concept, oparl, merged, active=selection.active)
        result.findings.extend(
            run_rules(
                concept,
                document.source_map,
                file,
                basis=basis,
                settings=run_settings,
                text=document.text,
                selection=selection,
            )
        )
    result.findings = sort_findings(result.findings)
    return result


def validate_files(files: Iterable[str], **options: Unpack[CheckOptions]) -> list[FileResult]:
    return [validate_file(f, **options) for f in files]


def config_error_finding(error, concept_file: str | None = None) -> Finding:
    """K900 at its place in the configuration file (``file``, line, column), not at the concept's 1:1."""
    elsewhere = error.file if error.file and error.file != concept_file else None
    return Finding(
        "K900",
        Severity.error,
        error.message,
        (),
        "Korrigieren Sie die Konfigurationsdatei (TOML) oder entfernen Sie sie.",
        error.line if elsewhere else 1,
        error.column if elsewhere else 1,
        name=code_name("K900"),
        file=elsewhere,
    )


def exit_code(results: list[FileResult], *, strict: bool = False, exit_zero: bool = False) -> int:
    """0 clean, 1 findings (errors; with strict also warnings), 2 unusable input."""
    if any(not r.usable for r in results):
        return 2
    if exit_zero:
        return 0
    for result in results:
        if result.count(Severity.error) or (strict and result.count(Severity.warning)):
            return 1
    return 0


def concept_of(result: FileResult) -> Concept | None:
    """``result.concept`` with its type: the validated Concept (core's FileResult cannot name it)."""
    return cast("Concept | None", result.concept)


def source_map_of(result: FileResult) -> SourceMap | None:
    """``result.source_map`` with its type (core's FileResult cannot name it)."""
    return cast("SourceMap | None", result.source_map)
