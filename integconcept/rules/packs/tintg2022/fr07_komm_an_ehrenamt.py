"""FR07 komm-an-ehrenamt: the check; its cases are in fr07_komm_an_ehrenamt.yaml beside this file."""

from __future__ import annotations

from integconcept.document.enums import Programme
from integconcept.rules.base import Problem, register
from integconcept.rules.evidence import ki_task_texts, search
from integconcept.rules.guidelines import KI_CITATIONS
from integconcept.rules.law import KI_P8_TEXT, NOT_CHECKED
from integconcept.rules.packs.tintg2022.g807_ehrenamt_gefluechtete import VOLUNTEERS
from integconcept.rules.packs.tintg2022._shared import P8GuidelineRule


@register
class KommAnVolunteers(P8GuidelineRule):
    code = "FR07"
    name = "komm-an-ehrenamt"
    summary = "Nennt das Konzept Mittel aus KOMM-AN NRW, beschreibt es die Begleitung des Ehrenamts durch das KI."
    citations = (KI_CITATIONS["2023"],)
    explanation = (
        "Nur wenn die KI-Förderrichtlinie 2023 oder 2025 gilt und die Finanzierung Mittel aus KOMM-AN NRW "
        "nennt (`staffing.funding[].programme: komm_an`). Dann wird in den Aufgaben des KI (`ki_tasks`) nach "
        "„Ehrenamt…“, „freiwillig…“, „bürgerschaftlich…“ oder „zivilgesellschaftlich…“ gesucht. Vor 2023 war "
        "KOMM-AN NRW ein eigenes Programm mit eigener Förderkonzeption; dann läuft die Regel nicht.\n\n"
        f"Für die Richtlinie 2025: {NOT_CHECKED} – ihr Zweck (Nr. 1) nennt KOMM-AN nicht mehr ausdrücklich; "
        "die Programmbausteine (Ankommenstreffpunkte, Qualifizierung Ehrenamtlicher) werden laut Förderportal "
        "weiter über die KI gefördert. Darum nur eine Warnung."
    )
    reason = (
        f"Die Neufassung vom 10.03.2023 gewährt nach Nr. 1.1 (wörtlich) „{KI_P8_TEXT['2023_purpose']}“ und: "
        f"„{KI_P8_TEXT['2023_komm_an']}“ KOMM-AN NRW fördert die Begleitung, Vernetzung und Qualifizierung "
        "ehrenamtlich Engagierter für Geflüchtete und Neuzugewanderte (Programmteil I) und Maßnahmen vor Ort "
        "(Programmteil II). Wer die Mittel einplant, muss die Ehrenamtsarbeit des KI beschreiben; das passt zu "
        "§ 8 Abs. 1 S. 3 Nr. 3 TIntG (G807)."
    )
    fix = "Beschreiben Sie unter `ki_tasks`, wie das KI ehrenamtliche Angebote mit KOMM-AN-Mitteln begleitet."

    def check_conditions(self, ctx):
        staffing = ctx.concept.staffing
        if staffing is None:
            return
        hits = [i for i, item in enumerate(staffing.funding) if item.programme is Programme.komm_an]
        if not hits or search(ki_task_texts(ctx.concept, offers_only=True), VOLUNTEERS):
            return
        yield Problem(
            ("staffing", "funding", hits[0], "programme"),
            "Die Finanzierung nennt Mittel aus KOMM-AN NRW, aber die Aufgaben des KI beschreiben keine "
            "Begleitung ehrenamtlicher Angebote (gesucht: Ehrenamt…, freiwillig…, bürgerschaftlich…).",
            "Beschreiben Sie die Ehrenamtsarbeit des KI unter `ki_tasks`.",
        )
