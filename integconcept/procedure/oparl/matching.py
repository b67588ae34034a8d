"""Which OParl organisation is the body named in the concept?

In this order:

1. an explicit name or URL (``oparl_organization`` of the body, or the configuration's
   ``[tool.integconcept.procedure.oparl.organizations]``), compared with the organisation's id, name and
   shortName;
2. the name, tolerating the usual differences: case, umlauts, punctuation, filler words ("des",
   "für", "und", the authority's own name: "Kreistag" is "Kreistag Kreis Unna"), inflected endings
   ("Kreistags") and abbreviations ("f.", "u."). Every word of the concept's name must appear in the
   organisation's; the organisation with the fewest other words wins;
3. for the council (Kreistag/Rat) the OParl ``classification`` "Parlament".

Parliamentary groups and parties never match by name. Several organisations with the same name
(vendors that create one per legislative term) count as one body together.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field

from integconcept.document.enums import BodyKind
from integconcept.procedure.oparl.objects import Organization

FILLER = frozenset(
    {
        "der",
        "des",
        "den",
        "dem",
        "die",
        "das",
        "fur",
        "fuer",
        "f",
        "und",
        "u",
        "sowie",
        "im",
        "in",
        "am",
        "an",
        "zur",
        "zum",
        "von",
        "vom",
        "kreis",
        "kreises",
        "stadt",
        "gemeinde",
        "sitzung",
    }
)


def words(name: str) -> list[str]:
    """Lower-case words without accents and punctuation: „Ausschuss f. Arbeit“ → [ausschuss, f, arbeit]."""
    folded = unicodedata.normalize("NFKD", name.replace("ß", "ss").lower())
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return re.findall(r"[a-z0-9]+", folded)


def _same_word(ours: str, theirs: str) -> bool:
    return theirs == ours or (len(ours) >= 4 and theirs.startswith(ours) and len(theirs) - len(ours) <= 2)


@dataclass
class MatchResult:
    organizations: list[Organization] = field(default_factory=list)  # empty: not found
    how: str = ""  # "explicit", "name", "classification"
    candidates: list[Organization] = field(default_factory=list)  # when ambiguous
    explicit: str | None = None  # the explicit name that was asked for

    @property
    def found(self) -> bool:
        return bool(self.organizations)

    @property
    def label(self) -> str:
        return self.organizations[0].name if self.organizations else ""


def _score(name: str, organization_name: str, ignore: frozenset[str]) -> tuple[int, int] | None:
    """(exactness, extra words) when every word of ``name`` is in ``organization_name``; else None."""
    ours = [w for w in words(name) if w not in ignore]
    theirs = [w for w in words(organization_name) if w not in ignore]
    if not ours:
        return None
    if ours == theirs:
        return (0, 0)
    if all(any(_same_word(o, t) for t in theirs) for o in ours):
        extra = sum(1 for t in theirs if not any(_same_word(o, t) for o in ours))
        return (1, extra)
    ratio = difflib.SequenceMatcher(None, " ".join(ours), " ".join(theirs)).ratio()
    return (2, 0) if ratio >= 0.9 else None


def _by_id_or_name(wanted: str, organizations: list[Organization]) -> list[Organization]:
    exact = [o for o in organizations if o.id == wanted]
    if exact:
        return exact
    key = words(wanted)
    return [o for o in organizations if key in (words(o.name), words(o.short_name or ""))]


def _one_body(organizations: list[Organization]) -> list[Organization] | None:
    """One organisation, or several with one name (one per legislative term); else None."""
    if len(organizations) == 1 or (organizations and len({tuple(words(o.name)) for o in organizations}) == 1):
        return organizations
    return None


def match(
    name: str, kind: BodyKind, organizations: list[Organization], *, explicit: str | None = None, authority: str = ""
) -> MatchResult:
    if explicit:
        return MatchResult(_by_id_or_name(explicit.strip(), organizations), "explicit", explicit=explicit)
    ignore = FILLER | frozenset(w for w in words(authority) if w not in ("kreis", "stadt"))
    scored: list[tuple[tuple[int, int], Organization]] = []
    for organization in organizations:
        if organization.is_group:
            continue
        options = [
            s
            for s in (
                _score(name, organization.name, ignore),
                _score(name, organization.short_name, ignore) if organization.short_name else None,
            )
            if s is not None
        ]
        if options:
            scored.append((min(options), organization))
    best_score = min((score for score, _ in scored), default=None)
    best = [o for score, o in scored if score == best_score]
    if kind is BodyKind.council:
        # The council is the organisation classified "Parlament", unless the name fits another exactly
        # ("Kreistag" must not become "Ältestenrat des Kreistags").
        parliaments = [o for o in organizations if o.is_parliament]
        if len(best) > 1 and (chosen := _one_body([o for o in best if o.is_parliament])):
            return MatchResult(chosen, "name")
        if (best_score is None or best_score[0] > 0 or not _one_body(best)) and (chosen := _one_body(parliaments)):
            return MatchResult(chosen, "classification")
    if chosen := _one_body(best):
        return MatchResult(chosen, "name")
    return MatchResult([], "name", candidates=best)
