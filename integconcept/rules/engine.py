"""The rule engine: which packs run, which rules are selected, silences, and the post phase.

1. The legal basis (``legal_basis`` of the file or ``--basis``) chooses the packs
   (:data:`PACKS_FOR_BASIS`); "common" and "timeline" run always.
2. ``select``/``ignore`` (configuration and command line, :mod:`integconcept.rules.selection`) narrow
   the rules of those packs.
3. The rules of the main phase run on one shared :class:`Context` (the approval chain, the
   silence comments and the applicable guidelines are computed once per run).
4. Inline silences (:mod:`integconcept.document.silence`) with a reason remove the findings on their line.
5. The rules of the post phase (K902) run last: they see which silences silenced something.
"""

from __future__ import annotations

from integconcept.core.findings import Finding
from integconcept.rules import Context, Rule
from integconcept.rules.index import RULES, load

#: Which packs run for which legal basis; "common" (consistency) and "timeline" (dates of the
#: approval process) run always.
PACKS_FOR_BASIS = {
    "tintg2012-p7": ("common", "timeline", "tintg2012"),
    "tintg2022-p8": ("common", "timeline", "tintg2022"),
    "tintg2022-p8-p9": ("common", "timeline", "tintg2022", "kim"),
}

#: Codes whose findings a silence cannot remove (they are about the silences themselves).
UNSILENCEABLE = frozenset({"K901", "K902", "K903"})


def packs_for(basis: str, concept=None, settings: dict | None = None) -> set[str]:
    """The packs for a basis. A KIM concept of 2020/21 rests on § 7 TIntG 2012 and the KIM guideline
    2020 (there was no § 9 yet): with ``uses_kim`` the KIM pack runs under the 2012 basis too. The pack
    ``oparl`` runs when the council information system was read (``--oparl``: its view is in the settings)."""
    from integconcept.procedure.oparl import VIEW_KEY

    packs = set(PACKS_FOR_BASIS.get(basis, ("common", "timeline")))
    if concept is not None and basis == "tintg2012-p7" and concept.uses_kim:
        packs.add("kim")
    if settings and VIEW_KEY in settings:
        packs.add("oparl")
    return packs


def active_rules(basis: str, selection=None, concept=None, settings: dict | None = None) -> dict[str, type[Rule]]:
    """The rules that run for ``basis`` under ``selection`` (code → rule class, in code order); only their
    modules are imported (:mod:`integconcept.rules.index`)."""
    from integconcept.rules.base import REGISTRY

    packs = packs_for(basis, concept, settings)
    candidates = {code: rule_packs for code, (_, rule_packs, _) in RULES.items()}
    candidates.update((code, rule.packs) for code, rule in REGISTRY.items() if code not in RULES)  # registered
    # at run time, not in a pack module (a test's probe)
    chosen = [
        code
        for code, rule_packs in candidates.items()
        if rule_packs & packs and (selection is None or selection.active(code, rule_packs))
    ]
    extra = {code: REGISTRY[code] for code in chosen if code not in RULES}
    return dict(sorted({**load([code for code in chosen if code in RULES]), **extra}.items()))


def run(
    concept,
    source_map,
    file: str,
    *,
    basis: str | None = None,
    settings: dict | None = None,
    text: str = "",
    selection=None,
) -> list[Finding]:
    """Run the rules for the basis on one concept and return the findings (unsorted)."""
    effective = basis or concept.legal_basis.value
    rules = active_rules(effective, selection, concept, settings)
    ctx = Context(
        concept=concept,
        source_map=source_map,
        file=file,
        basis=effective,
        settings=settings or {},
        text=text,
        active=frozenset(rules),
    )
    findings: list[Finding] = []
    for rule in rules.values():
        if rule.phase == "main":
            findings.extend(rule().findings(ctx))
    findings = apply_silences(findings, ctx)
    for rule in rules.values():
        if rule.phase == "post":
            findings.extend(rule().findings(ctx))
    return findings


def apply_silences(findings: list[Finding], ctx: Context) -> list[Finding]:
    """Drop findings silenced (with a reason) on their line; remember which silences were used."""
    by_line: dict[int, list] = {}
    for item in ctx.silences:
        if item.has_reason:
            by_line.setdefault(item.line, []).append(item)
    if not by_line:
        return findings
    kept: list[Finding] = []
    for finding in findings:
        lines = [finding.line]
        key = ctx.source_map.keys.get(tuple(finding.path)) if finding.path else None
        if key and key[0] != finding.line:  # words inside a long text: the field's key line counts too
            lines.append(key[0])
        hit = next(
            (
                s
                for line in lines
                for s in by_line.get(line, ())
                if finding.code in s.codes and finding.code not in UNSILENCEABLE
            ),
            None,
        )
        if hit is None:
            kept.append(finding)
        else:
            ctx.used_silences.add((hit.line, finding.code))
    return kept
