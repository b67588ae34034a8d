"""Library entry point for validation: file → load → schema → rule packs → findings."""

from __future__ import annotations

from typing import Iterable

from .findings import FileResult, Finding, Severity, sort_findings
from .loader import LoadError, load
from .schema_check import check_schema

#: Which packs run for which legal basis; "common" (consistency) and "timeline" (dates of the
#: approval process) run always.
PACKS_FOR_BASIS = {
    "tintg2012-p7": ("common", "timeline", "tintg2012"),
    "tintg2022-p8": ("common", "timeline", "tintg2022"),
    "tintg2022-p8-p9": ("common", "timeline", "tintg2022", "kim"),
}


def run_rules(concept, source_map, file: str, *, basis: str | None = None,
              settings: dict | None = None, text: str = "", selection=None) -> list[Finding]:
    """Run the packs for the basis (restricted to ``selection``), then apply the inline silences
    found in ``text`` (see :mod:`.selection` and :mod:`.silence`)."""
    from .selection import Selection, run_selected

    return run_selected(concept, source_map, text, file, basis=basis, settings=settings or {},
                        selection=selection or Selection())


def validate_file(file: str, *, basis: str | None = None, settings: dict | None = None,
                  rules: bool = True, select: list[str] | None = None,
                  ignore: list[str] | None = None, oparl=None) -> FileResult:
    """Validate one concept file; never raises for bad input.

    The configuration (``[tool.integconcept]`` / ``integconcept.toml``, see :mod:`.selection`) is
    found from the file's folder; ``settings`` entries override its keys; ``select``/``ignore`` are
    the command line's (``--select`` replaces the configured select, ``--ignore`` adds to ignore).
    ``oparl`` (an :class:`~integconcept.oparl.OParlRequest`) adds the check against the council
    information system; it raises ``OParlError``/``OParlConfigError`` when that cannot be used.
    """
    from .selection import ConfigError, SelectionError, build_selection, config_error_finding, find_config

    try:
        document = load(file)
    except LoadError as exc:
        return FileResult(file=file, findings=[exc.finding()], usable=False)
    concept, findings = check_schema(document.data, document.source_map)
    result = FileResult(file=file, findings=findings, concept=concept, source_map=document.source_map)
    if concept is not None and rules:
        try:
            config = find_config(file)
            selection = build_selection(config, select, ignore)
        except ConfigError as exc:
            return FileResult(file=file, findings=[config_error_finding(exc)], usable=False)
        except SelectionError as exc:
            return FileResult(file=file, findings=[config_error_finding(ConfigError(config.file or file, str(exc)))],
                              usable=False)
        merged = {**config.settings, **(settings or {})}
        result.settings = merged
        result.findings.extend(run_rules(concept, document.source_map, file, basis=basis, settings=merged,
                                         text=document.text, selection=selection))
        if oparl is not None:  # sessions in the council information system (integconcept/oparl)
            from .oparl.check import oparl_findings

            result.findings.extend(oparl_findings(concept, document.source_map, file, oparl, settings=merged,
                                                  basis=basis, text=document.text, active=selection.active))
    result.findings = sort_findings(result.findings)
    return result


def validate_files(files: Iterable[str], **options) -> list[FileResult]:
    return [validate_file(f, **options) for f in files]


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
