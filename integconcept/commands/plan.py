"""``timeline plan``: options → plan → the same outputs as ``timeline`` (plus a YAML fragment).

The proposed chain is put into a copy of the concept (or a minimal one) and checked with the
timeline rules, so the output shows any finding the plan itself would get.
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from typing import TYPE_CHECKING, NamedTuple, TextIO

from integconcept.core.errors import UserError
from integconcept.core.findings import FileResult
from integconcept.core.german import did_you_mean
from integconcept.document.enums import BodyKind
from integconcept.core.safe_text import json_text

if TYPE_CHECKING:
    from integconcept.document.model import Concept
    from integconcept.procedure.plan import Plan


def _fail(message: str, code: int = 2):
    raise UserError(message, code)


class PlanRequest(NamedTuple):
    """What ``timeline plan`` plans from: the council date (JJJJ-MM-TT, as given) and where the authority, the
    committee names, the notice periods and the real sessions come from (all optional). A named tuple, not a
    frozen dataclass: defining that compiles generated code, which costs ``timeline plan`` start-up time."""

    council_date: str
    file: str | None = None
    authority_kind: str | None = None
    committee: str | None = None
    calendar_file: str | None = None
    oparl: str | None = None
    oparl_cache: str | None = None
    oparl_same_server: bool = False  # refuse the system's redirects to another server (--oparl-same-server)


class _Planned:
    """A plan and what it was made from: the council date, the concept file (or None), its configuration, its
    data as read (the base of the proposed concept) and its concept."""

    __slots__ = ("target", "file", "settings", "base", "concept", "plan")

    def __init__(
        self, target: dt.date, file: str | None, settings: dict, base: dict, concept: Concept, plan: Plan
    ) -> None:
        self.target = target
        self.file = file
        self.settings = settings
        self.base = base
        self.concept = concept
        self.plan = plan


def run_plan(request: PlanRequest, format: str) -> tuple[int, str | bytes]:
    """The plan in ``format`` and the exit code; unusable options raise :class:`UserError`."""
    planned = _make_plan(request)
    if isinstance(planned, int):  # the concept is unusable: its findings are on stderr already
        return planned, ""
    return _plan_output(planned, format)


def plan_entries(request: PlanRequest) -> tuple[int, list[dict] | None]:
    """The plan's steps as ``plan_steps_data`` entries, each with its reasoning under ``"#"`` (what
    ``plan_yaml`` writes as the comment on the date), for :func:`plan_into_file`; ``None`` and the exit code
    when the concept is unusable (its findings are on stderr already)."""
    planned = _make_plan(request)
    if isinstance(planned, int):
        return planned, None
    from integconcept.procedure.plan import plan_steps_data

    plan = planned.plan
    entries = plan_steps_data(plan)
    for step, entry in zip(plan.steps, entries):
        reasons = [f"Vorschlag: {step.note}" if step.note else "Vorschlag"]
        if step.latest_invitation:
            reasons.append(f"Ladung spätestens {step.latest_invitation:%d.%m.%Y}")
        entry["#"] = "; ".join(reasons)
    return 0, entries


def _make_plan(request: PlanRequest) -> _Planned | int:
    """The plan for ``request``, or the exit code when its concept file is unusable (reported on stderr)."""
    from integconcept.document.dates import DateFormatError, parse_day
    from integconcept.procedure import plan as planning
    from integconcept.procedure.settings import consultation_days, notice_for

    file, authority_kind, committee = request.file, request.authority_kind, request.committee
    calendar_file, oparl = request.calendar_file, request.oparl
    try:
        target = parse_day(request.council_date)
    except DateFormatError as exc:
        hint = did_you_mean([exc.suggestion] if exc.suggestion else [], quote=False)
        _fail(f"--council-date: {exc} {hint}Erwartet wird ein Tag in der Form JJJJ-MM-TT, z. B. 2012-10-30.")
    settings = load_project_settings(file)
    if file is not None:
        result, base = _read_concept(file, settings)
        if result.concept is None:
            from integconcept.commands.validate import exit_code
            from integconcept.reporting.reporters import REPORTERS

            REPORTERS["text"](sys.stderr).report([result])
            return exit_code([result]) or 1
        from integconcept.commands.validate import concept_of

        kind = concept_of(result).authority.kind.value  # type: ignore[union-attr]  # checked above
        if authority_kind and authority_kind != kind:
            _fail(
                f"--authority-kind {authority_kind} widerspricht der Konzeptdatei "
                f"(authority.kind: {kind}). Lassen Sie die Option weg."
            )
    else:
        kind = authority_kind or "kreis"
        if kind not in ("kreis", "kreisfreie_stadt"):
            _fail(f"--authority-kind: „{kind}“ ist nicht erlaubt; möglich sind kreis und kreisfreie_stadt.")
        base = {
            "format_version": 1,
            "id": "gremienlauf-plan",
            "title": "Geplanter Gremienlauf",
            "authority": {"name": "Kreis" if kind == "kreis" else "Stadt", "kind": kind},
            "status": "draft",
            "legal_basis": "tintg2022-p8",
        }
    concept = _validated(base)
    city = concept.authority.kind.value == "kreisfreie_stadt"
    names: dict[BodyKind, str] = {}
    process = concept.approval_process
    for body in process.bodies if process else []:
        names.setdefault(body.kind, body.name)
    if committee:
        names[BodyKind.specialist_committee] = committee
    sessions = None
    calendar_notes: list[str] = []
    oparl_notes: list[str] = []
    if calendar_file is not None and oparl is not None:
        _fail("Bitte nur einen Sitzungskalender angeben: --calendar (.ics) oder --oparl (Ratsinformationssystem).")
    try:
        if calendar_file is not None:
            sessions = planning.read_sessions(calendar_file, calendar_notes)
        else:  # --oparl or the configuration's oparl key: the real sessions from the council information system
            sessions, oparl_notes = _oparl_sessions(request, settings, concept, names, city)
        notice = notice_for(concept, None, settings)
        minimum, _, _ = consultation_days(concept, settings)
        plan = planning.make_plan(
            target, city=city, notice=notice, min_consultation_days=minimum, names=names, sessions=sessions
        )
        plan.notes[:0] = calendar_notes
    except planning.PlanError as exc:
        _fail(str(exc))
    plan.notes[:0] = oparl_notes
    return _Planned(target, file, settings, base, concept, plan)


def _plan_output(planned: _Planned, format: str) -> tuple[int, str | bytes]:
    """The plan as YAML fragment, or checked with the timeline rules as ``timeline`` shows a concept's."""
    from integconcept.commands.validate import OnlyCodes, run_rules
    from integconcept.document.loader import SourceMap
    from integconcept.procedure import plan as planning
    from integconcept.reporting import timeline as report

    target, file, settings, plan = planned.target, planned.file, planned.settings, planned.plan
    if format == "yaml":
        return 0, planning.plan_yaml(plan)

    data = dict(planned.base)
    data["approval_process"] = {**planned.base.get("approval_process", {}), "steps": planning.plan_steps_data(plan)}
    proposed = _validated(data)
    codes = report.timeline_codes()  # only the timeline's rules run: only their findings are shown
    findings = [
        f
        for f in run_rules(proposed, SourceMap(), file or "plan", settings=settings, selection=OnlyCodes(codes))
        if f.code in codes
    ]
    timeline = report.build(file or "plan", proposed, findings, settings)
    code = 1 if any(f.severity.value == "error" for f in findings) else 0
    if format == "ics":
        from integconcept.reporting.ics import calendar_key, timeline_ics

        # without a file the plan has no authority of its own: its council date tells two plans apart
        key = calendar_key(planned.concept, *(() if file else (target.isoformat(),)))
        return code, timeline_ics(timeline, key=key)
    buffer = io.StringIO()
    if format == "json":
        import json

        report.render_json(timeline, buffer)
        document = json.loads(buffer.getvalue())
        document["plan"] = {
            "council_date": target.isoformat(),
            "notes": plan.notes,
            "latest_invitations": {s.id: s.latest_invitation.isoformat() for s in plan.steps if s.latest_invitation},
        }
        return code, json_text(document, indent=2) + "\n"
    report.render_text(timeline, buffer, title=f"Vorschlag Gremienlauf bis {target:%d.%m.%Y} (späteste Termine)")
    for note in plan.notes:
        buffer.write(f"Hinweis: {note}\n")
    return code, buffer.getvalue()


def _read_concept(file: str, settings: dict) -> tuple[FileResult, dict]:
    """The concept file checked (schema only) and its data as read, the base of the proposed concept.

    A YAML concept goes the plain path (pydantic-core from the stored schema, as ``validate`` and ``timeline``):
    the proposed concept is its data with the planned steps, validated the same way. A Word concept is imported
    through the model; its data is the model's dump."""
    from integconcept.commands.validate import concept_of, validate_document, validate_file
    from integconcept.commands.wordcheck import is_word

    if is_word(file):
        result = validate_file(file, settings=settings, rules=False)
        concept = concept_of(result)
        return result, (concept.model_dump(mode="json", exclude_none=True) if concept is not None else {})
    from integconcept.document.loader import LoadError, load

    try:
        document = load(file)
    except LoadError as exc:
        return FileResult(file=file, findings=[exc.finding()], usable=False), {}
    return validate_document(document, settings=settings, rules=False, plain=True), document.data


def _validated(data: dict) -> Concept:
    """``data`` (valid: a checked concept's data with planned steps, or the minimal concept) as a concept of the
    plain classes (pydantic-core from the stored schema: no pydantic for ``timeline plan``)."""
    from integconcept.document.plain import validator

    return validator().validate_python(data)


def _oparl_sessions(plan: PlanRequest, settings, concept, names, city):
    """(sessions, notes) from the council information system, or (None, []) when none is asked for.

    An unusable system raises ``OParlError`` (a :class:`UserError`, exit code 2)."""
    from integconcept.procedure.oparl import OParlRequest

    request = OParlRequest(plan.oparl, plan.oparl_cache, other_servers=False if plan.oparl_same_server else None)
    try:
        config = request.resolve(settings)
        if not config.url:
            return None, []
        from integconcept.procedure.oparl.planning import plan_sessions

        return plan_sessions(request, config, concept, names, city)
    finally:
        request.close()


def load_project_settings(concept_file: str | None = None) -> dict:
    """The checked project configuration, found exactly as ``validate`` finds it.

    ``[tool.integconcept]`` of a ``pyproject.toml`` or an ``integconcept.toml``, walking up from the
    concept file's folder (from the current folder when planning without a file). Bad keys and
    values are left out here; ``validate_file`` reports them (K900).
    """
    import os

    from integconcept.commands.validate import load_settings

    settings, _, _ = load_settings(concept_file or os.path.join(os.getcwd(), "plan.yaml"))
    return settings


def plan_into_file(
    request: PlanRequest, *, stdout: TextIO | None = None, stderr: TextIO | None = None, today=None, check: bool = False
) -> int:
    """``timeline plan … --into FILE``: plan from ``request.file`` and take the plan into its
    ``approval_process.steps``.

    Shows each step's outcome (new, changed, kept) on ``stdout``; writes the file atomically unless ``check``.
    Returns 0 (also when nothing changes), 1 with ``check`` when the file would change; unusable input raises
    :class:`UserError` (the file stays as it is)."""
    stdout, stderr = stdout or sys.stdout, stderr or sys.stderr  # the process's streams unless given
    from pathlib import Path

    from integconcept.core.output import atomic_write, check_output_path
    from integconcept.document.loader import LoadError, read_text
    from integconcept.drafting.fmt import FormatError
    from integconcept.drafting.plan_into import plan_into_text

    file = request.file
    if file is None:
        raise ValueError("plan_into_file plans from a concept file (request.file)")
    code, planned = plan_entries(request)
    if planned is None:  # the concept is unusable: its findings are on stderr already
        return code
    try:
        text = read_text(file)
    except LoadError as exc:
        _fail(f"{file}: {exc.message}")
    with open(file, "rb") as handle:  # Windows line endings stay Windows line endings
        raw = handle.read()
    crlf = b"\r\n" in raw[: 64 * 1024]
    text = text.replace("\r\n", "\n")
    try:
        result = plan_into_text(text, file, planned, today or dt.date.today())
    except FormatError as exc:
        stderr.write(exc.message + "\n")
        return 2
    verb = "würde geändert" if check else "übernommen"
    stdout.write(f"Gremienlauf bis {request.council_date} in {file} (approval_process.steps):\n")
    for line in result.changes:
        stdout.write(f"  {line}\n")
    if not result.changed:
        stdout.write("Keine Änderung; die Datei bleibt, wie sie ist.\n")
        return 0
    if check:
        stdout.write(f"{file} {verb} (nichts geschrieben).\n")
        return 1
    path = check_output_path(file, {"Sitzungskalender (Eingabe)": request.calendar_file})
    from integconcept.core.replace import changed_since

    if changed_since(Path(path), raw):  # saved by an editor meanwhile: that version stays
        _fail(
            f"„{file}“ wurde während der Planung geändert (z. B. im Editor gespeichert); die Datei bleibt, wie sie "
            "jetzt ist. Bitte den Befehl erneut aufrufen."
        )
    atomic_write(Path(path), (result.text.replace("\n", "\r\n") if crlf else result.text).encode("utf-8"))
    stdout.write(
        f"Geschrieben: {file} (Kommentare und alles außerhalb der Schritte unverändert; jedes "
        "vorgeschlagene Datum mit dem Kommentar „# Vorschlag …“).\n"
    )
    return 0
