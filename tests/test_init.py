"""integconcept init: a new concept file with every section and German guidance; never overwrites."""

from __future__ import annotations

import datetime as dt
import io
import re
import sys

import pytest

from integconcept.drafting.fmt import format_text
from integconcept.drafting.init import InitError, InitOptions, ask_options, init_file, municipality_ids, slug
from integconcept.core.findings import Severity
from integconcept.document.model import Concept
from integconcept.commands.validate import validate_file

TODAY = dt.date(2026, 3, 1)
SECTIONS = [
    name
    for name, info in Concept.model_fields.items()
    if name
    not in {
        "format_version",
        "id",
        "title",
        "subtitle",
        "short_title",
        "status",
        "legal_basis",
        "uses_kim",
        "sources",
        "adoption",
    }
]


@pytest.mark.parametrize("basis", ["tintg2012-p7", "tintg2022-p8", "tintg2022-p8-p9"])
@pytest.mark.parametrize("kind", ["kreis", "kreisfreie_stadt"])
def test_new_file_validates_without_errors_and_has_every_section(tmp_path, basis, kind):
    path = tmp_path / "konzept.yaml"
    towns = ["Bergkamen", "Bönen", "Wickede (Ruhr)"] if kind == "kreis" else []
    text = init_file(
        str(path), InitOptions("Kreis Test" if kind == "kreis" else "Stadt Test", kind, basis, towns, TODAY)
    )
    assert path.read_text(encoding="utf-8") == text
    result = validate_file(str(path))
    assert result.usable and result.concept is not None
    assert result.count(Severity.error) == 0, [f.message for f in result.findings]
    assert result.count(Severity.warning) > 0  # a draft: what is missing is reported
    concept = result.concept
    assert concept.status.value == "draft" and concept.legal_basis.value == basis
    assert concept.uses_kim is (basis == "tintg2022-p8-p9")
    for section in SECTIONS:
        assert re.search(rf"^{section}:", text, re.M), section
        # guidelines (empty: derived from the dates) and roadmap (an alternative) are present but empty
        assert getattr(concept, section) is not None or section in ("action_fields", "guidelines", "roadmap")
    assert format_text(text) == text  # canonical fmt form


def test_guidance_names_the_provision_of_the_basis(tmp_path):
    text_2012 = init_file(str(tmp_path / "a.yaml"), InitOptions("Kreis A", "kreis", "tintg2012-p7", [], TODAY))
    text_2022 = init_file(str(tmp_path / "b.yaml"), InitOptions("Kreis B", "kreis", "tintg2022-p8-p9", [], TODAY))
    flat_2012, flat_2022 = (re.sub(r"\n *# ?", " ", t) for t in (text_2012, text_2022))  # comments unwrapped
    assert "§ 7 Abs. 1 S. 2 Nr. 1 TIntG 2012" in flat_2012 and "TIntG 2022" not in flat_2012.replace(
        "Kommunalen Integrationsmanagement (§ 9 TIntG 2022)", ""
    )
    assert "§ 8 Abs. 1 S. 3 Nr. 1 TIntG 2022" in flat_2022 and "§ 9 Abs. 1 TIntG 2022" in flat_2022
    assert "§ 7 Abs. 1 S. 2 Nr. 1" not in flat_2022
    # every section is preceded by a guidance comment with an example or a provision
    for text in (text_2012, text_2022):
        for section in ("preamble", "ki_tasks", "networks", "staffing", "approval_process"):
            block = text[: text.index(f"\n{section}:")].rsplit("\n\n", 1)[-1]
            assert block.startswith("#") and ("Beispiel" in block or "Grundlage" in block), section


def test_municipality_ids_follow_the_schema():
    assert slug("Bönen") == "boenen"
    assert slug("Wickede (Ruhr)") == "wickede-ruhr"
    assert slug("Straße am Fluß") == "strasse-am-fluss"
    assert municipality_ids(["Selm", "Selm"]) == [("selm", "Selm"), ("selm-2", "Selm")]
    for ident, _ in municipality_ids(["Ölde", "É-Dorf", "Sankt Augustin"]):
        assert re.fullmatch(r"[a-z0-9][a-z0-9-]*", ident)


def test_never_overwrites(tmp_path, run_cli):
    path = tmp_path / "konzept.yaml"
    path.write_text("mein Text\n", encoding="utf-8")
    with pytest.raises(InitError):
        init_file(str(path), InitOptions("Kreis A", "kreis", "tintg2022-p8", [], TODAY))
    result = run_cli("init", str(path), "--authority", "Kreis A", "--kind", "kreis", "--basis", "tintg2022-p8")
    assert result.returncode == 2
    assert "überschreibt nie" in result.stderr
    assert path.read_text(encoding="utf-8") == "mein Text\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["konzept.yaml"]


def test_cli_writes_file_and_refuses_bad_options(tmp_path, run_cli):
    path = tmp_path / "neu.yaml"
    result = run_cli(
        "init",
        str(path),
        "--authority",
        "Kreis Unna",
        "--kind",
        "kreis",
        "--basis",
        "tintg2012-p7",
        "--municipality",
        "Bergkamen",
        "--municipality",
        "Bönen",
    )
    assert result.returncode == 0, result.stderr
    text = path.read_text(encoding="utf-8")
    assert "    - id: boenen\n      name: Bönen\n" in text
    assert run_cli("validate", str(path)).returncode == 0
    for args, message in (
        (["--authority", "Kreis X", "--kind", "land", "--basis", "tintg2022-p8"], "Unbekannte Art"),
        (["--authority", "Kreis X", "--kind", "kreis", "--basis", "tintg2019"], "Unbekannte Rechtsgrundlage"),
        (
            ["--authority", "Stadt X", "--kind", "kreisfreie_stadt", "--basis", "tintg2022-p8", "--municipality", "A"],
            "keine kreisangehörigen",
        ),
        (["--authority", "Kreis X"], "Es fehlen --kind und --basis"),
        ([], "ohne Terminal"),
    ):
        other = tmp_path / "x.yaml"
        result = run_cli("init", str(other), *args)
        assert result.returncode == 2, args
        assert message in result.stderr
        assert "Traceback" not in result.stderr
        assert not other.exists()


def test_a_missing_folder_is_named_and_nothing_is_created(tmp_path, run_cli):
    """The folder check is core.output's, as for every output file; init names the new concept file."""
    target = tmp_path / "fehlt" / "neu.yaml"
    result = run_cli("init", str(target), "--authority", "Kreis X", "--kind", "kreis", "--basis", "tintg2022-p8")
    assert result.returncode == 2
    assert f"Der Ordner „{target.parent}“ für die neue Konzeptdatei existiert nicht." in result.stderr
    assert "Traceback" not in result.stderr
    assert not target.parent.exists()


def test_interactive_questions_in_german():
    from rich.console import Console

    out = io.StringIO()
    answers = io.StringIO("Kreis Soest\n\ntintg2012-p7\nAnröchte, Bad Sassendorf\n")
    options = ask_options(Console(file=out, width=200), stream=answers, today=TODAY)
    assert options == InitOptions("Kreis Soest", "kreis", "tintg2012-p7", ["Anröchte", "Bad Sassendorf"], TODAY)
    asked = out.getvalue()
    assert "Name des Kreises oder der kreisfreien Stadt" in asked
    assert "Kreisangehörige Städte und Gemeinden" in asked


def test_interactive_rejects_unknown_choice_and_asks_again():
    from rich.console import Console

    out = io.StringIO()
    answers = io.StringIO("Stadt Köln\nlandkreis\nkreisfreie_stadt\n\n")
    options = ask_options(Console(file=out, width=200), stream=answers, today=TODAY)
    assert (options.kind, options.basis, options.municipalities) == ("kreisfreie_stadt", "tintg2022-p8", [])
    assert "Bitte eine der angegebenen Möglichkeiten wählen" in out.getvalue()


@pytest.mark.skipif(sys.platform.startswith("win"), reason="braucht ein pty")
def test_asks_on_a_terminal_when_no_options_are_given(tmp_path):
    import os
    import pty
    import select
    import time

    target = tmp_path / "konzept.yaml"
    pid, fd = pty.fork()
    if pid == 0:  # child: the real command on a terminal
        os.chdir(tmp_path)
        os.execv(sys.executable, [sys.executable, "-m", "integconcept", "init", "konzept.yaml"])
    seen = b""

    def wait_for(text: str, timeout: float = 60) -> None:
        nonlocal seen
        end = time.time() + timeout
        while text.encode("utf-8") not in seen and time.time() < end:
            if select.select([fd], [], [], 0.2)[0]:
                try:
                    seen += os.read(fd, 4096)
                except OSError:
                    break
        assert text.encode("utf-8") in seen, seen.decode("utf-8", "replace")

    for prompt, answer in (
        ("Name des Kreises", "Kreis Unna"),
        ("Art:", ""),
        ("Rechtsgrundlage", "tintg2012-p7"),
        ("Gemeinden, durch Komma", "Bergkamen, Selm"),
    ):
        wait_for(prompt)
        os.write(fd, answer.encode("utf-8") + b"\r")
    wait_for("Konzeptdatei angelegt")
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    text = target.read_text(encoding="utf-8")
    assert "legal_basis: tintg2012-p7" in text and "    - id: selm\n      name: Selm\n" in text
