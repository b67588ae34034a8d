"""Which funding guidelines apply to a concept: derived from its dates, overridable.

KI guideline (Förderrichtlinie Kommunale Integrationszentren) [domain.md, "Funding guidelines"]:
2012 (Runderlass 25.06.2012), 2015 (amendment 23.03.2015; the amendment of 26.04.2016 belongs to
it), 2018 (27.03.2018, still on § 7), 2023 (10.03.2023, on § 8 Abs. 1), 2025 (03.04.2025).
KIM guideline: 2020 (25.11.2020, strategic management only), 2024 (12.12.2024, three building
blocks). The key date is the funding application, else the adoption, else the latest dated step.
``guidelines: {ki: "2018", kim: "2020"}`` in the concept overrides the derivation.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from integconcept.core.findings import Citation
from integconcept.document.enums import BodyKind
from integconcept.rules.law import URL_GUIDELINE_2012, URL_KI_2023, URL_KI_2025, URL_KIM_2024

if TYPE_CHECKING:
    from integconcept.document.model import Concept

URL_KI_2018 = "https://www.recht.nrw.de/lmi/owa/br_vbl_detail_text?anw_nr=7&vd_id=16922&vd_back=N179&sg=0&menu=1"

KI_FROM = (
    ("2012", dt.date(2012, 6, 25)),
    ("2015", dt.date(2015, 3, 23)),
    ("2018", dt.date(2018, 3, 27)),
    ("2023", dt.date(2023, 3, 10)),
    ("2025", dt.date(2025, 4, 3)),
)
KIM_FROM = (
    ("2020", dt.date(2020, 11, 25)),
    ("2024", dt.date(2024, 12, 12)),
)

KI_CITATIONS = {
    "2012": Citation(
        "Förderrichtlinie Kommunale Integrationszentren",
        "2012",
        url=URL_GUIDELINE_2012,
        note="Runderlass vom 25.06.2012, MBl. NRW. 2012 Nr. 19",
    ),
    "2015": Citation(
        "Förderrichtlinie Kommunale Integrationszentren",
        "2015",
        number="4.2/4.3",
        url=URL_GUIDELINE_2012,
        note="Änderung vom 23.03.2015, ABl. NRW. 04/15 S. 177",
    ),
    "2018": Citation(
        "Förderrichtlinie Kommunale Integrationszentren",
        "2018",
        url=URL_KI_2018,
        note="Runderlass vom 27.03.2018, MBl. NRW. 2018 Nr. 9 S. 177",
    ),
    "2023": Citation(
        "Förderrichtlinie Kommunale Integrationszentren",
        "2023",
        url=URL_KI_2023,
        note="Neufassung vom 10.03.2023, MBl. NRW. 2023 S. 225, mit KOMM-AN NRW",
    ),
    "2025": Citation(
        "Förderrichtlinie Kommunale Integrationszentren",
        "2025",
        url=URL_KI_2025,
        note="Richtlinie vom 03.04.2025, BASS 11-02 Nr. 10",
    ),
}
KIM_CITATIONS = {
    "2020": Citation(
        "Förderrichtlinie KIM",
        "2020",
        note="Runderlass vom 25.11.2020, MBl. NRW. 2020 Nr. 32 S. 751: Bausteine 1 bis 3 (strategisches "
        "Management; Case Management und Ausländerbehörde über fachbezogene Pauschalen)",
    ),
    "2024": Citation(
        "Förderrichtlinie KIM",
        "2024",
        url=URL_KIM_2024,
        note="Runderlass vom 12.12.2024, MBl. NRW. 2024 Nr. 43 S. 1229: Bausteine a) bis c)",
    ),
}


@dataclass(frozen=True)
class Applicable:
    ki: str  # "2012" … "2025"
    kim: str | None  # "2020", "2024" or None (before the KIM programme)
    key_date: dt.date | None
    source: str  # German: where the choice comes from

    @property
    def ki_citation(self) -> Citation:
        return KI_CITATIONS[self.ki]

    @property
    def kim_citation(self) -> Citation | None:
        return KIM_CITATIONS.get(self.kim) if self.kim else None

    def label(self) -> str:
        return f"Förderrichtlinie KI {self.ki}" + (f", KIM {self.kim}" if self.kim else "")


def _version(table, day: dt.date | None) -> str | None:
    if day is None:
        return None
    found = None
    for version, start in table:
        if day >= start:
            found = version
    return found


def key_date(concept: Concept) -> tuple[dt.date | None, str]:
    """The date the guideline is chosen by: application, else adoption, else the latest dated step."""
    steps = concept.approval_process.steps if concept.approval_process else []
    applications = [s.date.start for s in steps if s.body_kind is BodyKind.funding_application and s.date]
    if applications:
        return min(applications), "Datum des Förderantrags"
    if concept.adoption and concept.adoption.date:
        return concept.adoption.date.start, "Beschlussdatum"
    decisions = [s.date.start for s in steps if s.body_kind is BodyKind.council and s.date]
    if decisions:
        return max(decisions), "Datum des Kreistags/Rats im Gremienlauf"
    dated = [s.date.start for s in steps if s.date]
    if dated:
        return max(dated), "spätestes Datum im Gremienlauf"
    return None, ""


def applicable(concept: Concept, basis: str) -> Applicable:
    day, origin = key_date(concept)
    override = concept.guidelines
    ki: str | None = override.ki if override and override.ki else None
    kim: str | None = override.kim if override and override.kim else None
    source = "Angabe guidelines in der Konzeptdatei" if ki or kim else ""
    if ki is None:
        ki = _version(KI_FROM, day)
        if ki is None:  # no dates: the newest guideline of the basis
            ki = "2012" if basis == "tintg2012-p7" else "2025"
            origin = "ohne Datum: die zur Rechtsgrundlage passende Fassung"
        source = source or origin
    if kim is None and (concept.uses_kim or basis == "tintg2022-p8-p9"):
        # before the KIM programme (a concept checked against today's law): the newest guideline of the basis
        kim = _version(KIM_FROM, day) or ("2020" if basis == "tintg2012-p7" else "2024")
    return Applicable(ki, kim, day, source or origin)
