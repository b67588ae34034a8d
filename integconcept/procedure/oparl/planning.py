"""``timeline plan --oparl URL``: the real sessions of the council, the main committee and the
specialist committee as the planning calendar (like ``--calendar`` with an .ics file)."""

from __future__ import annotations

import datetime as dt

from integconcept.document.enums import BodyKind
from integconcept.procedure.oparl import OParlConfig, OParlRequest
from integconcept.procedure.oparl.matching import match, words
from integconcept.procedure.oparl.source import source_for


def plan_sessions(
    request: OParlRequest, config: OParlConfig, concept, names: dict[BodyKind, str], city: bool
) -> tuple[list[tuple[dt.date, str, BodyKind]], list[str]]:
    """(day, name, kind) of every held (not cancelled) session of the three bodies, and German notes."""
    source = source_for(config, request, concept.authority.name)
    organizations = source.organizations()
    explicit: dict[BodyKind, str] = {}
    process = concept.approval_process
    for body in process.bodies if process else []:
        key = body.oparl_organization or config.organizations.get(body.id) or config.organizations.get(body.name)
        if key:
            explicit.setdefault(body.kind, key)
    wanted = [
        (BodyKind.council, names.get(BodyKind.council) or ("Rat" if city else "Kreistag")),
        (
            BodyKind.main_committee,
            names.get(BodyKind.main_committee) or ("Hauptausschuss" if city else "Kreisausschuss"),
        ),
        (BodyKind.specialist_committee, names.get(BodyKind.specialist_committee)),
    ]
    sessions: list[tuple[dt.date, str, BodyKind]] = []
    notes: list[str] = []
    for kind, name in wanted:
        if not name:
            notes.append(
                "Ohne --committee (oder einen Fachausschuss unter approval_process.bodies) ist der "
                "Fachausschuss nicht aus dem Ratsinformationssystem geplant."
            )
            continue
        mapped = (
            explicit.get(kind)
            or config.organizations.get(name)
            or next((v for k, v in config.organizations.items() if words(k) == words(name)), None)
        )
        result = match(name, kind, organizations, explicit=mapped, authority=concept.authority.name)
        if not result.found:
            listed = ", ".join(
                f"„{o.name}“" for o in (result.candidates or [o for o in organizations if not o.is_group])[:25]
            )
            notes.append(
                f"„{mapped or name}“ ist im Ratsinformationssystem „{source.body().name}“ nicht eindeutig "
                f"zu finden (in Frage kommen: {listed or 'keine'}); für dieses Gremium gilt der "
                "berechnete Tag."
            )
            continue
        found = source.sessions(result.organizations)
        sessions.extend((day, name, kind) for day in sorted(found.days))
    return sessions, notes
