"""What FR01 to FR03 share: each checks one point of the application list of the 2012 guideline (with
its 2015 amendment), and only while that list applies."""

from __future__ import annotations

from typing import ClassVar

from integconcept.core.findings import Citation, Severity
from integconcept.rules.base import Modality, Rule
from integconcept.rules.law import GUIDELINE_2012, GUIDELINES_WITH_THIS_LIST


class ApplicationListRule(Rule):
    """A point of the 2012 guideline's application list; ``check_list`` checks it where the list applies."""

    modality = Modality.guideline
    severity = Severity.error
    relaxed_for_drafts = True
    citations: ClassVar[tuple[Citation, ...]] = (GUIDELINE_2012,)

    def check(self, ctx):
        if ctx.guideline.ki not in GUIDELINES_WITH_THIS_LIST:
            return  # the application list of later guidelines is not researched (domain.md)
        yield from self.check_list(ctx)

    def check_list(self, ctx):
        raise NotImplementedError
