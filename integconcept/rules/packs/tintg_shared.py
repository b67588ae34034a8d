"""Checks shared by § 7 TIntG 2012 and § 8 TIntG 2022 (the "same core"); each pack's rule class
calls them with its own wording of the law."""

from __future__ import annotations

from typing import ClassVar

from integconcept.core.findings import Severity
from integconcept.document.enums import AuthorityKind, BodyKind, MemberCategory, Status
from integconcept.rules.base import Modality, Problem, Rule
from integconcept.rules.evidence import CUTOFF, application_steps
from integconcept.rules.law import p20_2022
from integconcept.rules.evidence import (
    MUNICIPAL_CATEGORIES,
    NR1_KINDS,
    NR1_LABELS,
    categories,
    concept_texts,
    council_decisions,
    education_texts,
    has_content,
    institutions,
    ki_task_texts,
    names_list,
    search,
    step_texts,
    steps,
    structures,
    task_areas,
)

QUALIFICATION = r"qualifi\w*|fortbild\w*|weiterbild\w*|schulung\w*|fachberatung"
# No leading \w*: "\w*eltern" backtracks quadratically on a long word; search() widens a hit to its word.
PARENTS = r"eltern|väter|mütter"


def adoption(ctx, law: str):
    """Adopted by Kreistag/Rat (a council decision step), or a draft (note)."""
    c = ctx.concept
    council = "Kreistag" if c.authority.kind is AuthorityKind.kreis else "Rat"
    if c.status is Status.draft:
        yield Problem(
            ("status",),
            f"Das Konzept ist ein Entwurf; für die Förderung nach {law} muss es der {council} noch beschließen.",
            "Tragen Sie nach dem Beschluss `status: adopted` und den Beschluss-Schritt ein.",
            severity=Severity.info,
        )
        return
    if not council_decisions(c):
        path = ("approval_process", "steps")
        yield Problem(
            path,
            f"Das Konzept ist als beschlossen angegeben, aber im Gremienlauf fehlt der Beschluss "
            f"des {council}s (ein Schritt mit `body_kind: council` und `purpose: decision`).",
            f"Ergänzen Sie den Schritt „{council} zur Beschlussfassung“ mit Datum.",
        )


#: Words that say the KI's work is agreed with the municipalities (bounded: no backtracking).
AGREEMENT_WORDS = (
    r"einvernehm\w{0,10}|mit den (?:kreisangehörigen )?(?:städten und )?gemeinden abgestimmt|"
    r"abstimmung mit den (?:kreisangehörigen )?(?:städten und )?gemeinden"
)


def agreement(ctx, law: str):
    """Einvernehmen mit den Gemeinden: the statute says the KI's tasks are carried out "im
    Einvernehmen mit den Gemeinden"; it qualifies the tasks, not how the concept is adopted. Evidence:
    the municipalities sit in a network or the steering group, take part in the approval process
    (any of them, a conference of mayors included), or the text says how the work is agreed with them.
    Not every municipality has to appear in the Gremienlauf (a Kreis may adopt a concept on which
    some municipalities gave no comment)."""
    c = ctx.concept
    if c.authority.kind is not AuthorityKind.kreis:
        return
    if any(MemberCategory.municipality in categories(s) for s in structures(c)):
        return
    if any(
        step.municipalities or step.body_kind in (BodyKind.municipalities, BodyKind.conference) for _, step in steps(c)
    ):
        return
    if search(concept_texts(c), AGREEMENT_WORDS):
        return
    yield Problem(
        ("networks",) if c.networks else ("ki_tasks",),
        "Das Konzept sagt nicht, wie die Aufgaben des KI mit den kreisangehörigen Gemeinden abgestimmt "
        f"werden ({law}: „im Einvernehmen mit den Gemeinden“): keine Gemeinde ist Mitglied eines Netzwerks "
        "oder der Steuerungsgruppe, keine ist am Gremienlauf beteiligt, und der Text nennt kein "
        "Einvernehmen.",
        "Nehmen Sie die Gemeinden in ein Netzwerk auf (`category: municipality`), beteiligen Sie sie im "
        "Gremienlauf, oder beschreiben Sie, wie die Arbeit des KI mit ihnen abgestimmt wird.",
    )


def education_areas(ctx):
    """Nr. 1: tasks cover Elementarbereich, Schule, Übergang Schule–Beruf."""
    present = {area.kind for _, _, area in task_areas(ctx.concept) if has_content(area)}
    missing = [NR1_LABELS[kind] for kind in NR1_KINDS if kind not in present]
    if missing:
        path = ("ki_tasks",)
        yield Problem(
            path,
            f"Die Aufgaben des KI decken {names_list(missing)} nicht ab "
            "(Aufgabenbereiche mit `kind: elementary`, `school`, `school_to_work`).",
            "Beschreiben Sie unter `ki_tasks` für jeden fehlenden Bereich Themen und Angebote.",
        )


def school_supervision(ctx):
    """Nr. 1: cooperation with the untere Schulaufsicht provided for."""
    c = ctx.concept
    for structure in structures(c):
        if MemberCategory.school_supervision in categories(structure):
            return
    if any(inst.category is MemberCategory.school_supervision for _, inst in institutions(c)):
        return
    if search(ki_task_texts(c) + step_texts(c), r"schulaufsicht|schulamt|schulämter"):
        return
    path = ("networks",)
    yield Problem(
        path,
        "Die Zusammenarbeit mit der unteren Schulaufsicht (Schulamt) ist nicht vorgesehen: "
        "sie ist weder Mitglied eines Netzwerks oder Gremiums (`category: school_supervision`) "
        "noch in den Aufgaben des KI oder im Gremienlauf genannt.",
        "Nehmen Sie das Schulamt als Mitglied in ein Netzwerk auf oder beteiligen Sie es im Gremienlauf.",
    )


def coordination_structure(ctx, *, need_free: bool = True):
    """Nr. 2: a network/steering structure whose members include municipal offices (and freie Träger)."""
    c = ctx.concept
    found = structures(c)
    for structure in found:
        cats = categories(structure)
        if cats & MUNICIPAL_CATEGORIES and (MemberCategory.free_provider in cats or not need_free):
            return
    path = ("networks",)
    if not found:
        yield Problem(
            path,
            "Es ist kein Netzwerk und keine Steuerungsgruppe beschrieben, die die "
            "Integrationsarbeit der kommunalen Ämter und Einrichtungen"
            f"{' und der freien Träger' if need_free else ''} koordiniert.",
            "Beschreiben Sie unter `networks.bodies` ein Netzwerk mit seinen Mitgliedern und deren `category`.",
        )
        return
    wanted = "kommunale Ämter/Einrichtungen (municipality, county_administration, municipal_institution)"
    if need_free:
        wanted += " und freie Träger (free_provider)"
    yield Problem(
        path,
        f"Keines der {len(found)} Netzwerke/Gremien hat sowohl {wanted} unter seinen Mitgliedern.",
        "Ergänzen Sie die Mitglieder des koordinierenden Netzwerks und ihre `category`.",
    )


def qualification(ctx):
    """Abs. 2: qualification offers for staff of Kitas and schools (text search in the offers and goals
    of the education areas; a membership in a network is no offer of the KI)."""
    if search(education_texts(ctx.concept), QUALIFICATION):
        return
    path = ("ki_tasks",)
    yield Problem(
        path,
        "In den Aufgaben des KI für Elementarbereich, Schule und Übergang Schule – Beruf ist kein "
        "Qualifizierungsangebot für Beschäftigte von Kitas und Schulen zu erkennen (gesucht: "
        "Qualifizierung, Fortbildung, Weiterbildung, Schulung, Fachberatung).",
        "Nennen Sie die Fortbildungs- und Qualifizierungsangebote des KI für pädagogische Fachkräfte "
        "und Lehrkräfte unter `ki_tasks`.",
    )


def parents(ctx):
    """Abs. 2: cooperation with immigrant parents (text search in offers and goals, not memberships)."""
    if search(ki_task_texts(ctx.concept, offers_only=True), PARENTS):
        return
    path = ("ki_tasks",)
    yield Problem(
        path,
        "In den Aufgaben des KI ist keine Zusammenarbeit mit zugewanderten Eltern zu erkennen "
        "(gesucht: Eltern…, Väter…, Mütter…).",
        "Nennen Sie Elternarbeit, Elternbildung oder Elternprogramme unter `ki_tasks`.",
    )


class AdoptionRule(Rule):
    """What G701 (§ 7 TIntG 2012) and G801 (§ 8 TIntG 2022) share: adopted by the Kreistag or Rat."""

    law: ClassVar[str]  # the law's label in the messages (LABEL_2012 / LABEL_2022)
    modality = Modality.must
    summary = "Das Konzept ist vom Kreistag bzw. Rat beschlossen (oder ausdrücklich ein Entwurf)."
    severity = Severity.error
    fix = "Tragen Sie den Beschluss des Kreistags/Rats mit Datum als Schritt unter `approval_process.steps` ein."

    def check(self, ctx):
        yield from adoption(ctx, self.law)


class AgreementRule(Rule):
    """What G702 (§ 7 TIntG 2012) and G802 (§ 8 TIntG 2022) share: the KI's tasks in agreement (Einvernehmen)."""

    law: ClassVar[str]  # the law's label in the messages (LABEL_2012 / LABEL_2022)
    modality = Modality.should
    summary = (
        "Bei einem Kreis sagt das Konzept, wie die Aufgaben des KI mit den Gemeinden abgestimmt werden (Einvernehmen)."
    )
    severity = Severity.warning
    deviation = (
        "Schreiben Sie in das Konzept, warum die Aufgaben des KI nicht mit den Gemeinden abgestimmt "
        "werden, z. B. weil sie nur Einrichtungen des Kreises betreffen."
    )
    explanation = (
        "Nur bei einem Kreis. Das Einvernehmen gilt als dargelegt, wenn die Gemeinden Mitglied eines Netzwerks "
        "oder der Steuerungsgruppe sind (`category: municipality`), wenn sie (oder eine Bürgermeisterkonferenz) "
        "am Gremienlauf beteiligt sind, oder wenn der Text „Einvernehmen“ oder die Abstimmung mit den Gemeinden "
        "nennt. Nicht verlangt ist, dass jede einzelne Gemeinde im Gremienlauf erscheint oder Stellung nimmt: "
        "ein Kreis darf sein Konzept auch beschließen, wenn Gemeinden sich nicht geäußert haben."
    )
    fix = (
        "Nehmen Sie die Gemeinden in ein Netzwerk oder die Steuerungsgruppe auf, beteiligen Sie sie im "
        "Gremienlauf, oder beschreiben Sie, wie die Arbeit des KI mit ihnen abgestimmt wird."
    )

    def check(self, ctx):
        yield from agreement(ctx, self.law)


class EducationAreasRule(Rule):
    """What G703 (§ 7 TIntG 2012) and G803 (§ 8 TIntG 2022) share: the chain of education covered."""

    modality = Modality.should
    summary = "Die Aufgaben des KI decken Elementarbereich, Schule und Übergang Schule – Beruf ab."
    severity = Severity.warning
    fix = "Beschreiben Sie unter `ki_tasks` für jeden fehlenden Bereich Themen, Produkte oder Netzwerke."

    def check(self, ctx):
        yield from education_areas(ctx)


class SchoolSupervisionRule(Rule):
    """What G704 (§ 7 TIntG 2012) and G804 (§ 8 TIntG 2022) share: the school supervisory authority involved."""

    modality = Modality.should
    summary = "Die Zusammenarbeit mit der unteren Schulaufsicht ist vorgesehen."
    severity = Severity.warning
    fix = "Nehmen Sie die Schulaufsicht als Mitglied (`category: school_supervision`) in ein Netzwerk auf."

    def check(self, ctx):
        yield from school_supervision(ctx)


class CoordinationRule(Rule):
    """What G705 (§ 7 TIntG 2012) and G805 (§ 8 TIntG 2022) share: a structure coordinates offices and providers."""

    modality = Modality.should
    summary = "Ein Netzwerk oder Gremium koordiniert kommunale Ämter/Einrichtungen und freie Träger."
    severity = Severity.warning
    fix = "Ergänzen Sie im koordinierenden Netzwerk die freien Träger bzw. kommunalen Stellen mit ihrer `category`."

    def check(self, ctx):
        yield from coordination_structure(ctx, need_free=True)


class QualificationRule(Rule):
    """What G706 (§ 7 TIntG 2012) and G808 (§ 8 TIntG 2022) share: qualification for staff of Kitas and schools."""

    modality = Modality.must
    summary = "Das KI bietet Qualifizierung für Beschäftigte von Kitas und Schulen an."
    severity = Severity.warning

    def check(self, ctx):
        yield from qualification(ctx)


class ParentsRule(Rule):
    """What G707 (§ 7 TIntG 2012) and G809 (§ 8 TIntG 2022) share: cooperation with immigrant parents."""

    modality = Modality.must
    summary = "Das KI arbeitet mit zugewanderten Eltern zusammen."
    severity = Severity.warning
    fix = "Beschreiben Sie die Elternarbeit des KI (Programme, Elternbildung) unter `ki_tasks`."

    def check(self, ctx):
        yield from parents(ctx)


def late_application(concept):
    """The first funding application step dated on or after 01.01.2022 (path, step), else None."""
    for path, step in application_steps(concept):
        if step.date and step.date.start >= CUTOFF:
            return path, step
    return None


class ApplicableLawRule(Rule):
    """What X001 and X002 share: which law applies follows from the dates of adoption and application."""

    modality = Modality.must
    citations = (p20_2022(),)
