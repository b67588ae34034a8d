"""K009 angabe-nach-beschluss: the check; its cases are in k009_angabe_nach_beschluss.yaml beside this file."""

from __future__ import annotations

import datetime as dt
import re

from integconcept.document.dates import MONTHS_DE
from integconcept.core.findings import Severity
from integconcept.rules.base import Problem, Modality, Rule, register
from integconcept.rules.evidence import adoption_date, concept_texts, de_date

_MONTHS = "|".join(MONTHS_DE + ("Jänner",))
_DAY = re.compile(r"\b(\d{1,2})\.\s?(\d{1,2})\.\s?((?:19|20)\d{2})\b")
_ISO = re.compile(r"\b((?:19|20)\d{2})-(\d{2})-(\d{2})\b")
_MONTH = re.compile(rf"\b({_MONTHS})\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
_YEAR = re.compile(r"(?<![\d./-])((?:19|20)\d{2})(?![\d-]|\.\d)")
_ANY_YEAR = re.compile(r"(?:19|20)\d{2}")
#: Planning language right before a date: "bis 2015", "bis Ende 2015", "ab dem Schuljahr 2014/15",
#: "spätestens im Januar 2014", "Ziel: 2016", "Zieljahr 2016", "geplant für 2014". A target is no fact after
#: the decision. Bounded: at most 50 characters (no sentence end) between the word and the date.
_PLANNING = re.compile(
    r"\b(?:bis|ab|spätestens|frühestens|ziel\w{0,8}|geplant|voraussichtlich|künftig|"
    r"angestrebt|bis\s+zum|ab\s+dem)\b[^.;!?\n]{0,50}$",
    re.IGNORECASE,
)


def _planned(text: str, start: int) -> bool:
    """Is the date at ``start`` a target (planning language just before it)?"""
    return bool(_PLANNING.search(text[max(0, start - 70) : start]))


def later_mentions(text: str, adopted: dt.date) -> list[str]:
    """Dates, months and years in ``text`` that lie after ``adopted`` (as printed)."""
    # Years first: the date and month patterns run only on texts that name the adoption year or a
    # later one (most texts name none, and this one cheap scan is all they cost).
    first = _ANY_YEAR.search(text)  # most texts name no year at all: one search, no iteration
    if first is None or not any(int(m.group(0)) >= adopted.year for m in _ANY_YEAR.finditer(text, first.start())):
        return []
    found: list[str] = []
    taken: list[tuple[int, int]] = []

    def free(span):
        return all(span[1] <= a or span[0] >= b for a, b in taken)

    for match in _DAY.finditer(text):
        taken.append(match.span())
        try:
            day = dt.date(int(match.group(3)), int(match.group(2)), int(match.group(1)))
        except ValueError:
            continue
        if day > adopted and not _planned(text, match.start()):
            found.append(match.group(0))
    for match in _ISO.finditer(text):
        taken.append(match.span())
        try:
            day = dt.date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        except ValueError:
            continue
        if day > adopted and not _planned(text, match.start()):
            found.append(match.group(0))
    for match in _MONTH.finditer(text):
        if not free(match.span()):
            continue
        taken.append(match.span())
        names = [m.lower() for m in MONTHS_DE]
        word = match.group(1).lower()
        month = names.index(word) + 1 if word in names else 1
        if (int(match.group(2)), month) > (adopted.year, adopted.month) and not _planned(text, match.start()):
            found.append(match.group(0))
    for match in _YEAR.finditer(text):
        if free(match.span()) and int(match.group(1)) > adopted.year and not _planned(text, match.start()):
            found.append(match.group(0))
    return found


@register
class LaterFacts(Rule):
    code = "K009"
    modality = Modality.consistency
    name = "angabe-nach-beschluss"
    summary = "Freitexte nennen keine Daten, die nach dem Beschluss des Konzepts liegen."
    severity = Severity.info
    explanation = (
        "In allen Freitexten des Konzepts (außer Quellenangaben und dem Gremienlauf, der naturgemäß auch "
        "Schritte nach dem Beschluss enthält) werden Tagesdaten (30.10.2012), Monatsangaben (Januar 2014) "
        "und Jahreszahlen gesucht, die nach dem Beschlussdatum liegen (`adoption.date`, sonst der "
        "Beschluss-Schritt des Kreistags/Rats). Planungssprache unmittelbar vor der Angabe zählt nicht: "
        "„bis 2015“, „bis Ende 2015“, „ab dem Schuljahr 2014/15“, „spätestens 2014“, „Ziel … 2016“, "
        "„geplant … 2014“, „voraussichtlich 2014“ sind Ziele und Planungen in Zielen und Maßnahmen, keine "
        "Tatsachen nach dem Beschluss. Es bleibt eine Textsuche, darum nur ein Hinweis."
    )
    reason = (
        "Ein beschlossener Text kann keine Tatsachen enthalten, die erst später eintraten. Eine solche "
        "Angabe zeigt, dass der Text nach dem Beschluss geändert wurde oder die Vorlage einen Fehler hat – "
        "bei einem Dokument, das der Kreistag beschlossen hat, muss das auffallen."
    )
    fix = (
        "Prüfen Sie die Stelle an der beschlossenen Fassung. Gibt die Datei die Vorlage wörtlich wieder, "
        "bleibt der Text; der Hinweis kann mit Begründung stummgeschaltet werden."
    )

    def check(self, ctx):
        adopted = adoption_date(ctx.concept)
        if adopted is None:
            return
        _, day = adopted
        for path, text in concept_texts(ctx.concept, exclude=("sources", "id", "approval_process")):
            mentions = later_mentions(text, day)
            if mentions:
                quoted = ", ".join(f"„{m}“" for m in dict.fromkeys(mentions))
                yield Problem(
                    path,
                    f"Der Text nennt {quoted}; das liegt nach dem Beschluss am {de_date(day)}.",
                    "Prüfen Sie die Angabe an der beschlossenen Fassung des Konzepts.",
                    quote=mentions[0],
                )
