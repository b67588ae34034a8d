"""What the common commands do once their arguments are parsed, without typer.

Both front ends call these functions: :mod:`integconcept.cli.app` (typer, with the German help and usage
errors) and :mod:`integconcept.cli.fast` (the plain invocations of ``validate``, ``timeline``, ``diff`` and
``render``, parsed without importing typer). Each returns the exit code; wrong usage raises
:class:`~integconcept.core.errors.UserError` (``Fehler: …``, exit code 2)."""

from __future__ import annotations

import os
import sys
from typing import NoReturn

from integconcept.core.errors import UserError

PLAN_FORMATS = ("text", "json", "ics", "yaml")

#: formats read by programs: written to standard output as UTF-8 whatever the console's code page
MACHINE_FORMATS = ("json", "sarif", "ics", "yaml")


def stdout_for(format: str | None):
    """Standard output for ``format``: UTF-8 for a machine-readable one (core.console_text.machine_output),
    the console stream with readable substitutes for text people read."""
    if format in MACHINE_FORMATS:
        from integconcept.core.console_text import machine_output

        return machine_output(sys.stdout)
    return sys.stdout


def fail_usage(message: str) -> NoReturn:
    """Wrong usage: German message on stderr, exit code 2 (printed by main, like every UserError)."""
    raise UserError(message)


def check_rule_options(basis: str | None, select: list[str] | None, ignore: list[str] | None) -> None:
    """--basis, --select and --ignore as validate and review take them: an unknown basis or a key that matches
    no rule is wrong usage (German message, exit code 2)."""
    from integconcept.commands.validate import PACKS_FOR_BASIS
    from integconcept.rules.selection import SelectionError, check_keys

    if basis is not None and basis not in PACKS_FOR_BASIS:
        fail_usage(f"unbekannte Rechtsgrundlage „{basis}“. Erlaubt: {', '.join(PACKS_FOR_BASIS)}.")
    try:
        for option, keys in (("--select", select), ("--ignore", ignore)):
            check_keys([k.strip() for item in keys or [] for k in item.split(",") if k.strip()], option)
    except SelectionError as exc:
        fail_usage(str(exc))


def validate(
    files: list[str],
    format: str | None = None,
    strict: bool = False,
    exit_zero: bool = False,
    select: list[str] | None = None,
    ignore: list[str] | None = None,
    basis: str | None = None,
    oparl: str | None = None,
    oparl_cache: str | None = None,
    skip_other_yaml: bool = False,
    oparl_same_server: bool = False,
) -> int:
    from integconcept.commands.validate import exit_code, validate_files
    from integconcept.reporting.reporters import REPORTERS

    if format is None:
        format = "github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text"
    if format not in REPORTERS:
        fail_usage(f"unbekanntes Format „{format}“. Erlaubt: {', '.join(REPORTERS)}.")
    check_rule_options(basis, select, ignore)
    if files.count("-") > 1 and not os.path.exists("-"):
        fail_usage(
            "„-“ (die Standardeingabe) ist mehrmals angegeben; sie kann nur einmal gelesen werden. "
            "Geben Sie „-“ nur einmal an und die übrigen Konzepte als Dateien."
        )
    if skip_other_yaml:
        from integconcept.core.replace import skip_other_yaml as concepts_only

        files = concepts_only(files, sys.stderr)
        if not files:
            return 0
    from integconcept.procedure.oparl import OParlRequest

    # an unusable council information system: UserError, exit 2
    request = OParlRequest(oparl, oparl_cache, other_servers=False if oparl_same_server else None)
    try:
        results = validate_files(files, basis=basis, select=select, ignore=ignore, oparl=request, plain=True)
    finally:
        request.close()
    REPORTERS[format](stdout_for(format)).report(results)
    return exit_code(results, strict=strict, exit_zero=exit_zero)


def render(
    file: str,
    output: str,
    template: str | None = None,
    pdf: bool = False,
    keep_header: bool = False,
    force: bool = False,
) -> int:
    from integconcept.commands.render import render_file

    return render_file(file, output, template=template, pdf=pdf, keep_header=keep_header, force=force)


def timeline_check(
    file: str,
    format: str = "text",
    out: str | None = None,
    oparl: str | None = None,
    oparl_cache: str | None = None,
    force: bool = False,
    oparl_same_server: bool = False,
) -> int:
    from integconcept.commands.timeline import check_file, emit

    code, data = check_file(
        file, format, oparl=oparl, oparl_cache=oparl_cache, other_servers=False if oparl_same_server else None
    )
    emit(data, out, (file,), stdout=stdout_for(format), force=force)
    return code


def timeline_plan(
    council_date: str,
    file: str | None = None,
    authority_kind: str | None = None,
    committee: str | None = None,
    calendar_file: str | None = None,
    format: str = "text",
    out: str | None = None,
    oparl: str | None = None,
    oparl_cache: str | None = None,
    force: bool = False,
    into: str | None = None,
    check: bool = False,
    oparl_same_server: bool = False,
) -> int:
    from integconcept.commands.plan import PlanRequest, plan_into_file, run_plan
    from integconcept.commands.timeline import emit

    request = PlanRequest(
        council_date, into or file, authority_kind, committee, calendar_file, oparl, oparl_cache, oparl_same_server
    )
    if into is not None:
        if file is not None and os.path.abspath(file) != os.path.abspath(into):
            fail_usage(
                f"--into {into}: der Plan wird in die Konzeptdatei übernommen, aus der er entsteht; bitte "
                f"DATEI weglassen („{file}“) oder dieselbe Datei angeben."
            )
        if out is not None or format != "text":
            fail_usage("--into schreibt in die Konzeptdatei; --output und --format passen nicht dazu.")
        return plan_into_file(request, check=check)
    if check:
        fail_usage("--check gehört zu --into (zeigt, was die Übernahme in die Konzeptdatei ändern würde).")
    if format not in PLAN_FORMATS:
        fail_usage(f"unbekanntes Format „{format}“. Erlaubt: {', '.join(PLAN_FORMATS)}.")
    code, data = run_plan(request, format)
    emit(data, out, tuple(x for x in (file, calendar_file) if x), stdout=stdout_for(format), force=force)
    return code


def diff(
    old: str,
    new: str,
    format: str = "text",
    output: str | None = None,
    template: str | None = None,
    force: bool = False,
) -> int:
    from integconcept.commands.drafting import diff_run

    return diff_run(old, new, format=format, output=output, template=template, stdout=stdout_for(format), force=force)


def fmt(files: list[str], check: bool = False, diff: bool = False, skip_other_yaml: bool = False) -> int:
    from integconcept.commands.drafting import fmt_run

    if skip_other_yaml:
        from integconcept.core.replace import skip_other_yaml as concepts_only

        files = concepts_only(files, sys.stderr)
        if not files:
            return 0
    return fmt_run(files, check=check, diff=diff)


def import_word(word: str, output: str) -> int:
    """``integconcept import WORD.docx -o KONZEPT.yaml``."""
    from integconcept.commands.importing import import_file

    return import_file(word, output, stdout=sys.stdout)
