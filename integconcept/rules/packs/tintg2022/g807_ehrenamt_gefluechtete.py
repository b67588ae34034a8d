"""G807 ehrenamt-gefluechtete: the check; its cases are in g807_ehrenamt_gefluechtete.yaml beside this file."""

from __future__ import annotations

from integconcept.core.findings import Severity
from integconcept.document.enums import MemberCategory
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import categories, institutions, ki_task_texts, search, structures
from integconcept.rules.law import p8, PARAPHRASE_TEXT_SEARCH, quote_p8

VOLUNTEERS = r"ehrenamt\w*|freiwillig\w*|bürgerschaftlich\w*|zivilgesellschaftlich\w*"
NEWCOMERS = (
    r"flücht\w*|geflüchtet\w*|asyl\w*|neu ?zugewandert\w*|neuzuwander\w*|neu ?eingewandert\w*|"
    r"seiteneinsteiger\w*"
)


@register
class Volunteers2022(Rule):
    code = "G807"
    modality = Modality.should
    name = "ehrenamt-gefluechtete"
    summary = "Das KI koordiniert und unterstützt ehrenamtliche Angebote, besonders für Geflüchtete."
    severity = Severity.warning
    deviation = "Schreiben Sie, warum das KI ehrenamtliche Angebote nicht koordiniert oder unterstützt, z. B. weil eine andere Stelle das tut (welche)."
    citations = (p8("1", "3", "3"),)
    explanation = (
        "Dies ist eine Textsuche in den Aufgaben des KI (`ki_tasks`) nach „Ehrenamt…“, „freiwillig…“, "
        "„bürgerschaftlich…“ oder „zivilgesellschaftlich…“ (auch ein Mitglied mit `category: volunteers` "
        "zählt). Fehlt das, gibt es eine Warnung. Ist Ehrenamt genannt, aber keine Geflüchteten oder "
        "Neuzugewanderten (Flücht…, Asyl…, neu zugewandert…, Seiteneinsteiger…), einen Hinweis. "
        "Weil der Beleg nur ein Wort im Text ist, ist der Befund eine Warnung, kein Fehler."
    )
    reason = quote_p8("1", "3", "3") + " Nr. 3 ist neu gegenüber 2012." + " " + PARAPHRASE_TEXT_SEARCH
    fix = "Beschreiben Sie unter `ki_tasks`, wie das KI ehrenamtliche Angebote für Geflüchtete koordiniert."

    def check(self, ctx):
        c = ctx.concept
        texts = ki_task_texts(c, offers_only=True)
        members = any(MemberCategory.volunteers in categories(s) for s in structures(c)) or any(
            inst.category is MemberCategory.volunteers for _, inst in institutions(c)
        )
        path = ("ki_tasks",)
        if not (members or search(texts, VOLUNTEERS)):
            yield Problem(
                path,
                "In den Aufgaben des KI ist keine Koordinierung oder Unterstützung ehrenamtlicher "
                "Angebote zu erkennen (gesucht: Ehrenamt…, freiwillig…, bürgerschaftlich…).",
                "Beschreiben Sie die Ehrenamtskoordination des KI unter `ki_tasks`.",
            )
        elif not search(texts, NEWCOMERS):
            yield Problem(
                path,
                "Ehrenamtliche Angebote sind genannt, aber nicht für Geflüchtete oder "
                "Neueingewanderte, die das Gesetz besonders nennt.",
                "Nennen Sie, wie das KI Ehrenamt für Geflüchtete und Neuzugewanderte unterstützt.",
                severity=Severity.info,
            )
