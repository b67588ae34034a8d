"""Checking the approval process against a council information system (OParl), with a local server.

Every server here runs on 127.0.0.1 inside the test (tests/oparl_server.py); no test reaches the
network.
"""

from __future__ import annotations

import json
import re
import socket

import pytest

from integconcept.core.findings import Severity
from integconcept.procedure.oparl import OParlError, OParlRequest
from integconcept.rules import all_rules
from integconcept.rules.cases import example_basis, example_document
from integconcept.commands.validate import validate_file

from .conftest import UNNA
from .oparl_server import OParlServer, unna_organizations

UNNA_TEXT = UNNA.read_text(encoding="utf-8")
KREISTAG = "date: 2012-10-30\n      body: Kreistag\n"
KREISAUSSCHUSS = "date: 2012-10-29\n      body: Kreisausschuss\n"


@pytest.fixture
def server():
    with OParlServer() as running:
        yield running


def moved(write, old: str, new: str, name: str = "unna.yaml") -> str:
    assert old in UNNA_TEXT
    return write(name, UNNA_TEXT.replace(old, new))


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def oparl_findings(path: str, url: str, **kwargs):
    result = validate_file(str(path), oparl=OParlRequest(url, **kwargs))
    return [f for f in result.findings if f.code.startswith("T05")]


def json_findings(run_cli, *args):
    result = run_cli(*args, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    document = json.loads(result.stdout)
    return [f for f in document["files"][0]["findings"]] if "files" in document else document["findings"]


# --------------------------------------------------------------------------- the Unna example


def test_unna_gets_no_new_finding_against_its_real_sessions(server):
    plain = [(f.code, f.line) for f in validate_file(str(UNNA)).findings]
    checked = validate_file(str(UNNA), oparl=OParlRequest(server.system))
    assert [(f.code, f.line) for f in checked.findings] == plain
    # the check really read the sessions, following links.next over several pages
    for key in ("kt", "ka", "aasf"):
        assert f"/oparl/v1/organizations/{key}/meetings?page=2" in server.requests
    assert "/oparl/v1/bodies/1/organizations?page=4" in server.requests


def test_kreistag_moved_by_a_day_gets_the_finding_on_its_line(server, write, run_cli):
    path = moved(write, KREISTAG, KREISTAG.replace("2012-10-30", "2012-10-31"))
    findings = [
        f for f in json_findings(run_cli, "validate", path, "--oparl", server.system) if f["code"].startswith("T05")
    ]
    line = line_of(UNNA_TEXT, KREISTAG)
    assert [(f["code"], f["severity"], f["line"], f["path"]) for f in findings] == [
        ("T050", "warning", line, "/approval_process/steps/8/date")
    ]
    assert findings[0]["message"] == (
        "Der Kreistag tagt laut Ratsinformationssystem nicht am 31.10.2012; Sitzungen: 30.10.2012, 18.12.2012."
    )


def test_timeline_shows_the_finding_next_to_the_step(server, write, run_cli):
    path = moved(write, KREISTAG, KREISTAG.replace("2012-10-30", "2012-10-31"))
    result = run_cli("timeline", path, "--oparl", server.body_url)
    assert result.returncode == 0, result.stderr  # a warning
    lines = result.stdout.splitlines()
    at = next(i for i, text in enumerate(lines) if "31. Oktober 2012" in text)
    following = " ".join(" ".join(lines[at : at + 8]).split())  # the table wraps long cells
    assert "WARNUNG T050" in following and "Kreistag tagt laut Ratsinformationssystem nicht am 31.10.2012" in following
    assert "Traceback" not in result.stderr


def test_a_cancelled_session_counts_as_none(server, write):
    path = moved(write, KREISAUSSCHUSS, KREISAUSSCHUSS.replace("2012-10-29", "2012-10-22"))
    (finding,) = oparl_findings(path, server.system)
    assert finding.code == "T050" and finding.line == line_of(UNNA_TEXT, KREISAUSSCHUSS)
    assert finding.message == (
        "Der Kreisausschuss tagt laut Ratsinformationssystem nicht am 22.10.2012 (die Sitzung "
        "an diesem Tag ist abgesagt); Sitzungen: 25.06.2012, 29.10.2012."
    )


@pytest.mark.parametrize("date, finds", [("Ende 2012-10", False), ("2012-10", False), ("Anfang 2012-11", True)])
def test_vague_dates_match_a_session_in_their_range(server, write, date, finds):
    path = moved(write, KREISTAG, KREISTAG.replace("2012-10-30", date))
    found = oparl_findings(path, server.system)
    assert [f.code for f in found] == (["T050"] if finds else [])
    if finds:
        assert "nicht im Zeitraum Anfang November 2012 (01.11.2012–10.11.2012)" in found[0].message
        assert "Sitzungen: 30.10.2012, 18.12.2012" in found[0].message


# --------------------------------------------------------------------------- matching the bodies


def test_names_that_differ_from_the_concept_are_matched(write):
    organizations = unna_organizations()
    organizations[0].name = "Kreistag des Kreises Unna"
    organizations[1].name = "Kreisausschuss Kreis Unna"
    organizations[2].name = "Ausschuss f. Arbeit, Soziales u. Familie"
    with OParlServer(organizations) as server:
        assert oparl_findings(UNNA, server.system) == []
        # still checked: a wrong day of the committee is found under its own name
        path = write("unna.yaml", UNNA_TEXT.replace("date: 2012-09-24", "date: 2012-09-25"))
        (finding,) = oparl_findings(path, server.system)
        assert finding.message.startswith(
            "Der Ausschuss für Arbeit, Soziales und Familie tagt laut "
            "Ratsinformationssystem nicht am 25.09.2012; Sitzungen: 24.09.2012, "
            "26.11.2012"
        )
        assert "„Ausschuss f. Arbeit, Soziales u. Familie“" in finding.hint


def test_the_council_is_found_by_its_classification(write):
    organizations = unna_organizations()
    organizations[0].name = "Vertretung der Bürgerinnen und Bürger"  # classification "Parlament"
    with OParlServer(organizations) as server:
        assert oparl_findings(UNNA, server.system) == []
        path = moved(write, KREISTAG, KREISTAG.replace("2012-10-30", "2012-10-31"))
        assert [f.code for f in oparl_findings(path, server.system)] == ["T050"]


def test_an_unknown_body_is_a_note_listing_the_organisations(server, write):
    text = UNNA_TEXT.replace("body: Ausschuss für Arbeit, Soziales und Familie", "body: Integrationsausschuss")
    path = write("unna.yaml", text)
    (finding,) = oparl_findings(path, server.system)
    assert finding.code == "T051" and finding.severity is Severity.info
    assert finding.line == line_of(text, "body: Integrationsausschuss")
    assert finding.message.startswith(
        "„Integrationsausschuss“ ist im Ratsinformationssystem „Kreis Unna“ nicht zu "
        "finden; die Sitzungstermine werden nicht geprüft. Vorhanden sind: „Kreistag“, "
        "„Kreisausschuss“, „Ausschuss für Arbeit, Soziales und Familie“"
    )
    assert "Fraktion" not in finding.message and "oparl_organization" in finding.hint


def test_explicit_mapping_in_the_concept_and_in_the_configuration(server, write, tmp_path):
    text = UNNA_TEXT.replace(
        "body: Ausschuss für Arbeit, Soziales und Familie\n", "body: Sozialausschuss\n      body_ref: sozial\n"
    )
    text = text.replace(
        "  steps:\n    - id: verwaltungsvorstand",
        "  bodies:\n    - id: sozial\n      name: Sozialausschuss\n      kind: specialist_committee\n"
        "      oparl_organization: Ausschuss für Arbeit, Soziales und Familie\n"
        "  steps:\n    - id: verwaltungsvorstand",
        1,
    )
    (tmp_path / "a").mkdir()
    assert oparl_findings(write("a/unna.yaml", text), server.system) == []
    # the same through the configuration, which also names the server (no --oparl needed)
    plain = UNNA_TEXT.replace("body: Ausschuss für Arbeit, Soziales und Familie", "body: Sozialausschuss")
    (tmp_path / "b").mkdir()
    path = write("b/unna.yaml", plain.replace("date: 2012-09-24", "date: 2012-09-25"))
    write(
        "b/integconcept.toml",
        f'[oparl]\nurl = "{server.system}"\n'
        '[oparl.organizations]\nSozialausschuss = "Ausschuss für Arbeit, Soziales und Familie"\n',
    )
    result = validate_file(path, oparl=OParlRequest())
    assert [(f.code, f.message[:60]) for f in result.findings if f.code.startswith("T05")] == [
        ("T050", "Der Sozialausschuss tagt laut Ratsinformationssystem nicht a")
    ]
    # render and a plain library call never contact the server
    asked = len(server.requests)
    validate_file(path)
    assert len(server.requests) == asked


def test_a_string_configuration_names_the_server(server, write, tmp_path, run_cli):
    (tmp_path / "c").mkdir()
    path = write("c/unna.yaml", UNNA_TEXT.replace(KREISTAG, KREISTAG.replace("2012-10-30", "2012-10-31")))
    write("c/pyproject.toml", f'[tool.integconcept]\noparl = "{server.body_url}"\n')
    codes = [f["code"] for f in json_findings(run_cli, "validate", path)]
    assert "T050" in codes


def test_select_ignore_and_silences_apply(server, write):
    path = moved(write, KREISTAG, KREISTAG.replace("2012-10-30", "2012-10-31"))
    result = validate_file(path, oparl=OParlRequest(server.system), ignore=["T05"])
    assert not [f for f in result.findings if f.code.startswith("T05")]
    silenced = moved(
        write,
        KREISTAG,
        KREISTAG.replace("2012-10-30", "2012-10-31  # integconcept: ignore[T050] Grund: Sondersitzung"),
        "s.yaml",
    )
    assert oparl_findings(silenced, server.system) == []


@pytest.mark.parametrize("code", ["T050", "T051"])
def test_rule_examples_against_the_local_server(server, tmp_path, code):
    rule = all_rules()[code]
    for case in rule.cases().cases:  # the case files' cases, run against the local server
        path = tmp_path / f"{case.name}.yaml"
        path.write_text(example_document(case.yaml), encoding="utf-8")
        result = validate_file(str(path), basis=example_basis(rule), oparl=OParlRequest(server.system))
        assert not [f for f in result.findings if re.fullmatch(r"[SFY]\d{3}", f.code)], result.findings
        own = [f for f in result.findings if f.code == code]
        assert len(own) == len(case.expect) and all(any(e.matches(f) for f in own) for e in case.expect), (
            case.name,
            result.findings,
        )


def test_explain_describes_the_oparl_rules(run_cli):
    result = run_cli("explain", "T050")
    assert result.returncode == 0, result.stderr
    text = " ".join(result.stdout.split())
    assert "--oparl" in text and "Abgesagte Sitzungen zählen nicht" in text
    assert "T050" in run_cli("rules").stdout


# --------------------------------------------------------------------------- vendor deviations


def test_vendor_deviations_are_tolerated(write):
    organizations = unna_organizations()
    organizations[0].with_meeting_list = False  # Kreistag: meetings only in the body's list
    with OParlServer(organizations) as server:
        base = "/organizations/ka/meetings"
        # a bare array instead of a list object, a date without time, "true" as text, a meeting
        # without start, an unknown type and extra fields
        server.faults[base] = (
            200,
            json.dumps(
                [
                    {
                        "id": "x1",
                        "type": "https://schema.oparl.org/1.0/Meeting",
                        "start": "2012-10-29",
                        "organization": server.base + "/organizations/ka",
                    },
                    {"id": "x2", "start": "2012-10-15T10:00:00Z", "cancelled": "true"},
                    {"id": "x3", "name": "ohne Beginn"},
                    {"id": "x4", "start": 20121010},
                    "kein Objekt",
                ]
            ),
            "application/json",
        )
        assert oparl_findings(UNNA, server.system) == []
        path = moved(write, KREISAUSSCHUSS, KREISAUSSCHUSS.replace("2012-10-29", "2012-10-15"))
        (finding,) = oparl_findings(path, server.system)
        assert (
            "nicht am 15.10.2012 (die Sitzung an diesem Tag ist abgesagt); nächste Sitzung: 29.10.2012, "
            "davor keine" in finding.message
        )
        assert "/oparl/v1/bodies/1/meetings?page=2" in server.requests


def test_a_meeting_list_the_server_does_not_serve_falls_back_to_the_body_list(server):
    server.faults["/organizations/kt/meetings"] = (404, "Not Found", "text/plain")
    assert oparl_findings(UNNA, server.system) == []
    assert "/oparl/v1/bodies/1/meetings" in server.requests


def test_utc_times_count_as_german_days():
    from integconcept.procedure.oparl.objects import day

    assert str(day("2012-10-29T23:30:00Z")) == "2012-10-30"  # 00:30 in Unna
    assert str(day("2012-10-29T23:30:00+01:00")) == "2012-10-29"
    assert day("30.10.2012") is None and day(None) is None


def test_wrong_oparl_setting_ends_with_exit_2(write, tmp_path, run_cli):
    (tmp_path / "d").mkdir()
    path = write("d/unna.yaml", UNNA_TEXT)
    write("d/integconcept.toml", "oparl = 42\n")
    result = run_cli("validate", path)
    # the typed configuration (config.py) reports it once, as K900 with the configuration file's place
    assert result.returncode == 2
    (line,) = [line for line in result.stdout.splitlines() if " K900 " in line]
    assert "integconcept.toml:1:1:" in line and "„oparl“ hat den falschen Typ" in line


def test_a_word_concept_is_checked_against_the_sessions_too(server, write, run_cli, tmp_path):
    """``validate KONZEPT.docx --oparl …`` asks the council information system as for a YAML file (it was
    silently left out) and names the finding's place in the Word document."""
    path = moved(write, KREISTAG, KREISTAG.replace("2012-10-30", "2012-10-31"))
    word = tmp_path / "konzept.docx"
    assert run_cli("render", path, "-o", str(word)).returncode == 0
    result = run_cli("validate", str(word), "--oparl", server.system)
    assert result.returncode == 0, result.stderr  # a warning
    line = next(x for x in result.stdout.splitlines() if " T050 " in x)
    assert "Abschnitt „Informations- und Abstimmungsprozess“, Tabelle 5, Zeile 6" in line, line
    assert "Der Kreistag tagt laut Ratsinformationssystem nicht am 31.10.2012" in result.stdout
    assert "/oparl/v1/organizations/kt/meetings" in server.requests


def test_a_system_with_several_bodies_takes_the_authority(run_cli):
    with OParlServer(bodies=3) as server:
        assert oparl_findings(UNNA, server.system) == []
    with OParlServer(bodies=3, body_name="Kreis Soest") as server:
        result = run_cli("validate", str(UNNA), "--oparl", server.system)
        assert result.returncode == 2
        assert (
            "enthält 3 Körperschaften" in result.stderr and "Geben Sie die Adresse der Körperschaft an" in result.stderr
        )


# --------------------------------------------------------------------------- broken servers


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


BROKEN = {
    "500": (
        "/bodies/1/organizations?page=2",
        (500, "Interner Fehler", "text/plain"),
        "HTTP-Status 500 (Internal Server Error). (Abruf von {base}/bodies/1/organizations?page=2)",
    ),
    "html": (
        "/system",
        (200, "<!DOCTYPE html><html><body>Willkommen</body></html>", "text/html"),
        "statt OParl-JSON kam eine HTML-Seite",
    ),
    "invalid-json": (
        "/organizations/kt/meetings",
        (200, '{"data": [', "application/json"),
        "die Antwort ist kein gültiges JSON (Zeile 1, Spalte 11)",
    ),
    "wrong-type-system": (
        "/system",
        (200, json.dumps({"type": "https://schema.oparl.org/1.1/System", "body": 42}), "application/json"),
        "das System-Objekt nennt keine Liste der Körperschaften",
    ),
    "wrong-type-list": (
        "/bodies/1/organizations",
        (200, json.dumps({"data": "Kreistag"}), "application/json"),
        "statt einer OParl-Liste der Gruppierungen (mit „data“) kam ein JSON-Objekt",
    ),
    "not-oparl": (
        "/system",
        (200, json.dumps({"hello": "world"}), "application/json"),
        "erwartet wurde ein OParl-System oder eine Körperschaft (Body), es kam ein JSON-Objekt ohne OParl-Typ",
    ),
    "loop": (
        "/organizations/kt/meetings?page=2",
        (200, json.dumps({"data": [], "links": {"next": "meetings"}}), "application/json"),
        "verweist mit links.next auf eine schon gelesene Seite",
    ),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_answers_end_with_exit_2_and_a_german_message(run_cli, case):
    path, fault, reason = BROKEN[case]
    with OParlServer() as server:
        server.faults[path] = fault
        result = run_cli("validate", str(UNNA), "--oparl", server.system)
    assert result.returncode == 2, result.stdout
    assert result.stderr.startswith(
        f"Fehler: Das Ratsinformationssystem unter {server.system} antwortet nicht wie erwartet: "
    )
    assert reason.format(base=server.base) in result.stderr
    assert "Traceback" not in result.stderr and result.stdout == ""


def test_endless_paging_is_cut_off(run_cli):
    with OParlServer() as server:
        # every page of the Kreistag's meetings points to one more page, forever
        original = server.answer

        def endless(path, query):
            data = original(path, query)
            if path == "/organizations/kt/meetings":
                page = int(query.get("page", ["1"])[0])
                data["links"]["next"] = f"{server.base}{path}?page={page + 1}"
                data["data"] = data["data"][:1]
            return data

        server.answer = endless
        result = run_cli("timeline", str(UNNA), "--oparl", server.system)
        pages = sum(1 for r in server.requests if r.startswith("/oparl/v1/organizations/kt/meetings"))
    assert result.returncode == 2
    assert "die Liste der Sitzungen von „Kreistag“ hat mehr als 100 Seiten" in result.stderr
    assert pages == 100


def test_unreachable_server_ends_with_exit_2(run_cli):
    url = f"http://127.0.0.1:{free_port()}/oparl/v1/system"
    result = run_cli("timeline", str(UNNA), "--oparl", url)
    assert result.returncode == 2
    assert result.stderr.startswith(
        f"Fehler: Das Ratsinformationssystem unter {url} antwortet nicht wie erwartet: keine Verbindung möglich"
    )
    assert "Traceback" not in result.stderr
    with pytest.raises(OParlError):
        validate_file(str(UNNA), oparl=OParlRequest(url))


def test_not_an_http_address(run_cli):
    result = run_cli("validate", str(UNNA), "--oparl", "ratsinfo.kreis-unna.de/oparl")
    assert result.returncode == 2 and "muss mit http:// oder https:// beginnen" in result.stderr


def test_slow_server_times_out():
    from integconcept.procedure.oparl.client import Client, Limits

    with socket.socket() as silent:  # accepts connections, never answers
        silent.bind(("127.0.0.1", 0))
        silent.listen(1)
        url = f"http://127.0.0.1:{silent.getsockname()[1]}/oparl"
        client = Client(url, limits=Limits(timeout=0.5, connect_timeout=0.5))
        with pytest.raises(OParlError, match="Antwort innerhalb von 0,5 Sekunden"):
            client.get(url)
        client.close()


# --------------------------------------------------------------------------- cache


def test_cache_allows_checking_again_offline(write, tmp_path, run_cli):
    path = moved(write, KREISTAG, KREISTAG.replace("2012-10-30", "2012-10-31"))
    cache = tmp_path / "ris-cache"
    with OParlServer() as server:
        online = run_cli("validate", path, "--oparl", server.system, "--oparl-cache", str(cache))
        asked = len(server.requests)
    # exit 1: moving the Kreistag also makes adoption.date (30.10.) disagree with the decision step (K010)
    assert online.returncode == 1 and "T050" in online.stdout and "K010" in online.stdout
    assert len(list(cache.glob("*.json"))) == asked
    offline = run_cli("validate", path, "--oparl", server.system, "--oparl-cache", str(cache))
    assert offline.returncode == 1, offline.stderr
    assert offline.stdout == online.stdout
    without = run_cli("validate", path, "--oparl", server.system)
    assert without.returncode == 2 and "keine Verbindung möglich" in without.stderr


def test_cache_must_be_a_folder(server, write, run_cli):
    not_a_folder = write("cache.txt", "x")
    result = run_cli("validate", str(UNNA), "--oparl", server.system, "--oparl-cache", not_a_folder)
    assert result.returncode == 2 and "ist eine Datei, kein Ordner" in result.stderr


# --------------------------------------------------------------------------- planning


def plan(run_cli, *args):
    result = run_cli("timeline", "plan", *args, "--format", "json")
    assert result.returncode in (0, 1), result.stderr
    return json.loads(result.stdout)


def test_plan_with_oparl_proposes_only_real_session_days(server, run_cli):
    document = plan(
        run_cli,
        "--council-date",
        "2012-10-30",
        "--oparl",
        server.system,
        "--committee",
        "Ausschuss für Arbeit, Soziales und Familie",
    )
    dates = {s["id"]: s["date"] for s in document["steps"]}
    assert (dates["kreistag"], dates["kreisausschuss"], dates["fachausschuss"]) == (
        "2012-10-30",
        "2012-10-29",
        "2012-09-24",
    )
    held = {o.key: {start[:10] for start, cancelled in o.meetings if not cancelled} for o in server.organizations}
    assert dates["kreisausschuss"] in held["ka"] and dates["fachausschuss"] in held["aasf"]


def test_plan_skips_cancelled_sessions_and_says_when_the_target_is_no_session(server, run_cli):
    document = plan(
        run_cli,
        "--council-date",
        "2012-10-23",
        "--oparl",
        server.system,
        "--committee",
        "Ausschuss für Arbeit, Soziales und Familie",
    )
    dates = {s["id"]: s["date"] for s in document["steps"]}
    assert dates["kreisausschuss"] == "2012-06-25"  # 22.10.2012 is cancelled
    assert "Im Sitzungskalender steht am 23.10.2012 keine Sitzung „Kreistag“." in document["plan"]["notes"]


def test_plan_notes_a_committee_that_is_not_found(server, run_cli):
    document = plan(
        run_cli, "--council-date", "2012-10-30", "--oparl", server.system, "--committee", "Integrationsausschuss"
    )
    assert any(
        n.startswith("„Integrationsausschuss“ ist im Ratsinformationssystem „Kreis Unna“ nicht eindeutig zu finden")
        for n in document["plan"]["notes"]
    )


def test_plan_refuses_calendar_and_oparl_together(server, run_cli, write):
    ics = write("s.ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n")
    result = run_cli("timeline", "plan", "--council-date", "2012-10-30", "--calendar", ics, "--oparl", server.system)
    assert result.returncode == 2 and "nur einen Sitzungskalender" in result.stderr


def test_plan_with_a_broken_server_ends_with_exit_2(run_cli):
    url = f"http://127.0.0.1:{free_port()}/oparl/v1/system"
    result = run_cli("timeline", "plan", "--council-date", "2012-10-30", "--oparl", url)
    assert result.returncode == 2 and "antwortet nicht wie erwartet" in result.stderr
    assert "Traceback" not in result.stderr


def test_validate_without_oparl_stays_light():
    import subprocess
    import sys

    code = (
        "import sys; from integconcept.cli.app import main; sys.argv=['integconcept','validate',%r];\n"
        "try:\n    main()\nexcept SystemExit: pass\n"
        "print('HTTP', [m for m in ('httpx', 'httpcore') if m in sys.modules])"
    ) % str(UNNA)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True).stdout
    assert "HTTP []" in out


def test_several_files_share_one_reading_of_the_server(server, write):
    from integconcept.commands.validate import validate_files

    second = moved(write, KREISTAG, KREISTAG.replace("2012-10-30", "2012-10-31"), "zwei.yaml")
    request = OParlRequest(server.system)
    results = validate_files([str(UNNA), second], oparl=request)
    request.close()
    assert [[f.code for f in r.findings if f.code.startswith("T05")] for r in results] == [[], ["T050"]]
    assert server.requests.count("/oparl/v1/bodies/1/organizations") == 1


def test_library_callers_get_a_user_error_with_exit_code_2():
    import io

    from integconcept.core.errors import UserError
    from integconcept.commands import timeline as run

    url = f"http://127.0.0.1:{free_port()}/oparl/v1/system"
    with pytest.raises(UserError) as info:
        run.check_file(str(UNNA), "json", stdout=io.StringIO(), stderr=io.StringIO(), oparl=url)
    assert info.value.exit_code == 2 and info.value.message.startswith(
        f"Das Ratsinformationssystem unter {url} antwortet nicht wie erwartet: keine Verbindung möglich"
    )


def test_oparl_rules_run_in_the_one_engine_so_silences_count_as_used(server, write):
    """A silence that removes a T050 finding is used (no K902); without --oparl the same silence is not
    judged (T050 did not run), and a T050 silence on a day the council did meet is reported unused."""
    silenced = moved(
        write,
        KREISTAG,
        KREISTAG.replace("2012-10-30", "2012-10-31  # integconcept: ignore[T050] Grund: Sondersitzung"),
        "s.yaml",
    )
    with_server = validate_file(silenced, oparl=OParlRequest(server.system)).findings
    assert [f.code for f in with_server if f.code in ("T050", "K902")] == []
    assert [f.code for f in validate_file(silenced).findings if f.code == "K902"] == []
    needless = moved(
        write,
        KREISTAG,
        KREISTAG.replace("2012-10-30", "2012-10-30  # integconcept: ignore[T050] Grund: Sondersitzung"),
        "n.yaml",
    )
    unused = [f for f in validate_file(needless, oparl=OParlRequest(server.system)).findings if f.code == "K902"]
    assert len(unused) == 1 and "T050" in unused[0].message


class _Trickle:
    """A server on 127.0.0.1 that sends its answer one byte every ``pause`` seconds (issue 20: 101 s held).

    ``headers_too``: the status line and headers trickle as well (no answer object until they are done).
    Stops by itself after ``limit`` bytes or when the client has gone."""

    def __init__(self, *, headers_too: bool = False, pause: float = 0.2, limit: int = 600):
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(4)
        self.sock.settimeout(30)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}/oparl/v1/system"
        self.headers_too, self.pause, self.limit = headers_too, pause, limit
        self.sent = 0
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self):
        import time

        try:
            connection, _ = self.sock.accept()
        except OSError:
            return
        with connection:
            try:
                connection.recv(65536)
                body = b'{"id": "x", "type": "https://schema.oparl.org/1.1/System", "name": "' + b"a" * 500 + b'"}'
                head = (
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                    + str(len(body)).encode()
                    + b"\r\n\r\n"
                )
                if not self.headers_too:
                    connection.sendall(head)
                for byte in (head if self.headers_too else b"") + body:
                    if self.sent >= self.limit:
                        return
                    connection.sendall(bytes([byte]))
                    self.sent += 1
                    time.sleep(self.pause)
            except OSError:  # the client closed the connection: done
                return

    def close(self):
        self.sock.close()


@pytest.mark.parametrize("headers_too", [False, True])
def test_a_trickling_server_is_cut_off_after_the_deadline_per_answer(headers_too):
    """Each read got a byte in time, so the per-read timeout never fired; now the whole answer has a deadline
    (injected here as 1 s; 20 s by default, see README)."""
    from integconcept.procedure.oparl.client import Client, Limits

    server = _Trickle(headers_too=headers_too)
    client = Client(server.url, limits=Limits(timeout=1.0, connect_timeout=1.0))
    try:
        with pytest.raises(OParlError) as caught:
            client.get(server.url)
    finally:
        client.close()
        server.close()
    message = str(caught.value)
    assert message.startswith(f"Das Ratsinformationssystem unter {server.url} antwortet nicht wie erwartet")
    assert "innerhalb von 1 Sekunde" in message
    assert server.sent < server.limit  # cut off long before the server would have stopped by itself


def test_the_deadline_per_run_covers_all_requests_together():
    from integconcept.procedure.oparl.client import Client, Limits

    with OParlServer() as server:
        client = Client(server.system, limits=Limits(run_deadline=60))
        client.get(server.system)  # the first request starts the clock
        client._started -= 61  # as if the first request had been a minute ago (no waiting in the test)
        with pytest.raises(OParlError, match="alle Abrufe zusammen dauerten länger als"):
            client.get(server.body_url)
        client.close()


def test_a_redirect_to_another_server_is_shown_or_refused(monkeypatch):
    """127.0.0.1 → localhost: another host name (both on this machine)."""
    from integconcept.procedure.oparl.client import Client, Limits

    with OParlServer() as server:
        other = server.system.replace("127.0.0.1", "localhost")
        server.faults["/start"] = (302, "", "text/plain")
        start = f"{server.base}/start"

        import http.server

        original = http.server.BaseHTTPRequestHandler.send_header

        def send_header(self, key, value):  # the 302 of /start points to the other host
            original(self, key, value)
            if key == "Content-Type" and self.path.endswith("/start"):
                original(self, "Location", other)

        monkeypatch.setattr(http.server.BaseHTTPRequestHandler, "send_header", send_header)
        told: list[str] = []
        client = Client(start, notify=told.append)
        data = client.get(start)
        client.close()
        assert data["type"].endswith("System")
        assert len(told) == 1 and "leitet auf einen anderen Server weiter: 127.0.0.1 → localhost" in told[0]
        refusing = Client(start, limits=Limits(other_hosts=False), notify=told.append)
        with pytest.raises(OParlError, match="Weiterleitungen auf andere Server sind abgeschaltet"):
            refusing.get(start)
        refusing.close()
        monkeypatch.setenv("INTEGCONCEPT_OPARL_WEITERLEITUNG", "nein")
        by_setting = Client(start, notify=told.append)
        with pytest.raises(OParlError, match="127.0.0.1 → localhost"):
            by_setting.get(start)
        by_setting.close()


def test_the_deadline_for_all_servers_of_a_run_together():
    """Issue 20.6: 120 s per server, and a stated total for one command with several servers (validate of
    concepts of several authorities): the second server's client sees the time the first one took."""
    from integconcept.procedure.oparl import RunClock
    from integconcept.procedure.oparl.client import Client, Limits

    with OParlServer() as server:
        clock = RunClock()
        first = Client(server.system, clock=clock)
        first.get(server.system)
        first.close()
        second = Client(server.body_url, clock=clock)  # its own 120 s have not started
        clock.started -= 301  # as if the first server had taken five minutes (no waiting in the test)
        with pytest.raises(OParlError) as caught:
            second.get(server.body_url)
        second.close()
    message = str(caught.value)
    assert message.startswith(f"Das Ratsinformationssystem unter {server.body_url} antwortet nicht wie erwartet")
    assert "bei allen Ratsinformationssystemen zusammen dauerten länger als 300 Sekunden" in message
    assert Limits().total_deadline == 300 and Limits().run_deadline == 120  # as the README states


def test_one_request_shares_its_clock_with_every_server(server, write, tmp_path):
    """The clock of a command's OParlRequest reaches the client of each server it opens."""
    from integconcept.procedure.oparl.source import open_source

    request = OParlRequest(server.system)
    one = open_source(server.system, cache=None, authority="Kreis Unna", sources=request.sources, clock=request.clock)
    two = open_source(server.body_url, cache=None, authority="Kreis Unna", sources=request.sources, clock=request.clock)
    assert one.client.clock is request.clock and two.client.clock is request.clock
    validate_file(str(moved(write, KREISTAG, KREISTAG)), oparl=request)
    assert request.clock.started is not None
    request.close()


def _redirecting(server, monkeypatch) -> str:
    """/start on 127.0.0.1 answers 302 to the system on localhost (another host name, same machine)."""
    import http.server

    other = server.system.replace("127.0.0.1", "localhost")
    server.faults["/start"] = (302, "", "text/plain")
    original = http.server.BaseHTTPRequestHandler.send_header

    def send_header(self, key, value):
        original(self, key, value)
        if key == "Content-Type" and self.path.endswith("/start"):
            original(self, "Location", other)

    monkeypatch.setattr(http.server.BaseHTTPRequestHandler, "send_header", send_header)
    return f"{server.base}/start"


def test_redirects_to_another_server_are_refused_by_the_settings_file(monkeypatch, write, tmp_path, run_cli):
    """Issue 20.6: the refusal was only an environment variable; now a setting in the settings file
    (``other_servers = false`` under ``[oparl]``), which wins over the variable either way."""
    monkeypatch.delenv("INTEGCONCEPT_OPARL_WEITERLEITUNG", raising=False)
    with OParlServer() as server:
        start = _redirecting(server, monkeypatch)
        (tmp_path / "k").mkdir()
        path = write("k/unna.yaml", UNNA_TEXT)
        write("k/integconcept.toml", f'[oparl]\nurl = "{start}"\nother_servers = false\n')
        refused = run_cli("timeline", path)
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert f"Das Ratsinformationssystem unter {start} antwortet nicht wie erwartet" in refused.stderr
        assert "127.0.0.1 → localhost" in refused.stderr
        assert "Einstellung other_servers = false" in refused.stderr
        # true wins over the environment variable; the redirect is shown
        write("k/integconcept.toml", f'[oparl]\nurl = "{start}"\nother_servers = true\n')
        monkeypatch.setenv("INTEGCONCEPT_OPARL_WEITERLEITUNG", "nein")
        followed = run_cli("timeline", path)
        assert followed.returncode in (0, 1), followed.stderr
        assert "leitet auf einen anderen Server weiter: 127.0.0.1 → localhost" in followed.stderr
        # without the setting the variable still decides
        write("k/integconcept.toml", f'[oparl]\nurl = "{start}"\n')
        by_variable = run_cli("timeline", path)
        assert by_variable.returncode == 2 and "INTEGCONCEPT_OPARL_WEITERLEITUNG=nein" in by_variable.stderr


def test_other_servers_must_be_true_or_false(write, tmp_path, run_cli):
    (tmp_path / "w").mkdir()
    path = write("w/unna.yaml", UNNA_TEXT)
    write("w/integconcept.toml", '[oparl]\nurl = "http://127.0.0.1:9/x"\nother_servers = "nein"\n')
    result = run_cli("validate", path)
    assert result.returncode == 2
    assert "other_servers" in result.stdout + result.stderr


@pytest.mark.parametrize("command", [("timeline",), ("validate",), ("timeline", "plan", "-d", "2012-10-30")])
def test_the_option_oparl_same_server_refuses_redirects_to_another_server(
    monkeypatch, write, tmp_path, run_cli, command
):
    """Issue 20.6: the refusal as an option beside --oparl and --oparl-cache, for one run (the settings file
    may say otherwise) – for the plan too, which reads the real sessions from the same system."""
    monkeypatch.delenv("INTEGCONCEPT_OPARL_WEITERLEITUNG", raising=False)
    with OParlServer() as server:
        start = _redirecting(server, monkeypatch)
        (tmp_path / "o").mkdir()
        path = write("o/unna.yaml", UNNA_TEXT)
        write("o/integconcept.toml", "[oparl]\nother_servers = true\n")
        refused = run_cli(*command, path, "--oparl", start, "--oparl-same-server")
        assert refused.returncode == 2, refused.stdout + refused.stderr
        assert "127.0.0.1 → localhost" in refused.stderr and "Option --oparl-same-server" in refused.stderr
        followed = run_cli(*command, path, "--oparl", start)
        assert followed.returncode in (0, 1), followed.stderr
