"""Citations of the provisions the rules rest on (facts from /work/shared/domain.md).

The 2012 wording of § 7 TIntG is reconstructed from secondary sources; rules resting on it
warn instead of erring and carry the note "Wortlaut rekonstruiert".
"""

from __future__ import annotations

from ..findings import Citation

URL_TINTG_2012 = ("https://recht.nrw.de/lmi/owa/br_bes_text?anw_nr=2&gld_nr=2&ugl_nr=24&bes_id=19764"
                  "&menu=0&sg=0&aufgehoben=J")
URL_TINTG_2022 = ("https://recht.nrw.de/lmi/owa/br_bes_text?anw_nr=2&gld_nr=2&ugl_nr=24&bes_id=47273"
                  "&menu=0&sg=0&aufgehoben=N")
URL_TINTG_2022_P8 = ("https://recht.nrw.de/lmi/owa/br_bes_detail?sg=0&menu=0&bes_id=47273&anw_nr=2"
                     "&aufgehoben=N&det_id=634487")
URL_GUIDELINE_2012 = "https://www.kommunale-integrationszentren-nrw.de/rahmenbedingungen"

RECONSTRUCTED = "Wortlaut rekonstruiert"


def p7(paragraph: str = "", sentence: str = "", number: str = "") -> Citation:
    return Citation("TIntG NRW", "2012", "§ 7", paragraph, sentence, number, URL_TINTG_2012, RECONSTRUCTED)


def p8(paragraph: str = "", sentence: str = "", number: str = "") -> Citation:
    return Citation("TIntG NRW", "2022", "§ 8", paragraph, sentence, number, URL_TINTG_2022_P8)


def p9(paragraph: str = "", sentence: str = "", number: str = "") -> Citation:
    return Citation("TIntG NRW", "2022", "§ 9", paragraph, sentence, number, URL_TINTG_2022)


def p20_2022() -> Citation:
    return Citation("TIntG NRW", "2022", "§ 20", url=URL_TINTG_2022,
                    note="Inkrafttreten 01.01.2022; TIntG 2012 außer Kraft")


GUIDELINE_2012 = Citation("Förderrichtlinie Kommunale Integrationszentren", "2012", url=URL_GUIDELINE_2012,
                          note="MBl. NRW. 2012 Nr. 19, Runderlass vom 25.06.2012")
GUIDELINE_KIM = Citation("Förderrichtlinie KIM", "2020", url=URL_TINTG_2022,
                         note="MBl. NRW. 2020 Nr. 32, Baustein 1 und 2")

LABEL_2012 = "§ 7 TIntG NRW 2012"
LABEL_2022 = "§ 8 TIntG NRW 2022"
CUTOFF_LABEL = "01.01.2022"
