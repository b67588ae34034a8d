"""What FR05 to FR07 share: each checks a funding condition of the KI guidelines 2023/2025 (on § 8 TIntG
2022), only while one of them applies, and cites the guideline that applies."""

from __future__ import annotations

from typing import ClassVar

from integconcept.core.findings import Citation, Severity
from integconcept.rules.base import Modality, Rule
from integconcept.rules.guidelines import KI_CITATIONS
from integconcept.rules.law import GUIDELINES_ON_P8


class P8GuidelineRule(Rule):
    """A funding condition of the KI guidelines on § 8; ``check_conditions`` checks it where one applies."""

    modality = Modality.guideline
    severity = Severity.warning
    citations: ClassVar[tuple[Citation, ...]] = (KI_CITATIONS["2025"], KI_CITATIONS["2023"])

    def cite(self, ctx):
        return (KI_CITATIONS[ctx.guideline.ki],) if ctx.guideline.ki in KI_CITATIONS else self.citations

    def check(self, ctx):
        if ctx.guideline.ki not in GUIDELINES_ON_P8:
            return
        yield from self.check_conditions(ctx)

    def check_conditions(self, ctx):
        raise NotImplementedError
