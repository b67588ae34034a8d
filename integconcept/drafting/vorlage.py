"""The Beschlussvorlage (Sitzungsvorlage) for one political step of the approval process.

Everything a Vorlage needs is in the concept file: the Gremienlauf is the Beratungsfolge, the law and the
guideline give the legal basis, the concept's own structure says what it contains, ``staffing`` gives the
financial effects. What the file does not hold is printed as „(bitte ergänzen)“, never made up.

Parts (domain.md, "The Beschlussvorlage"): head (Vorlage-Nr., Federführung, Datum, Betreff), Beratungsfolge,
Beschlussvorschlag, Begründung (Anlass und Rechtsgrundlage, Inhalt, bisheriges Verfahren), Finanzielle
Auswirkungen, Anlagen.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from integconcept.core.errors import UserError
from integconcept.core.german import decimal_text, euro
from integconcept.document.labels import label
from integconcept.document.markup import plain_text
from integconcept.document.model import (
    POLITICAL_BODY_KINDS,
    ApprovalStep,
    AuthorityKind,
    BodyKind,
    Concept,
    Funder,
    LegalBasis,
    Purpose,
    Status,
)
from integconcept.drafting.paper import MISSING, Paper, german_date, german_day

DECISION = "Entscheidung"
PREPARATION = "Vorberatung"
NOTICE = "Kenntnisnahme"


class VorlageError(UserError):
    """The Vorlage cannot be made (unknown step, a step that is no session); exit code 2."""


@dataclass
class VorlageInput:
    """What the Vorlage is made from besides the concept."""

    step_id: str
    date: dt.date
    number: str | None = None  # from the configuration ([vorlage] number)
    lead: str | None = None  # from the configuration ([vorlage] lead)
    previous: Concept | None = None  # the version this one updates (Fortschreibung)
    feedback: list = field(default_factory=list)  # remarks from the consultation (feedback.Remark)
    feedback_authors: list[str] = field(default_factory=list)


@dataclass
class VorlageResult:
    data: bytes
    warnings: list[str]
    step: ApprovalStep


# --------------------------------------------------------------------------- German phrases


def authority_genitive(concept: Concept) -> str:
    """„des Kreises Unna“, „des Hochsauerlandkreises“, „des Märkischen Kreises“, „der Stadt Hagen“."""
    name = concept.authority.name.strip()
    if concept.authority.kind is AuthorityKind.kreisfreie_stadt:
        return f"der {name}" if name.startswith("Stadt ") else f"der Stadt {name}"
    words = name.split(" ")
    for index, word in enumerate(words):
        if word.lower().endswith("kreis"):
            words[index] = word + "es"
            if index and words[index - 1].endswith("er"):  # "Märkischer Kreis" → "Märkischen Kreises"
                words[index - 1] = words[index - 1][:-2] + "en"
            return "des " + " ".join(words)
    return f"des Kreises {name}"


def council_name(concept: Concept, step=None) -> str:
    """The deciding body's name: the step's own when it names it, else „Kreistag“ / „Rat der Stadt …“
    (a city's step called only „Rat“ or „Stadtrat“ becomes „Rat der Stadt …“)."""
    city = concept.authority.kind is AuthorityKind.kreisfreie_stadt
    name = step.body.strip() if step is not None else ""
    if city and name.lower() in ("", "rat", "stadtrat", "rat der stadt"):
        return "Rat " + authority_genitive(concept)
    return name or "Kreistag"


def body_name(concept: Concept, step) -> str:
    """The name a step's body is addressed by in the Beschlussvorschlag."""
    return council_name(concept, step) if step.body_kind is BodyKind.council else step.body.strip()


def subject(body: str) -> tuple[str, bool]:
    """(nominative with article, plural?) for a body's name: „Der Kreistag“, „Die Integrationsräte …“.

    A city council named only „Rat“ is left as „Der Rat“; a name whose gender is not known gets „Das
    Gremium „…““, which is always right."""
    body = body.strip()
    first = body.split(" ")[0]
    lower = first.lower()
    if lower in ("der", "die", "das"):
        return body[0].upper() + body[1:], False
    if lower.endswith(("ausschüsse", "räte", "konferenzen")):
        return f"Die {body}", True
    if lower.endswith(("ausschuss", "rat", "kreistag", "beirat", "tag")):
        return f"Der {body}", False
    if lower.endswith(("konferenz", "versammlung", "gruppe", "kommission", "vertretung")):
        return f"Die {body}", False
    return f"Das Gremium „{body}“", False


def dative(body: str) -> str:
    """„dem Kreistag“, „dem Rat der Stadt Hagen“, „der Stadtverordnetenversammlung“."""
    nominative, plural = subject(body)
    article, rest = nominative.split(" ", 1)
    return {"Der": "dem", "Das": "dem", "Die": "den" if plural else "der"}[article] + " " + rest


def concept_phrase(concept: Concept) -> str:
    """„das Integrationskonzept Kreis Unna“, „das Integrationskonzept „Zuhause im Kreis Soest““."""
    title = concept.title.strip()
    if title.startswith("Integrationskonzept ") and "„" not in title:
        return "das " + title
    return f"das Integrationskonzept „{title}“"


def is_kim_programme(concept: Concept) -> bool:
    """A concept about joining the KIM programme before the 2022 law (guideline 2020, no § 8 concept)."""
    return (
        concept.uses_kim
        and concept.legal_basis is LegalBasis.tintg2012_p7
        and "integrationsmanagement" in concept.title.lower()
    )


def is_update(concept: Concept, previous: Concept | None) -> bool:
    text = f"{concept.title} {concept.subtitle or ''}".lower()
    return previous is not None or "fortschreibung" in text


# --------------------------------------------------------------------------- the steps


def political_steps(concept: Concept) -> list:
    process = concept.approval_process
    return [s for s in (process.steps if process else []) if s.body_kind in POLITICAL_BODY_KINDS]


def role(step, steps: list) -> str:
    """Vorberatung, Entscheidung or Kenntnisnahme: a decision before the council's decision prepares it
    (the Kreisausschuss „zur Beschlussfassung“ prepares the Kreistag's decision, § 50 KrO NRW)."""
    if step.purpose is Purpose.information:
        return NOTICE
    if step.purpose is Purpose.decision:
        if step.body_kind is BodyKind.council:
            return DECISION
        later = steps[steps.index(step) + 1 :]
        if any(s.body_kind is BodyKind.council and s.purpose is Purpose.decision for s in later):
            return PREPARATION
        return DECISION
    return PREPARATION


def session_date(step) -> str:
    if step.date is not None:
        text = german_date(step.date)
    elif step.date_label:
        text = step.date_label
    else:
        return MISSING
    return text + (f", {step.time} Uhr" if step.time else "")


def find_step(concept: Concept, step_id: str) -> ApprovalStep:
    steps = concept.approval_process.steps if concept.approval_process else []
    political = political_steps(concept)
    listing = (
        "\n".join(f"  {s.id}: {s.body} ({session_date(s)})" for s in political)
        or "  (keine: der Gremienlauf nennt keinen Fachausschuss, Kreis-/Hauptausschuss, Kreistag/Rat oder Integrationsrat)"
    )
    found = next((s for s in steps if s.id == step_id), None)
    if found is None:
        raise VorlageError(
            f"Im Gremienlauf (approval_process.steps) gibt es keinen Schritt „{step_id}“. "
            f"Beschlussvorlagen gibt es für die Sitzungen der politischen Gremien:\n{listing}\n"
            "Es wurde nichts geschrieben."
        )
    if found.body_kind not in POLITICAL_BODY_KINDS:
        raise VorlageError(
            f"Der Schritt „{step_id}“ ({found.body}, {label(found.body_kind)}) ist keine Sitzung "
            f"eines politischen Gremiums. Beschlussvorlagen gibt es für:\n{listing}\n"
            "Es wurde nichts geschrieben."
        )
    return found


# --------------------------------------------------------------------------- the text


def proposal(concept: Concept, step, steps: list, previous: Concept | None) -> str:
    """The Beschlussvorschlag worded for the step's body."""
    who, plural = subject(body_name(concept, step))
    what = concept_phrase(concept)
    kim = is_kim_programme(concept)
    if kim:
        thing = (
            f"die Beteiligung {authority_genitive(concept)} am Landesprogramm „Kommunales "
            f"Integrationsmanagement“ (KIM) auf der Grundlage des als Anlage beigefügten Konzepts "
            f"„{concept.title}“"
        )
    elif step.on_draft:
        thing = (
            f"den Entwurf für {what} in der als Anlage beigefügten Fassung als Grundlage für die "
            "Beteiligung der Städte und Gemeinden und der Partner"
        )
    elif is_update(concept, previous):
        thing = (
            f"die Fortschreibung des Integrationskonzepts {authority_genitive(concept)} in der als Anlage "
            "beigefügten Fassung"
        )
    else:
        thing = f"{what} in der als Anlage beigefügten Fassung"
    if concept.uses_kim and concept.legal_basis is LegalBasis.tintg2022_p8_p9 and not kim:
        thing += (
            f" sowie die Beteiligung {authority_genitive(concept)} am Kommunalen Integrationsmanagement "
            "nach § 9 TIntG NRW"
        )
    kind = role(step, steps)
    if kind == DECISION:
        return f"{who} {'beschließen' if plural else 'beschließt'} {thing}."
    if kind == NOTICE:
        return f"{who} {'nehmen' if plural else 'nimmt'} {thing} zur Kenntnis."
    decider = next(
        (
            s
            for s in steps[steps.index(step) + 1 :]
            if s.body_kind is BodyKind.council and s.purpose is Purpose.decision
        ),
        None,
    )
    target = dative(council_name(concept, decider))
    return f"{who} {'empfehlen' if plural else 'empfiehlt'} {target}, {thing} zu beschließen."


def legal_basis(concept: Concept) -> list[str]:
    """Occasion and legal basis, with the provision that applies (rules.law, rules.guidelines)."""
    from integconcept.rules.guidelines import applicable
    from integconcept.rules.law import GUIDELINES_WITH_THIS_LIST, P8_TEXT, P9_TEXT

    basis = concept.legal_basis
    guidelines = applicable(concept, basis.value)
    out = []
    if is_kim_programme(concept):
        citation = guidelines.kim_citation
        where = f"{citation.law} {citation.version} ({citation.note})" if citation else MISSING
        return [
            "Das Land Nordrhein-Westfalen fördert in den Kreisen und kreisfreien Städten ein Kommunales "
            f"Integrationsmanagement (KIM). Grundlage ist die {where}."
        ]
    if basis is LegalBasis.tintg2012_p7:
        out.append(
            "Nach § 7 Abs. 1 des Teilhabe- und Integrationsgesetzes NRW (TIntG) vom 14.02.2012 "
            "(GV. NRW. 2012 S. 97) fördert das Land Kommunale Integrationszentren in Kreisen und "
            "kreisfreien Städten, die über ein Integrationskonzept verfügen."
        )
    else:
        out.append(
            f"§ 8 Abs. 1 Sätze 1 und 2 des Teilhabe- und Integrationsgesetzes NRW (TIntG) in der seit "
            f"01.01.2022 geltenden Fassung: „{P8_TEXT[('1', '1', '')]} {P8_TEXT[('1', '2', '')]}“"
        )
    citation = guidelines.ki_citation
    sentence = f"Die Förderung richtet sich nach der {citation.law} {citation.version} ({citation.note})"
    if guidelines.ki in GUIDELINES_WITH_THIS_LIST:
        sentence += (
            "; sie verlangt ein vom Kreistag bzw. Rat beschlossenes Integrationskonzept, das nicht älter "
            "als drei Jahre sein sollte"
        )
    out.append(sentence + ".")
    if concept.uses_kim and basis is LegalBasis.tintg2022_p8_p9:
        out.append(f"Für das Kommunale Integrationsmanagement gilt § 9 TIntG NRW: „{P9_TEXT[('1', 'addressees')]}“")
    return out


def contents(concept: Concept, headings: list) -> list[str]:
    """What the concept contains, in a few lines from its own structure."""
    out = []
    chapters = [f"{h.number} {h.text}".strip() for h in headings if h.level == 1]
    if chapters:
        out.append("Das Konzept (Anlage 1) gliedert sich in: " + "; ".join(chapters) + ".")
    fields = concept.action_fields
    goals = concept.guiding_goals.goals if concept.guiding_goals else []
    if fields:
        names = ", ".join(f.name for f in fields)
        line = f"Es benennt {len(fields)} {'Handlungsfeld' if len(fields) == 1 else 'Handlungsfelder'} ({names})"
        if goals:
            measures = sum(len(g.measures) for g in goals)
            line += f" mit {len(goals)} {'Integrationsleitziel' if len(goals) == 1 else 'Integrationsleitzielen'}" + (
                f" und {measures} {'Maßnahme' if measures == 1 else 'Maßnahmen'}" if measures else ""
            )
        out.append(line + ".")
    table = concept.preamble.population_table if concept.preamble else None
    if table is not None and table.rows:
        out.append(
            f"Die Ausgangslage wird mit Bevölkerungszahlen für {len(table.rows)} "
            f"{'Gebiet' if len(table.rows) == 1 else 'Gebiete'} dargestellt (Quelle: {table.source})."
        )
    networks = concept.networks.bodies if concept.networks else []
    if networks:
        out.append(
            f"Die Zusammenarbeit ist in {len(networks)} "
            f"{'Netzwerk oder Gremium' if len(networks) == 1 else 'Netzwerken und Gremien'} organisiert: "
            + ", ".join(n.name for n in networks)
            + "."
        )
    return out


def procedure(concept: Concept, step, feedback: list, feedback_authors: list[str]) -> list[str]:
    """The procedure so far: every step before this one, with date; the participation."""
    assert concept.approval_process is not None, "the step is one of its steps"
    steps = concept.approval_process.steps
    before = steps[: steps.index(step)]
    lines = []
    for earlier in before:
        when = session_date(earlier) if (earlier.date or earlier.date_label) else "ohne Datum"
        what = (
            plain_text(earlier.description).replace("\n", " ")
            if earlier.description
            else f"{earlier.body} ({label(earlier.purpose)})"
        )
        if earlier.recipients:
            what += ": " + "; ".join(plain_text(r).replace("\n", " ").strip().rstrip(",;") for r in earlier.recipients)
        if earlier.body_kind in POLITICAL_BODY_KINDS and earlier.purpose is not Purpose.information:
            what += f" – Ergebnis: {MISSING}"
        lines.append(f"{when}: {what}")
    return lines


def participation(
    concept: Concept, step, feedback: list, feedback_authors: list[str], table_number: int = 2
) -> list[str]:
    assert concept.approval_process is not None, "the step is one of its steps"
    steps = concept.approval_process.steps
    before = steps[: steps.index(step)]
    out = []
    municipalities = {m.id for m in concept.authority.municipalities}
    involved: set[str] = set()
    for earlier in before:
        if earlier.municipalities == "all":
            involved |= municipalities
        elif isinstance(earlier.municipalities, list):
            involved |= set(earlier.municipalities) & municipalities
    if concept.authority.kind is AuthorityKind.kreis and municipalities:
        if involved == municipalities:
            out.append(f"Beteiligt waren alle {len(municipalities)} kreisangehörigen Städte und Gemeinden.")
        elif involved:
            out.append(
                f"Beteiligt waren {len(involved)} der {len(municipalities)} kreisangehörigen Städte und Gemeinden."
            )
    process = concept.approval_process
    if process.min_consultation_days:
        out.append(f"Für Rückmeldungen waren mindestens {process.min_consultation_days} Tage vorgesehen.")
    if feedback:
        authors = ", ".join(feedback_authors)
        out.append(
            f"Aus der Beteiligung liegen {len(feedback)} "
            f"{'Anmerkung' if len(feedback) == 1 else 'Anmerkungen'} (Kommentare und Änderungen) vor"
            + (f", von {authors}" if authors else "")
            + ". Sie sind mit der Stellungnahme der Verwaltung in der Abwägungstabelle "
            f"(Anlage {table_number}) zusammengestellt."
        )
    else:
        out.append(f"Ergebnis der Beteiligung (Rückmeldungen und wie sie berücksichtigt wurden): {MISSING}")
    return out


def finances(concept: Concept) -> tuple[list[list[str]], list[str], list[str]]:
    """(table rows, sentences, warnings) of the financial effects from ``staffing``."""
    s = concept.staffing
    if s is not None and s.no_financial_impact:
        return [], ["Keine."], []
    posts = s.posts if s else []
    funding = s.funding if s else []
    if not posts and not funding:
        return (
            [],
            [f"Angaben zu Landesförderung, Eigenanteil und Folgekosten: {MISSING}"],
            [
                "Die Konzeptdatei enthält keine Angaben zu Personal und Finanzierung (staffing.posts, staffing.funding); "
                "der Abschnitt „Finanzielle Auswirkungen“ ist mit „(bitte ergänzen)“ markiert. Hat der Beschluss "
                "keine finanziellen Auswirkungen, tragen Sie staffing: {no_financial_impact: true} ein."
            ],
        )
    rows = []
    names = {
        Funder.land: "Landesförderung",
        Funder.own: "Eigenanteil",
        Funder.federal: "Bundesmittel",
        Funder.other: "Sonstige Mittel",
    }
    for item in funding:
        period = {"year": "jährlich", "total": "insgesamt"}.get(item.per or "", MISSING)
        amount = euro(item.amount_eur) if item.amount_eur is not None else MISSING
        text = names[item.funder] + (f" – {item.label}" if item.label else "")
        if item.note:
            amount += f" ({item.note})"
        rows.append([text, amount, period])
    sentences = []
    if funding and all(i.per == "year" and i.amount_eur is not None for i in funding):
        total = sum(i.amount_eur or 0.0 for i in funding)  # every amount is given (checked above)
        own = sum(i.amount_eur or 0.0 for i in funding if i.funder is Funder.own)
        sentences.append(f"Insgesamt {euro(total)} jährlich, davon Eigenanteil {euro(own)}.")
    elif funding:
        sentences.append(
            f"Eine Jahressumme lässt sich nicht bilden, weil nicht jeder Betrag mit Zeitraum angegeben ist: {MISSING}"
        )
    if posts:
        total = sum(p.fte for p in posts)
        parts = []
        for post in posts:
            what = label(post.role) if post.role else (post.label or "Stelle")
            funder = f", finanziert: {label(post.funded_by)}" if post.funded_by else ""
            parts.append(f"{decimal_text(post.fte)} ({what}{funder})")
        sentences.append(f"Stellen: {decimal_text(total)} Vollzeitstellen – " + "; ".join(parts) + ".")
    if not funding:
        sentences.append(f"Beträge (Landesförderung, Eigenanteil): {MISSING}")
    return rows, sentences, []


# --------------------------------------------------------------------------- the document


def render_vorlage(
    concept: Concept, given: VorlageInput, template_path: str | None = None, base_dir=None
) -> VorlageResult:
    from integconcept.render import render_concept

    step = find_step(concept, given.step_id)
    steps = political_steps(concept)
    warnings: list[str] = []
    # the concept's own chapters, numbered as the rendered Anlage numbers them (our numbering, whatever the
    # template: rendered without it, so its warnings about TOC or footnote styles do not concern the Vorlage)
    headings = render_concept(concept, None, base_dir=base_dir).headings
    paper = Paper(template_path)
    warnings += paper.warnings
    update = is_update(concept, given.previous)
    number = (concept.adoption.reference if concept.adoption else None) or given.number
    lead = (concept.adoption.lead if concept.adoption else None) or given.lead
    subject_line = f"{concept.title} – {'Fortschreibung' if update else 'Beschluss'}"
    if is_kim_programme(concept):
        subject_line = f"{concept.title} – Beteiligung am Landesprogramm KIM"

    paper.properties(f"Beschlussvorlage: {subject_line}", concept.authority.name, subject_line)
    paper.header_footer(f"Vorlage-Nr. {number or MISSING}", concept.authority.name)
    paper.para(concept.authority.name, "subtitle")
    paper.para("Beschlussvorlage", "title")
    head = paper.table([4.0, 12.0], borders=False)
    for name, value in (
        ("Vorlage-Nr.", number or MISSING),
        ("Federführung", lead or MISSING),
        ("Datum", german_day(given.date)),
        ("Betreff", subject_line),
    ):
        row = paper.row(head, [name, value])
        row.cells[0].paragraphs[0].runs[0].bold = True
    paper.finish(head)

    paper.heading("Beratungsfolge")
    table = paper.table([8.0, 4.5, 3.5], ["Gremium", "Sitzungstermin", "Zuständigkeit"])
    for political in steps:
        paper.row(table, [political.body, session_date(political), role(political, steps)], bold=political is step)
    paper.finish(table, 10)
    paper.para("Diese Vorlage: " + step.body + " am " + session_date(step) + ".", italic=True, after_table=True)

    paper.heading("Beschlussvorschlag")
    paper.para(proposal(concept, step, steps, given.previous))

    paper.heading("Begründung")
    paper.heading("1. Anlass und Rechtsgrundlage", 2)
    if update:
        old = given.previous
        when = ""
        if old is not None and old.adoption and old.adoption.date:
            when = f" vom {german_date(old.adoption.date)} ({old.adoption.body})"
        elif old is None or not (old.adoption and old.adoption.date):
            when = f" vom {MISSING}"
        paper.para(
            f"Das bisherige Integrationskonzept {authority_genitive(concept)}{when} wird fortgeschrieben. "
            "Die Änderungen zeigt die Synopse (Anlage 2)."
        )
    for line in legal_basis(concept):
        paper.para(line)
    if concept.status is Status.draft and not step.on_draft:
        paper.para("Das Konzept liegt als Entwurf vor; mit dem Beschluss wird es die gültige Fassung.")
    paper.heading("2. Inhalt des Konzepts", 2)
    lines = contents(concept, headings)
    for line in lines or [f"Kurzdarstellung des Inhalts: {MISSING}"]:
        paper.para(line)
    paper.heading("3. Bisheriges Verfahren und Beteiligung", 2)
    earlier = procedure(concept, step, given.feedback, given.feedback_authors)
    if earlier:
        paper.para("Das Konzept wurde bisher folgenden Gremien und Partnern vorgelegt:")
        paper.bullets(earlier)
    else:
        paper.para(f"Vor dieser Sitzung nennt der Gremienlauf keine Beteiligung. Bisheriges Verfahren: {MISSING}")
    for line in participation(concept, step, given.feedback, given.feedback_authors, 3 if update else 2):
        paper.para(line)

    paper.heading("Finanzielle Auswirkungen")
    rows, sentences, money_warnings = finances(concept)
    warnings += money_warnings
    if rows:
        money = paper.table([8.5, 4.5, 3.0], ["Finanzierung", "Betrag", "Zeitraum"])
        for row in rows:
            paper.row(money, row)
        paper.finish(money, 10)
    for index, sentence in enumerate(sentences):
        paper.para(sentence, after_table=bool(rows) and not index)

    paper.heading("Anlagen")
    attachments = [concept.title + (" (Entwurf)" if concept.status is Status.draft else "")]
    if update:
        attachments.append("Synopse: Gegenüberstellung der bisherigen und der neuen Fassung")
    if given.feedback:
        attachments.append("Abwägungstabelle: Stellungnahmen aus der Beteiligung mit Stellungnahme der Verwaltung")
    paper.numbered(attachments)
    return VorlageResult(paper.save(), warnings, step)
