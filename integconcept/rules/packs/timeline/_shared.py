"""Citations and helpers shared by the timeline rules."""

from __future__ import annotations

from integconcept.core.findings import Citation

KRO_URL = "https://recht.nrw.de/lmi/owa/br_show_historie?p_id=585"

KRO_50 = Citation("KrO NRW", section="§ 50", url=KRO_URL,
                  note="Der Kreisausschuss bereitet die Beschlüsse des Kreistags vor")
KRO_32_2 = Citation("KrO NRW", section="§ 32", paragraph="2", url=KRO_URL,
                    note="Ladungsfrist und Form regelt die Geschäftsordnung")
KRO_41 = Citation("KrO NRW", section="§ 41", url=KRO_URL, note="Ausschüsse beraten und empfehlen")
FOERDER_2012 = Citation("Förderrichtlinie Kommunale Integrationszentren", version="2012",
                        url="https://www.kommunale-integrationszentren-nrw.de/rahmenbedingungen",
                        note="MBl. NRW. 2012 Nr. 19, Runderlass vom 25.06.2012")
FEIERTAGSGESETZ = Citation("Feiertagsgesetz NRW", section="§ 2", note="gesetzliche Feiertage in NRW")
SCHULFERIEN = Citation("Ferienordnung NRW", note="Schulferien; keine Rechtspflicht, übliche Sitzungspause")


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
