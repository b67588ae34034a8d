"""Recognisers for the parts of a concept that have structure: German dates, the population table,
the approval process (as a table or a dated list), body kinds and purposes, the title page."""

from __future__ import annotations

import re
import unicodedata

from integconcept.document.dates import MONTHS_DE, VagueDate

_MONTHS = "|".join(m.lower() for m in MONTHS_DE) + "|maerz|jan|feb|mär|apr|jun|jul|aug|sep|sept|okt|nov|dez"
_WEEKDAY = re.compile(
    r"^(mo|di|mi|do|fr|sa|so|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?,?\s+", re.IGNORECASE
)
_DAY_NUM = re.compile(r"^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})?(?!\d)")
_DAY_NAME = re.compile(rf"^(\d{{1,2}})\.\s*({_MONTHS})\.?\s*(\d{{4}})?", re.IGNORECASE)
_PART_NAME = re.compile(rf"^(anfang|mitte|ende)\s+({_MONTHS})\.?\s*(\d{{4}})?", re.IGNORECASE)
_MONTH_NAME = re.compile(rf"^({_MONTHS})\.?\s+(\d{{4}})", re.IGNORECASE)
_ISO = re.compile(r"^(\d{4})-(\d{2})(?:-(\d{2}))?")
_TWO_DAYS = re.compile(
    r"^(\d{1,2})\.\s?(\d{1,2})\.?\s?(\d{4})?\s*(?:/|und|u\.|&|–|-)\s*(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})"
)
DATE_LABELS = (
    "anschließend",
    "danach",
    "im anschluss",
    "parallel",
    "zeitgleich",
    "laufend",
    "fortlaufend",
    "bis ende",
    "vorab",
    "zuvor",
    "sodann",
    "nach beschluss",
    "nach bewilligung",
)


def slug(text: str, fallback: str = "eintrag") -> str:
    table = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "ae", "Ö": "oe", "Ü": "ue"})
    text = unicodedata.normalize("NFKD", text.translate(table).lower())
    out = "".join(
        c if ("a" <= c <= "z" or c.isdigit() and c.isascii()) else "-" for c in text if not unicodedata.combining(c)
    )
    out = re.sub(r"-+", "-", out).strip("-")[:60].strip("-")
    return out or fallback


def short_slug(text: str, fallback: str, limit: int = 40) -> str:
    """A slug cut at a word boundary: "staedte-und-gemeinden-steuerungsgruppe"."""
    full = slug(text, fallback)
    if len(full) <= limit:
        return full
    cut = full[: limit + 1]
    return cut[: cut.rfind("-")] if "-" in cut else full[:limit]


def unique(base: str, used: set[str]) -> str:
    candidate, n = base, 2
    while candidate in used:
        candidate = f"{base}-{n}"
        n += 1
    used.add(candidate)
    return candidate


def _month(name: str) -> int | None:
    lowered = name.lower().rstrip(".").replace("maerz", "märz")
    for index, month in enumerate(MONTHS_DE, start=1):
        if month.lower() == lowered or (len(lowered) >= 3 and month.lower().startswith(lowered)):
            return index
    return None


def _year(text: str | None, default: int | None) -> tuple[int | None, bool]:
    if text:
        value = int(text)
        return (value + 2000 if value < 100 else value), False
    return default, True


def leading_dates(text: str, default_year: int | None = None):
    """Parse a German date at the start of ``text``.

    Returns (dates as canonical strings, label, rest, year_guessed): "31. Juli 2012 Behandlung …" →
    (["2012-07-31"], None, "Behandlung …", False); "29.10./30.10.2012 Kreisausschuss/Kreistag" gives two
    dates; "Anschließend Weitergabe …" gives the label "Anschließend"; no date → ([], None, text, False).
    """
    import datetime as dt

    original = text.strip()
    text = _WEEKDAY.sub("", original)
    try:
        if m := _TWO_DAYS.match(text):
            year2 = int(m.group(6))
            year1 = int(m.group(3)) if m.group(3) else year2
            first = dt.date(year1, int(m.group(2)), int(m.group(1)))
            second = dt.date(year2, int(m.group(5)), int(m.group(4)))
            return [first.isoformat(), second.isoformat()], None, text[m.end() :].strip(" :–-\t"), False
        if m := _ISO.match(text):
            if m.group(3):
                return (
                    [dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3))).isoformat()],
                    None,
                    text[m.end() :].strip(" :–-\t"),
                    False,
                )
            VagueDate.month_part(int(m.group(1)), int(m.group(2)), "month")
            return [f"{m.group(1)}-{m.group(2)}"], None, text[m.end() :].strip(" :–-\t"), False
        if m := _DAY_NUM.match(text):
            year, guessed = _year(m.group(3), default_year)
            if year is not None:
                day = dt.date(year, int(m.group(2)), int(m.group(1)))
                return [day.isoformat()], None, text[m.end() :].strip(" :–-\t"), guessed
        if m := _DAY_NAME.match(text):
            month = _month(m.group(2))
            year, guessed = _year(m.group(3), default_year)
            if month and year is not None:
                day = dt.date(year, month, int(m.group(1)))
                return [day.isoformat()], None, text[m.end() :].strip(" :–-\t"), guessed
        if m := _PART_NAME.match(text):
            month = _month(m.group(2))
            year, guessed = _year(m.group(3), default_year)
            if month and year is not None:
                return (
                    [f"{m.group(1).capitalize()} {year:04d}-{month:02d}"],
                    None,
                    text[m.end() :].strip(" :–-\t"),
                    guessed,
                )
        if m := _MONTH_NAME.match(text):
            month = _month(m.group(1))
            if month:
                return [f"{int(m.group(2)):04d}-{month:02d}"], None, text[m.end() :].strip(" :–-\t"), False
    except ValueError:  # 31.02. and the like: not a date
        return [], None, original, False
    lowered = text.lower()
    for label in DATE_LABELS:
        if lowered.startswith(label) and (len(text) == len(label) or not text[len(label)].isalnum()):
            return [], text[: len(label)], text[len(label) :].strip(" :–-\t,"), False
    return [], None, original, False


def is_dated(text: str) -> bool:
    dates, label, _, _ = leading_dates(text, 2000)
    return bool(dates or label)


# ---------------------------------------------------------------------------- bodies and purposes

_BODY_PATTERNS = [
    r"Ausschuss für [^.;()]+?(?=\s+zur\b|\s+zum\b|\s*$|\s+\()",
    r"(?:Sozial|Fach|Jugendhilfe|Schul|Integrations)ausschuss(?:es)?",
    r"Kreisausschuss",
    r"Hauptausschuss",
    r"Kreistag",
    r"Rat der Stadt \w+",
    r"Stadtrat",
    r"\bRat\b",
    r"Verwaltungsvorstand",
    r"Verwaltungskonferenz",
    r"(?:[\w-]+\s+und\s+)?[\w-]*[Kk]onferenz(?:\s*\([^)]*\))?(?:\s+(?:des|der|im)\s+[^,.;]+)?",
    r"Arbeitsgemeinschaft der Wohlfahrtsverbände[^,.;]*",
    r"Integrationsr(?:at|äte[n]?)[^,.;]*",
    r"(?:verwaltungsinterne\s+)?Steuerungsgruppe[^,.;]*",
    r"Land(?:es)? NRW",
    r"Bezirksregierung \w+",
]


def guess_body(text: str) -> str | None:
    for pattern in _BODY_PATTERNS:
        if m := re.search(pattern, text):
            found = m.group(0).strip()
            found = re.sub(r"^(?:der|die|den|dem|im|in der)\s+", "", found)
            if found.startswith("Landes NRW"):
                found = "Land NRW"
            return found[:120]
    return None


def guess_kind(text: str) -> str:
    t = text.lower()
    checks = [
        ("grant_notice", r"bewilligung|bescheid"),
        ("funding_application", r"antrag|förderantrag|antragstellung"),
        ("integration_council", r"integrationsr(at|äte)|integrationsausschuss"),
        ("main_committee", r"kreisausschuss|hauptausschuss"),
        ("council", r"kreistag|\brat\b|stadtrat|ratssitzung|\brates\b"),
        ("specialist_committee", r"ausschuss"),
        ("conference", r"konferenz"),
        (
            "administration",
            r"verwaltungsvorstand|steuerungsgruppe|dezernat|verwaltungsintern|landrat|oberbürgermeister",
        ),
        ("municipalities", r"städte(n)? und gemeinden|kommunen|gemeinden"),
        ("partners", r"wohlfahrt|träger|fraktion|schulaufsicht|arbeitsgemeinschaft|partner|verbände|migrantenorg"),
    ]
    best = None
    for rank, (kind, pattern) in enumerate(checks):
        if m := re.search(pattern, t):
            if best is None or m.start() < best[0]:
                best = (m.start(), rank, kind)
    return best[2] if best else "other"


PURPOSE_WORDS = {
    "information": "information",
    "beratung": "consultation",
    "beschlussfassung": "decision",
    "beschluss": "decision",
    "antrag": "application",
    "bescheid": "notice",
    "anhörung": "consultation",
    "stellungnahme": "consultation",
    "kenntnisnahme": "information",
}


def guess_purpose(text: str, kind: str) -> str:
    if kind == "grant_notice":
        return "notice"
    if kind == "funding_application":
        return "application"
    t = text.lower()
    if re.search(r"beschluss|beschließ|verabschied", t):
        return "decision"
    if re.search(r"information|kenntnis|informiert", t) and not re.search(r"beratung|rückmeldung", t):
        return "information"
    return "consultation"


# ---------------------------------------------------------------------------- numbers


def parse_count(text: str) -> int | None:
    t = text.strip().replace("\u202f", " ").replace("\u00a0", " ").replace("\u2009", " ")
    if not re.fullmatch(r"\d{1,3}(?:[ .]\d{3})+|\d+", t):
        return None
    return int(re.sub(r"[ .]", "", t))


def parse_percent(text: str) -> tuple[float | None, int]:
    t = text.strip().replace("\u202f", " ").replace("\u00a0", " ").rstrip("%").strip()
    if not re.fullmatch(r"\d{1,3}(?:[.,]\d+)?", t):
        return None, 0
    decimals = len(t.split(",")[1]) if "," in t else len(t.split(".")[1]) if "." in t else 0
    return float(t.replace(",", ".")), decimals


def parse_number(text: str) -> float | None:
    """German numbers with thousands dots and a decimal comma: "170.000,00 €" → 170000.0, "2,5" → 2.5."""
    t = re.sub(r"[€\s\u00a0\u202f]|EUR|Euro", "", text, flags=re.IGNORECASE)
    if not re.fullmatch(r"\d{1,3}(?:\.\d{3})*(?:,\d+)?|\d+(?:,\d+)?|\d+\.\d+", t):
        return None
    if "," in t:
        return float(t.replace(".", "").replace(",", "."))
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", t):
        return float(t.replace(".", ""))
    return float(t)


# ---------------------------------------------------------------------------- authority

_AUTHORITY_PATTERNS = [
    (r"\bRhein-Kreis Neuss\b", "kreis"),
    (r"\b(?:Märkischer|Oberbergischer|Rheinisch-Bergischer)\s+Kreis\b", "kreis"),
    (r"\b[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*-Kreis\b", "kreis"),
    (r"\bKreis(?:es)?\s+[A-ZÄÖÜ][\wäöüß]+(?:-[A-ZÄÖÜ][\wäöüß]+)*\b", "kreis"),
    (r"\b(?:Hochsauerland|Städteregion Aachen)kreis\b", "kreis"),
    (
        r"\b(?:Stadt|Bundesstadt|Hansestadt|Universitätsstadt)\s+[A-ZÄÖÜ][\wäöüß]+(?:[- ][A-ZÄÖÜ][\wäöüß]+)?\b",
        "kreisfreie_stadt",
    ),
]


def find_authority(texts: list[str]) -> tuple[str, str] | None:
    """The authority named most often (title page first): ("Kreis Unna", "kreis")."""
    counts: dict[tuple[str, str], int] = {}
    order: list[tuple[str, str]] = []
    for text in texts:
        for pattern, kind in _AUTHORITY_PATTERNS:
            for m in re.finditer(pattern, text):
                name = re.sub(r"^Kreises\s+", "Kreis ", m.group(0))
                name = re.sub(r"\s+(?:und|im|in|der|des|für|am|vom)$", "", name)
                key = (name, kind)
                if key not in counts:
                    order.append(key)
                counts[key] = counts.get(key, 0) + 1
        if counts:
            break
    if not counts:
        return None
    return max(order, key=lambda k: counts[k])


_ADOPTION = [
    re.compile(r"(Kreistag|Rat|Stadtrat|Kreisausschuss|Hauptausschuss)s?beschluss(?:es)?\s+vom\s+(.+)$", re.I),
    re.compile(
        r"Beschluss(?:fassung)?(?:\s+des|\s+durch\s+den)?\s*:?\s*(Kreistag|Rat|Stadtrat|Kreistages|Rates)\w*\s+"
        r"(?:am|vom)\s+(.+)$",
        re.I,
    ),
    re.compile(
        r"(?:beschlossen|verabschiedet)\s+(?:vom|durch den)\s+(Kreistag|Rat|Stadtrat)\w*\s+(?:am\s+)?(.+)$", re.I
    ),
]


def find_adoption(lines: list[str]) -> tuple[str, str | None, str] | None:
    """(body, ISO day or None, the line) from a title-page line like "Kreistagsbeschluss vom 30.10.2012"."""
    for line in lines:
        for pattern in _ADOPTION:
            if m := pattern.search(line):
                body = m.group(1)
                body = {"rat": "Rat", "rates": "Rat", "kreistages": "Kreistag"}.get(
                    body.lower(), body[0].upper() + body[1:]
                )
                dates, _, _, guessed = leading_dates(m.group(2))
                day = dates[0] if dates and re.fullmatch(r"\d{4}-\d{2}-\d{2}", dates[0]) and not guessed else None
                return body, day, line
    return None
