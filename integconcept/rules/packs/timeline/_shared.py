"""Citations and helpers shared by the timeline rules."""

from __future__ import annotations

import bisect
import datetime as _dt

from integconcept.core.findings import Citation

_MIN = _dt.date.min

KRO_URL = "https://recht.nrw.de/lmi/owa/br_show_historie?p_id=585"

KRO_50 = Citation(
    "KrO NRW", section="§ 50", url=KRO_URL, note="Der Kreisausschuss bereitet die Beschlüsse des Kreistags vor"
)
KRO_32_2 = Citation(
    "KrO NRW", section="§ 32", paragraph="2", url=KRO_URL, note="Ladungsfrist und Form regelt die Geschäftsordnung"
)
KRO_41 = Citation("KrO NRW", section="§ 41", url=KRO_URL, note="Ausschüsse beraten und empfehlen")
FOERDER_2012 = Citation(
    "Förderrichtlinie Kommunale Integrationszentren",
    version="2012",
    url="https://www.kommunale-integrationszentren-nrw.de/rahmenbedingungen",
    note="MBl. NRW. 2012 Nr. 19, Runderlass vom 25.06.2012",
)
#: GO NRW for kreisfreie Städte (domain.md: § 57 committees, § 59 Hauptausschuss, § 47 Rat, § 27
#: Integrationsrat; paraphrase only, no verbatim copy found).
GO_57 = Citation(
    "GO NRW",
    section="§ 57",
    note="Der Rat kann Ausschüsse bilden; Pflichtausschüsse, darunter der Hauptausschuss (sinngemäß)",
)
GO_59 = Citation(
    "GO NRW",
    section="§ 59",
    note="Hauptausschuss: stimmt die Arbeit der Ausschüsse aufeinander ab; "
    "keine Reihenfolge vorgeschrieben (sinngemäß)",
)
GO_47 = Citation(
    "GO NRW", section="§ 47", note="Einberufung des Rates; Ladungsfrist und Form regelt die Geschäftsordnung"
)
GO_27 = Citation("GO NRW", section="§ 27", note="Integrationsrat: ist zu Fragen der Integration zu hören (sinngemäß)")
FEIERTAGSGESETZ = Citation("Feiertagsgesetz NRW", section="§ 2", note="gesetzliche Feiertage in NRW")
SCHULFERIEN = Citation("Ferienordnung NRW", note="Schulferien; keine Rechtspflicht, übliche Sitzungspause")


def is_city(ctx) -> bool:
    return ctx.concept.authority.kind.value == "kreisfreie_stadt"


def committee_citations(ctx) -> tuple[Citation, ...]:
    """Committees advise: § 41 KrO NRW in a Kreis, § 57 GO NRW in a kreisfreie Stadt."""
    return (GO_57,) if is_city(ctx) else (KRO_41,)


def main_committee_citations(ctx) -> tuple[Citation, ...]:
    """The Kreisausschuss prepares the Kreistag's decisions (§ 50 KrO NRW); a Stadt's Hauptausschuss
    coordinates the committees (§ 59 GO NRW), which orders nothing."""
    return (GO_59,) if is_city(ctx) else (KRO_50,)


def council_citations(ctx) -> tuple[Citation, ...]:
    """Notice period and form of the invitation: § 32 Abs. 2 KrO NRW, § 47 GO NRW."""
    return (GO_47,) if is_city(ctx) else (KRO_32_2,)


def main_committee_last(ctx) -> bool:
    """Must the Hauptausschuss deliberate after the specialist committees? Always in a Kreis (§ 50 KrO
    NRW: the Kreisausschuss prepares the decision); in a kreisfreie Stadt only where its rules of
    procedure say so (setting ``main_committee_after_committees``)."""
    if not is_city(ctx):
        return True
    from integconcept.procedure.settings import timeline_settings

    return timeline_settings(ctx.settings).get("main_committee_after_committees") is True


def prepared_decision(ctx, step):
    """The council decision ``step`` prepares: the first council decision (by date, else by list
    position) not before it. A chain may hold several (KIM: joining the programme, then extending
    it); each committee is measured against the one it prepares. ``None`` when the step comes after
    every council decision: then the adopting council is its measure.

    "Not before it" is :func:`order_verdict` being None: both dated, the council starts on or after
    the step's end; otherwise the council stands below the step in the list. Both are looked up with
    bisect in tables built once per run, so a long chain costs n log n, not n × councils."""
    table = _council_table(ctx)
    candidates = []
    if step.dated:
        i = bisect.bisect_left(table.starts, step.end)
        if i < len(table.dated):
            candidates.append(table.dated[i])
        undated = table.undated_after(step.index)
    else:
        undated = table.all_after(step.index)
    if undated is not None:
        candidates.append(undated)
    candidates = [c for c in candidates if c is not step]
    return min(candidates, key=_council_key) if candidates else None


def _council_key(step):
    return (step.start or step.earliest or _MIN, step.index)


class _CouncilTable:
    """The council decisions of a chain, ready for lookups (built once per run)."""

    def __init__(self, councils):
        self.dated = sorted((c for c in councils if c.dated), key=lambda c: (c.start, c.index))
        self.starts = [c.start for c in self.dated]
        by_index = sorted(councils, key=lambda c: c.index)
        self.indices = [c.index for c in by_index]
        # suffix minima (by the council order) of all councils and of the undated ones, by list position
        self._all = self._suffix_min(by_index)
        self._undated = self._suffix_min([c if not c.dated else None for c in by_index])

    @staticmethod
    def _suffix_min(items):
        out = [None] * (len(items) + 1)
        for i in range(len(items) - 1, -1, -1):
            here, after = items[i], out[i + 1]
            out[i] = (
                here if after is None or (here is not None and _council_key(here) <= _council_key(after)) else after
            )
        return out

    def _after(self, table, index):
        return table[bisect.bisect_right(self.indices, index)]

    def all_after(self, index):
        return self._after(self._all, index)

    def undated_after(self, index):
        return self._after(self._undated, index)


def _council_table(ctx) -> _CouncilTable:
    cache = ctx.__dict__
    if "_council_table" not in cache:
        cache["_council_table"] = _CouncilTable(council_steps(ctx))
    return cache["_council_table"]


def council_steps(ctx) -> list:
    from integconcept.document.enums import BodyKind
    from integconcept.procedure.chain import DELIBERATING

    councils = [s for s in ctx.chain if s.kind is BodyKind.council and s.purpose in DELIBERATING]
    return sorted(councils, key=_council_key)


def measure(ctx, step):
    """The council decision a deliberating step is measured against (see :func:`prepared_decision`)."""
    return prepared_decision(ctx, step) or ctx.adopting_council


def funding_citations(ctx) -> tuple[Citation, ...]:
    """The funding guideline that applies to the concept's dates (never the 2012 one for a 2022 concept)."""
    return (ctx.guideline.ki_citation,)


def agreement_citation(ctx) -> Citation:
    """Where "im Einvernehmen mit den Gemeinden" stands for the concept's basis."""
    from integconcept.rules.law import p7, p8

    return p7("1", "2") if ctx.basis == "tintg2012-p7" else p8("1", "3")


def order_verdict(early, late) -> str | None:
    """Must ``early`` be on or before ``late``? "error" (fails for every possible day),
    "open" (depends on the exact day of a vague date), "list" (an undated step is listed in the
    wrong place) or None (in order)."""
    from integconcept.procedure.chain import compare

    if early.dated and late.dated:
        return {"no": "error", "open": "open", "yes": None}[compare(early, late)]
    return "list" if early.index > late.index else None


#: The hint of every "listed in the wrong order" finding (undated steps are judged by their place in the list).
LIST_HINT = "Ordnen Sie die Schritte in der Reihenfolge des Verfahrens oder tragen Sie Daten ein."


def order_problems(
    step,
    early,
    late,
    *,
    wrong: str,
    wrong_hint: str,
    depends: str | None = None,
    depends_hint: str = "Tragen Sie den genauen Sitzungstag ein.",
    listed: str | None = None,
    listed_hint: str = LIST_HINT,
    severity=None,
):
    """The one way the timeline rules report an order: must ``early`` be on or before ``late``?

    Returns (verdict, problems) for ``step`` (the step the finding is about, ``early`` or ``late``):
    ``wrong`` at the step's date when the order fails for every possible day (at ``severity``, default
    the rule's), ``depends`` as a note when it depends on the exact day of a vague date, ``listed`` as a
    note at the step when undated steps are listed in the wrong order (no finding when a text is None)."""
    from integconcept.core.findings import Severity
    from integconcept.rules.base import Problem

    verdict = order_verdict(early, late)
    if verdict == "error":
        return verdict, [Problem(step.field_path("date"), wrong, wrong_hint, severity)]
    if verdict == "open" and depends is not None:
        return verdict, [Problem(step.field_path("date"), depends, depends_hint, Severity.info)]
    if verdict == "list" and listed is not None:
        return verdict, [Problem(step.path, listed, listed_hint, Severity.info)]
    return verdict, []


def preparing(steps, kind, anchor):
    """Deliberating steps of ``kind`` that are not after the adopting council decision."""
    from integconcept.procedure.chain import DELIBERATING

    out = []
    for step in steps:
        if step.kind is not kind or step.purpose not in DELIBERATING:
            continue
        if anchor is not None and order_verdict(step, anchor) == "error":
            continue
        out.append(step)
    return out
