"""Inline silences: a YAML comment naming rule codes and a reason.

    migration_background_percent: 34.6  # integconcept: ignore[K006] Grund: Druckfehler der Vorlage

A silence applies to findings on the same line. Several codes are separated by commas. The reason
is the text after the closing bracket (an optional „Grund:“ is dropped); without a reason the
silence has no effect and is itself reported (K901), a silence that silences nothing is reported
too (K902), and so is an unknown code (K903).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MARKER = re.compile(r"(?:^|\s)#\s*integconcept\s*:\s*ignore\s*\[(?P<codes>[^\]]*)\](?P<reason>.*)$",
                     re.IGNORECASE)
_REASON_PREFIX = re.compile(r"^[\s:–—-]*(?:(?:grund|begründung|begruendung)\s*:)?\s*", re.IGNORECASE)


@dataclass
class Silence:
    line: int
    column: int  # of the "#"
    codes: tuple[str, ...]
    reason: str

    @property
    def has_reason(self) -> bool:
        return len(self.reason) >= 3 and any(ch.isalpha() for ch in self.reason)


def parse(text: str) -> list[Silence]:
    """All silence comments of a YAML text (1-based line and column of the "#")."""
    out: list[Silence] = []
    for number, line in enumerate(text.splitlines(), start=1):
        if "integconcept" not in line:
            continue
        match = _MARKER.search(line)
        if not match:
            continue
        column = line.index("#", match.start()) + 1
        codes = tuple(code.strip().upper() for code in match.group("codes").split(",") if code.strip())
        reason = _REASON_PREFIX.sub("", match.group("reason")).strip()
        out.append(Silence(number, column, codes, reason))
    return out
