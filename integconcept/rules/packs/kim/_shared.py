"""What the KIM rules share: their citations follow the KIM guideline that applies."""

from __future__ import annotations

from integconcept.rules.law import p9


def kim_citations(rule, ctx, *paragraphs: str) -> tuple:
    """§ 9 TIntG 2022 (only where the 2022 law applies) and the KIM guideline in force."""
    out = []
    if ctx.basis != "tintg2012-p7":
        out.extend(p9(paragraph) for paragraph in paragraphs)
    citation = ctx.guideline.kim_citation
    if citation is not None:
        out.append(citation)
    return tuple(out) or rule.citations
