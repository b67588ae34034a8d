"""G701 beschluss-kreistag: the check; its cases are in g701_beschluss_kreistag.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import GUIDELINE_2012, LABEL_2012, p7


@register
class Adoption2012(tintg_shared.AdoptionRule):
    code = "G701"
    name = "beschluss-kreistag"
    law = LABEL_2012
    citations = (p7("1", "1"), GUIDELINE_2012)
    explanation = (
        "Ist `status: adopted` angegeben, muss der Gremienlauf einen Beschluss-Schritt des Kreistags bzw. "
        "Rats enthalten (`body_kind: council`, `purpose: decision`). Ist das Konzept ein Entwurf "
        "(`status: draft`), gibt es nur einen Hinweis, dass der Beschluss noch aussteht."
    )
    reason = (
        "Nach § 7 Abs. 1 S. 1 TIntG 2012 fördert das Land Kommunale Integrationszentren in Kreisen und "
        "kreisfreien Städten, die über ein Integrationskonzept verfügen; die Förderrichtlinie 2012 verlangt "
        "ein vom Rat bzw. Kreistag beschlossenes Konzept als Teil des Antrags. Die Pflicht zum Beschluss "
        "steht in der Förderrichtlinie, darum ist dies ein Fehler, obwohl der Wortlaut von § 7 nur "
        "rekonstruiert ist."
    )
