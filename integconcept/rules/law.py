"""Citations of the provisions the rules rest on (facts from /work/shared/domain.md).

The 2012 wording of § 7 TIntG is reconstructed from secondary sources; rules resting on it
warn instead of erring and carry the note "Wortlaut rekonstruiert".
"""

from __future__ import annotations

from integconcept.core.findings import Citation

URL_TINTG_2012 = (
    "https://recht.nrw.de/lmi/owa/br_bes_text?anw_nr=2&gld_nr=2&ugl_nr=24&bes_id=19764&menu=0&sg=0&aufgehoben=J"
)
URL_TINTG_2022 = (
    "https://recht.nrw.de/lmi/owa/br_bes_text?anw_nr=2&gld_nr=2&ugl_nr=24&bes_id=47273&menu=0&sg=0&aufgehoben=N"
)
URL_TINTG_2022_P8 = (
    "https://recht.nrw.de/lmi/owa/br_bes_detail?sg=0&menu=0&bes_id=47273&anw_nr=2&aufgehoben=N&det_id=634487"
)
URL_GUIDELINE_2012 = "https://www.kommunale-integrationszentren-nrw.de/rahmenbedingungen"

RECONSTRUCTED = "Wortlaut rekonstruiert"


def p7(paragraph: str = "", sentence: str = "", number: str = "") -> Citation:
    return Citation("TIntG NRW", "2012", "§ 7", paragraph, sentence, number, URL_TINTG_2012, RECONSTRUCTED)


def p8(paragraph: str = "", sentence: str = "", number: str = "") -> Citation:
    return Citation("TIntG NRW", "2022", "§ 8", paragraph, sentence, number, URL_TINTG_2022_P8)


URL_TINTG_2022_P9 = (
    "https://recht.nrw.de/lmi/owa/br_bes_detail?sg=0&menu=0&bes_id=47273&anw_nr=2&aufgehoben=N&det_id=634488"
)


def p9(paragraph: str = "", sentence: str = "", number: str = "") -> Citation:
    return Citation("TIntG NRW", "2022", "§ 9", paragraph, sentence, number, URL_TINTG_2022_P9)


def p20_2022() -> Citation:
    return Citation(
        "TIntG NRW", "2022", "§ 20", url=URL_TINTG_2022, note="Inkrafttreten 01.01.2022; TIntG 2012 außer Kraft"
    )


GUIDELINE_2012 = Citation(
    "Förderrichtlinie Kommunale Integrationszentren",
    "2012",
    url=URL_GUIDELINE_2012,
    note="MBl. NRW. 2012 Nr. 19, Runderlass vom 25.06.2012",
)
URL_KIM_2024 = (
    "https://recht.nrw.de/lmi/owa/br_vbl_detail_text?anw_nr=7&vd_id=21991&ver=8&val=21991&sg=1&menu=1&vd_back=N"
)
#: The citation shown in listings (``integconcept rules``); findings cite the version in force and
#: the building block (rules/packs/kim/_shared.py).
GUIDELINE_KIM = Citation(
    "Förderrichtlinie KIM",
    "2020/2024",
    url=URL_KIM_2024,
    note="Runderlass vom 25.11.2020, MBl. NRW. 2020 Nr. 32 S. 751 (Bausteine 1 bis 3); "
    "Runderlass vom 12.12.2024, MBl. NRW. 2024 Nr. 43 S. 1229 (Bausteine a bis c)",
)

#: § 8 TIntG 2022 verbatim (recht.nrw.de, bes_id=47273, det_id=634487, as of 17.04.2024), by
#: (Abs., S., Nr.). Rules quote the sentence they rest on; these rules may err.
P8_TEXT = {
    ("1", "1", ""): "Das Land fördert auf der Grundlage entsprechender Verwaltungsvorschriften Kommunale "
    "Integrationszentren in Kreisen und kreisfreien Städten, die über ein Integrationskonzept "
    "verfügen.",
    ("1", "2", ""): "Das Integrationskonzept soll die Zusammenarbeit und Abstimmung mit freien Trägern vorsehen.",
    ("1", "3", ""): "Damit sollen im Einvernehmen mit den Gemeinden",
    ("1", "3", "1"): "Angebote im Elementarbereich, in der Schule und beim Übergang von der Schule in den Beruf "
    "in Zusammenarbeit mit den unteren Schulaufsichtsbehörden unterstützt werden, um die "
    "Bildungschancen von Kindern und Jugendlichen mit Einwanderungsgeschichte zu verbessern,",
    ("1", "3", "2"): "die auf die Integration und das Zusammenleben in Vielfalt bezogenen Aktivitäten und Angebote "
    "der kommunalen Ämter und Einrichtungen sowie der freien Träger vor Ort koordiniert werden;",
    ("1", "3", "3"): "die ehrenamtlichen Angebote in den Kommunen, insbesondere für geflüchtete Menschen und "
    "weitere Neueingewanderte koordiniert und unterstützt werden.",
    ("2", "", ""): "Die Kommunalen Integrationszentren machen ergänzende Angebote zur Qualifizierung der "
    "Beschäftigten in Kindertageseinrichtungen, Schulen und sonstigen Bildungseinrichtungen "
    "hinsichtlich einer Förderung von Kindern und Jugendlichen mit Einwanderungsgeschichte sowie "
    "einer Zusammenarbeit mit den zugewanderten Eltern.",
}

#: § 9 TIntG 2022, verbatim (recht.nrw.de, bes_id=47273, det_id=634488, as of 17.04.2024; Abs. 2 and 4
#: read in full for issue 25).
P9_TEXT = {
    ("1", "aim"): "mit dem Ziel einer integrierten und rechtskreisübergreifenden kommunalen Steuerung",
    ("1", "structures"): "Strukturen der Zusammenarbeit aller auf kommunaler Ebene vorhandenen Ämter, Behörden und "
    "Träger … sowie individuelle und lebenslagenbezogene Beratungsangebote",
    ("1", "addressees"): "Die Landesförderung richtet sich an die Kreise und kreisfreien Städte, die ein "
    "Kommunales Integrationszentrum nach § 8 eingerichtet haben.",
    ("2", "common"): "Im Rahmen der Förderung ist die Einbeziehung der kreisangehörigen Gemeinden besonders zu "
    "berücksichtigen und festzulegen, wie die Kreise zur Stärkung der interkommunalen "
    "Zusammenarbeit auf der Grundlage eines gemeinsamen Integrationskonzepts mit ihren "
    "kreisangehörigen Gemeinden zusammenwirken.",
    ("2", "pass_on"): "Eine Weitergabe von Mitteln durch die Kreise an ausgewählte kreisangehörige Gemeinden ist "
    "entsprechend den Fördergrundsätzen möglich.",
    ("4", "double"): "Die Verwendung der Landesförderung nach den Absätzen 1 und 2 für Vorhaben, die bereits durch "
    "Mittel der Europäischen Union, des Bundes, des Landes Nordrhein-Westfalen oder weiterer Dritter "
    "abgedeckt sind, ist nicht zulässig.",
}


def quote_p8(paragraph: str, sentence: str = "", number: str = "") -> str:
    """„…“ (§ 8 Abs. x S. y Nr. z TIntG 2022), verbatim; with Nr. the lead-in of S. 3 comes first."""
    where = f"§ 8 Abs. {paragraph}" + (f" S. {sentence}" if sentence else "") + (f" Nr. {number}" if number else "")
    text = P8_TEXT[(paragraph, sentence, number)]
    if number:
        text = P8_TEXT[(paragraph, sentence, "")] + " … " + number + ". " + text
    return f"Wortlaut {where} TIntG 2022: „{text}“"


def quote_p9(paragraph: str, key: str) -> str:
    sentence = {"common": " S. 1", "pass_on": " S. 2"}.get(key, "")
    return f"Wortlaut § 9 Abs. {paragraph}{sentence} TIntG 2022: „{P9_TEXT[(paragraph, key)]}“"


VERBATIM = "Diese Regel beruht auf dem amtlichen Wortlaut (recht.nrw.de); ihr Befund kann darum ein Fehler sein."
VERBATIM_SOLL = (
    "Diese Regel beruht auf dem amtlichen Wortlaut (recht.nrw.de); weil die Vorschrift eine "
    "Soll-Vorschrift ist, ist ihr Befund eine Warnung: begründete Ausnahmen sind zulässig."
)
PARAPHRASE_TEXT_SEARCH = (
    "Der Wortlaut ist amtlich, aber der Beleg im Konzept ist nur eine Textsuche; darum eine Warnung."
)
PARAPHRASE = (
    "Diese Regel beruht nur auf einer sinngemäßen Wiedergabe, nicht auf amtlichem Wortlaut; darum warnt sie nur."
)

#: The guideline versions whose application list (local situation, attachment, work plan, concept
#: not older than 3 years) domain.md documents. 2018: still on § 7, its list not researched. 2023 and
#: 2025 (on § 8 Abs. 1) have their own list: GUIDELINES_ON_P8 and the rules FR05-FR07.
GUIDELINES_WITH_THIS_LIST = ("2012", "2015")
GUIDELINES_ON_P8 = ("2023", "2025")

URL_KI_2023 = "https://bass.schul-welt.de/19829.htm"
URL_KI_2025 = "https://bass.schule.nrw/20166.htm"
URL_KI_2026_CONDITIONS = (
    "https://www.nordrhein-westfalen-foerdert.nrw/foerdermassnahmen/foerderung-kommunaler-integrationszentren-2026-2026"
)

#: What the KI guidelines on § 8 say, as far as found. Nr. 1.1 of 2023 verbatim (BASS 11-02 Nr. 10 in the
#: version of 10.03.2023, bass.schul-welt.de/19829.htm); the conditions of the funding year 2026
#: (guideline of 03.04.2025) verbatim from the Land's funding portal (a secondary copy [V2]); the
#: guidelines' own Nr. 4 (Zuwendungsvoraussetzungen) was not found: "Wortlaut nicht geprüft".
KI_P8_TEXT = {
    "2023_purpose": "Zuwendungen an Kreise und kreisfreie Städte für Kommunale Integrationszentren und zur "
    "Förderung kommunaler Integrationsarbeit in den Kommunalen Integrationszentren (Programm "
    "KOMM-AN NRW)",
    "2023_komm_an": "Im Rahmen der zu fördernden kommunalen Integrationsarbeit werden die Kommunalen "
    "Integrationszentren gestärkt und bedarfsorientierte Maßnahmen vor Ort aus den Programmteilen "
    "I und II des Förderprogramms KOMM-AN NRW durchgeführt.",
    "2025_purpose": "Zuwendungen an Kreise und kreisfreie Städte zur Förderung der Kommunalen "
    "Integrationszentren sowie deren kommunalen Integrationsarbeit",
    "conditions_independent": "Das Kommunalen Integrationszentrum muss im Rahmen der kommunalen Zuständigkeit "
    "organisatorisch eigenständig sein.",
    "conditions_concept": "Ein von der Stadt/Rat verabschiedetes Integrationskonzept.",
    "conditions_two_years": "Festlegung inhaltlicher Schwerpunkte im Zwei-Jahres-Turnus.",
}
NOT_CHECKED = "Wortlaut nicht geprüft"

LABEL_2012 = "§ 7 TIntG NRW 2012"
LABEL_2022 = "§ 8 TIntG NRW 2022"
CUTOFF_LABEL = "01.01.2022"
