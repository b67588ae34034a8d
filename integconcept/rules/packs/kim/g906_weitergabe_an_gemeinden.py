"""G906 weitergabe-an-gemeinden: the check; its cases are in g906_weitergabe_an_gemeinden.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import AuthorityKind, Funder
from integconcept.rules.base import Modality, Problem, Rule, register
from integconcept.rules.evidence import names_list
from integconcept.rules.law import GUIDELINE_KIM, p9, quote_p9
from integconcept.rules.packs.kim._shared import kim_citations


@register
class PassOnToMunicipalities(Rule):
    code = "G906"
    modality = Modality.guideline
    name = "weitergabe-an-gemeinden"
    summary = "Gibt der Kreis KIM-Mittel weiter, sagt das Konzept an wen und auf welcher Vertragsgrundlage."
    severity = Severity.warning
    citations = (p9("2"), GUIDELINE_KIM)
    explanation = (
        "Geprüft wird `staffing.pass_on` (Weitergabe von Mitteln) und die Stellen mit Einsatzort "
        "(`staffing.posts[].municipality`):\n\n"
        "- Jede Weitergabe nennt Empfänger (`recipients`: Gemeinden, oder `other_recipients`, z. B. Träger der "
        "Freien Wohlfahrtspflege) und ihre Vertragsgrundlage (`contract`: Weiterleitungsvertrag, "
        "Kooperationsvertrag oder eine andere).\n"
        "- Eine kreisfreie Stadt hat keine kreisangehörigen Gemeinden: an Gemeinden weitergeben kann nur ein Kreis.\n"
        "- Eine vom Land geförderte Stelle, die bei einer Gemeinde angesiedelt ist, setzt eine Weitergabe an "
        "diese Gemeinde voraus.\n\n"
        "Alles Warnungen: Die Bedingungen der Weitergabe stehen in den Fördergrundsätzen (KIM-Förderrichtlinie), "
        "deren Wortlaut dazu nicht geprüft ist; die Bezirksregierung prüft die Verträge beim Antrag."
    )
    reason = (
        quote_p9("2", "pass_on") + " Mehrere Kreise geben Mittel über Weiterleitungs- oder "
        "Kooperationsverträge an Gemeinden weiter; der Kreis Heinsberg beschloss 2020 zudem, im Baustein 2 "
        "(Case Management) zwei Stellen an Träger der Freien Wohlfahrtspflege weiterzuleiten. Wer Mittel "
        "weitergibt, muss sagen an wen und worauf gestützt. Die Vorschrift selbst ist eine Kann-Vorschrift "
        "(„ist … möglich“; der Wortlaut ist amtlich, recht.nrw.de); die Einzelheiten regeln die "
        "Fördergrundsätze (Wortlaut nicht geprüft), darum nur Warnungen."
    )
    fix = (
        "Tragen Sie unter `staffing.pass_on` für jede Weitergabe die Empfänger und den Vertrag ein, z. B. "
        "`{recipients: [a-stadt], contract: weiterleitungsvertrag, purpose: Case Management}`."
    )

    def cite(self, ctx):
        return kim_citations(self, ctx, "2")

    def check(self, ctx):
        c = ctx.concept
        staffing = c.staffing
        if staffing is None:
            return
        county = c.authority.kind is AuthorityKind.kreis
        names = {m.id: m.name for m in c.authority.municipalities}
        covered: set[str] = set()
        for i, item in enumerate(staffing.pass_on):
            path = ("staffing", "pass_on", i)
            if item.recipients == "all":
                covered.update(names)
            else:
                covered.update(item.recipients)
            if not county and item.recipients:
                yield Problem(
                    path + ("recipients",),
                    "Eine kreisfreie Stadt hat keine kreisangehörigen Gemeinden; Mittel an Gemeinden "
                    "weitergeben kann nach § 9 Abs. 2 S. 2 TIntG nur ein Kreis.",
                    "Nennen Sie die tatsächlichen Empfänger unter `other_recipients`.",
                )
            if not item.recipients and not item.other_recipients:
                yield Problem(
                    path,
                    "Die Weitergabe nennt keine Empfänger.",
                    "Tragen Sie die Gemeinden (`recipients`) oder andere Empfänger (`other_recipients`) ein.",
                )
            if item.contract is None and not item.contract_label:
                yield Problem(
                    path,
                    "Die Weitergabe nennt keine Vertragsgrundlage (Weiterleitungs- oder Kooperationsvertrag).",
                    "Tragen Sie `contract: weiterleitungsvertrag` oder `kooperationsvertrag` ein.",
                )
        if not county:
            return
        missing = []
        first = None
        for i, post in enumerate(staffing.posts):
            if (
                post.municipality
                and post.funded_by is Funder.land
                and post.municipality not in covered
                and post.municipality in names
            ):
                missing.append(names[post.municipality])
                first = i if first is None else first
        if missing:
            yield Problem(
                ("staffing", "posts", first, "municipality"),
                f"Vom Land geförderte Stellen sind bei {names_list(list(dict.fromkeys(missing)))} "
                "angesiedelt, aber das Konzept nennt keine Weitergabe von Mitteln an diese Gemeinde(n).",
                "Beschreiben Sie die Weitergabe unter `staffing.pass_on` (Empfänger, Vertrag).",
            )
