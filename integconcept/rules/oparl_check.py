"""What the council information system says about the approval process, for the rules of the pack ``oparl``.

:func:`with_oparl_view` reads the sessions of every political body of the approval process and puts
them (a :class:`View`) under :data:`VIEW_KEY` into the settings; the one rule engine then runs the
pack ``oparl`` (T050: no session on the step's day, T051: body not found) with all other rules, so
selection, inline silences and K902 (unused silences) apply to them as to every rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integconcept.document.enums import BodyKind, POLITICAL_BODY_KINDS
from integconcept.procedure.oparl import VIEW_KEY, OParlConfig, OParlRequest
from integconcept.procedure.oparl.matching import MatchResult, match, words
from integconcept.procedure.oparl.objects import Organization
from integconcept.procedure.oparl.source import Sessions, Source, source_for

PACK = "oparl"


@dataclass
class Target:
    """One body of the approval process and what the council information system says about it."""

    name: str
    kind: BodyKind
    explicit: str | None
    steps: list = field(default_factory=list)  # timeline.chain.Step
    result: MatchResult = field(default_factory=MatchResult)
    sessions: Sessions | None = None


@dataclass
class View:
    url: str
    body: str  # name of the OParl body
    organizations: list[Organization]
    targets: list[Target]

    def listed(self) -> list[Organization]:
        """Organisations that can hold sessions of the approval process (no parliamentary groups)."""
        return [o for o in self.organizations if not o.is_group]


#: Council and committees meet in sessions whatever the purpose (an information is an agenda item).
SESSION_KINDS = frozenset({BodyKind.council, BodyKind.main_committee, BodyKind.specialist_committee})


def checked_steps(concept) -> list:
    """Steps that are sessions: every step of the council and its committees; of other political
    bodies (integration councils) only consultations and decisions, since an "information" there is
    usually a talk, not a session (Unna: „Informationsgespräch mit den 6 Integrationsräten“)."""
    from integconcept.procedure.chain import DELIBERATING, build_steps

    return [
        s
        for s in build_steps(concept)
        if s.kind in SESSION_KINDS or (s.kind in POLITICAL_BODY_KINDS and s.purpose in DELIBERATING)
    ]


def _explicit(concept, step, config: OParlConfig) -> tuple[str, str | None, str]:
    """(name, explicit organisation, grouping key) of a step's body."""
    process = concept.approval_process
    body = next((b for b in process.bodies if b.id == step.body_ref), None) if step.body_ref else None
    name = body.name if body else step.body
    explicit = body.oparl_organization if body is not None else None
    mapping = config.organizations
    if not explicit:
        for key in (step.body_ref, name, step.body, step.id):
            if key and key in mapping:
                explicit = mapping[key]
                break
        else:
            wanted = words(name)
            explicit = next((v for k, v in mapping.items() if words(k) == wanted), None)
    group = step.body_ref or f"{step.kind.value}:{' '.join(words(name))}"
    return name, explicit, group


def build_view(concept, source: Source, config: OParlConfig) -> View:
    organizations = source.organizations()
    targets: dict[str, Target] = {}
    for step in checked_steps(concept):
        name, explicit, group = _explicit(concept, step, config)
        target = targets.setdefault(group, Target(name, step.kind, explicit))
        target.steps.append(step)
    for target in targets.values():
        target.result = match(
            target.name, target.kind, organizations, explicit=target.explicit, authority=concept.authority.name
        )
        if target.result.found and any(s.dated for s in target.steps):
            target.sessions = source.sessions(target.result.organizations)
    return View(source.url, source.body().name, organizations, list(targets.values()))


def with_oparl_view(concept, request: OParlRequest, settings: dict, *, active=None) -> dict:
    """``settings`` with the council information system's view added for the rules of the pack ``oparl``.

    The view is read only when an OParl URL is given or configured, the concept has an approval
    process and a rule of the pack is selected (``active(code, packs)``); the rules themselves run in
    the one rule engine (:func:`integconcept.rules.engine.run`) with every other rule, so selection,
    silences and unused-silence reports treat them alike. Raises
    :class:`~integconcept.procedure.oparl.OParlError` / ``OParlConfigError`` (exit code 2).
    """
    from integconcept.rules.index import RULES

    config = request.resolve(settings)
    if not config.url or concept.approval_process is None:
        return settings
    if not any(PACK in packs and (active is None or active(code, packs)) for code, (_, packs, _) in RULES.items()):
        return settings
    source = source_for(config, request, concept.authority.name)
    return {**settings, VIEW_KEY: build_view(concept, source, config)}
