"""G801 beschluss-kreistag-2022: the check; its cases are in g801_beschluss_kreistag_2022.yaml beside this file."""

from __future__ import annotations

from integconcept.rules.packs import tintg_shared
from integconcept.rules.base import register
from integconcept.rules.law import LABEL_2022, p8, VERBATIM, quote_p8


@register
class Adoption2022(tintg_shared.AdoptionRule):
    code = "G801"
    name = "beschluss-kreistag-2022"
    law = LABEL_2022
    citations = (p8("1", "1"),)
    explanation = (
        "Ist `status: adopted` angegeben, muss der Gremienlauf einen Beschluss-Schritt des Kreistags bzw. "
        "Rats enthalten (`body_kind: council`, `purpose: decision`). Ein Entwurf (`status: draft`) ergibt "
        "nur einen Hinweis."
    )
    reason = (
        quote_p8("1", "1") + " "
        "Über ein Konzept verfügt die Körperschaft erst, wenn ihre Vertretung (Kreistag bzw. Rat) es beschlossen hat."
        + " "
        + VERBATIM
    )
