from __future__ import annotations

from ...findings import Severity
from ...model import PostRole
from ..base import Problem, Rule, register
from ..evidence import de_number
from ..law import GUIDELINE_2012

MODEL_TOTAL = 5.5
MODEL_TEACHERS = 2.0


@register
class Staffing2012(Rule):
    code = "FR04"
    name = "personalmodell-2012"
    summary = "Die Stellen entsprechen dem Personalmodell 2012 (5,5 Stellen, davon 2 Lehrkräfte)."
    severity = Severity.warning
    packs = frozenset({"tintg2012"})
    citations = (GUIDELINE_2012,)
    explanation = (
        "Nur wenn `staffing.posts` angegeben ist: die Summe der Stellenanteile wird mit 5,5 verglichen, die "
        "der Lehrkräfte (`role: teacher`) mit 2. Weicht eines ab, gibt es eine Warnung – eine Abweichung "
        "kann gewollt sein (z. B. zusätzliche Eigenmittel) oder zeigen, dass nur ein Teil der Stellen "
        "erfasst ist."
    )
    reason = (
        "Das Förderkonzept 2012 sah je KI 5,5 Stellen vor: 2 vom Land abgeordnete Lehrkräfte, 2 "
        "sozialpädagogische Fachkräfte und 1,5 Stellen für Organisation und Verwaltung. Die Landesförderung "
        "ist darauf bemessen."
    )
    fix = "Ergänzen Sie fehlende Stellen unter `staffing.posts` oder begründen Sie die Abweichung im Text."
    bad_example = """\
staffing:
  posts:
    - {role: teacher, fte: 2, funded_by: land}
    - {role: social_pedagogue, fte: 2}
"""
    good_example = """\
staffing:
  posts:
    - {role: teacher, fte: 2, funded_by: land}
    - {role: social_pedagogue, fte: 2}
    - {role: administration, fte: 1.5}
"""

    def check(self, ctx):
        staffing = ctx.concept.staffing
        if not staffing or not staffing.posts:
            return
        total = sum(post.fte for post in staffing.posts)
        teachers = sum(post.fte for post in staffing.posts if post.role is PostRole.teacher)
        if abs(total - MODEL_TOTAL) > 1e-6 or abs(teachers - MODEL_TEACHERS) > 1e-6:
            yield Problem(("staffing", "posts"),
                          f"Angegeben sind {de_number(total, 1)} Stellen, davon {de_number(teachers, 1)} "
                          f"Lehrkräfte; das Personalmodell 2012 sieht {de_number(MODEL_TOTAL, 1)} Stellen vor, "
                          f"davon {de_number(MODEL_TEACHERS, 0)} Lehrkräfte.",
                          "Ergänzen Sie fehlende Stellen oder erläutern Sie die Abweichung unter `staffing.text`.")
