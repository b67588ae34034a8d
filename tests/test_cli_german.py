"""Every screen of the command line speaks German: help of every command, the overview, usage errors."""

from __future__ import annotations

import re
import sys

import pytest
import typer

from integconcept.cli import app as cli

# Words and marks the framework prints in English; none of them may reach a user.
ENGLISH = re.compile(
    r"Usage|Options|Arguments|Commands|Show this message|\brequired\b|\bdefault\b|\bError\b|Missing|"
    r"Invalid|No such|unexpected|Possible|requires an argument|does not take|Try '|"
    r"<(?:str|int|float|bool|list|path|text)\b|\[OPTIONS\]|\bCOMMAND\b|\bARGS\b|\.\.\."
)


def run_main(monkeypatch, capsys, *args: str) -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "argv", ["integconcept", *args])
    with pytest.raises(SystemExit) as exit_info:
        cli.main()
    out, err = capsys.readouterr()
    return exit_info.value.code, out, err


def command_paths() -> list[tuple[str, ...]]:
    """Every command and subcommand of the real command tree (new commands are covered automatically)."""
    root = typer.main.get_command(cli.app)
    paths: list[tuple[str, ...]] = [()]

    def walk(command, prefix):
        for name, sub in getattr(command, "commands", {}).items():
            paths.append((*prefix, name))
            walk(sub, (*prefix, name))

    walk(root, ())
    return paths


@pytest.mark.parametrize("path", command_paths(), ids=lambda p: " ".join(p) or "integconcept")
def test_every_help_screen_is_german(monkeypatch, capsys, path):
    code, out, err = run_main(monkeypatch, capsys, *path, "--help")
    assert code == 0, err
    assert out.startswith("Aufruf: integconcept"), out
    assert "Diese Hilfe anzeigen und beenden." in out
    assert not ENGLISH.search(out), ENGLISH.search(out)
    # no summary is cut off: a command list never ends a line with "..." (checked above) and every
    # command of a group appears with its whole first sentence
    root = typer.main.get_command(cli.app)
    command = root
    for name in path:
        command = command.commands[name]
    for sub in getattr(command, "commands", {}).values():
        first = " ".join((sub.help or "").split("\n\n")[0].split())
        assert first and first.split()[-1] in out


def test_program_alone_shows_a_german_overview(monkeypatch, capsys):
    code, out, err = run_main(monkeypatch, capsys)
    assert code == 0 and err == ""
    assert "Befehle:" in out and "integconcept BEFEHL -h" in out
    for name in typer.main.get_command(cli.app).commands:
        assert f"  {name} " in out
    assert not ENGLISH.search(out)


@pytest.mark.parametrize(
    "args, expected",
    [
        (("bogus",), "Unbekannter Befehl „bogus“."),
        (("validate", "--formt", "text", "x.yaml"), "Unbekannte Option „--formt“. Meinten Sie „--format“?"),
        (("validate",), "Es fehlt die Angabe DATEI"),
        (("render", "x.yaml"), "Die Option -o / --output muss angegeben werden."),
        (("validate", "x.yaml", "-f"), "Die Option „-f“ braucht einen Wert."),
        (("validate", "--strict=1", "x.yaml"), "ist ein Schalter und nimmt keinen Wert"),
        (("schema", "extra"), "Überzählige Angabe: extra."),
        (("explain",), "Es fehlt die Angabe CODE."),
        (("timeline", "plan"), "Die Option -d / --council-date muss angegeben werden."),
    ],
)
def test_usage_errors_are_german_with_exit_code_2(monkeypatch, capsys, args, expected):
    code, out, err = run_main(monkeypatch, capsys, *args)
    assert code == 2
    assert expected in err, err
    assert not ENGLISH.search(out + err), ENGLISH.search(out + err)
    assert "Traceback" not in err


# --------------------------------------------------------------------------- a catalogue of bad inputs

ENGLISH_MESSAGE = re.compile(
    r"Input should|\bexpected\b|\bfound\b|\bmapping\b|\bblock\b|\bscalar\b|Traceback|"
    r"\bError\b|\bfield\b|\bvalid\b|\binteger\b|\bstring\b|\bNone\b|\{'|\['"
)
BAD_INPUTS = {
    "einrueckung.yaml": "format_version: 1\nauthority:\n  name: Kreis\n   kind: kreis\n",
    "doppelpunkt.yaml": "format_version: 1\nid kreis-test\n",
    "anfuehrung.yaml": 'format_version: 1\ntitle: "offen\n',
    "klammer.yaml": "format_version: 1\nid: [a, b\n",
    "tab.yaml": "format_version: 1\n\tid: x\n",
    "liste-statt-zuordnung.yaml": "format_version: 1\nauthority:\n  - name: Kreis\n",
    "zahl.yaml": "format_version: 1\nid: k\ntitle: T\nauthority: {name: K, kind: kreis}\nstatus: draft\n"
    "legal_basis: tintg2012-p7\nstaffing:\n  posts:\n    - fte: 2,5\n",
    "wahl.yaml": "format_version: 1\nid: k\ntitle: T\nauthority: {name: K, kind: Landkreis}\nstatus: draft\n"
    "legal_basis: tintg2012-p7\n",
    "datum.yaml": "format_version: 1\nid: k\ntitle: T\nauthority: {name: K, kind: kreis}\nstatus: adopted\n"
    "adoption: {body: Kreistag, date: 30.10.2012}\nlegal_basis: tintg2012-p7\n",
    "unbekannt.yaml": "format_version: 1\nid: k\ntitel: T\n",
    "tag.yaml": "format_version: 1\nid: !!python/object:os.system x\n",
    "leer.yaml": "",
    "kein-yaml.yaml": "\x00\x01\x02",
    "doppelt.yaml": "format_version: 1\nid: a\nid: b\n",
}


@pytest.mark.parametrize("name", sorted(BAD_INPUTS))
def test_bad_inputs_get_german_messages_only(tmp_path, monkeypatch, capsys, name):
    path = tmp_path / name
    path.write_text(BAD_INPUTS[name], encoding="utf-8")
    code, out, err = run_main(monkeypatch, capsys, "validate", str(path))
    assert code in (1, 2)
    messages = "\n".join(line.split(": ", 1)[-1] for line in (out + err).splitlines())
    assert not ENGLISH_MESSAGE.search(messages), (name, ENGLISH_MESSAGE.search(messages), out + err)
    assert re.search(rf"{re.escape(name)}:\d+:\d+: [FYS]\d{{3}} ", out), out


def test_the_help_of_basis_names_every_legal_basis_the_engine_knows(monkeypatch, capsys):
    """--basis is declared once (cli/options.py) with its values spelled out for the help screen: a new
    legal basis in the engine must show up in the help of every command that takes --basis."""
    from integconcept.rules.engine import PACKS_FOR_BASIS

    *first, last = PACKS_FOR_BASIS
    for command in ("validate", "review", "init"):
        code, out, err = run_main(monkeypatch, capsys, command, "--help")
        assert code == 0, err
        assert f"{', '.join(first)} oder {last}." in " ".join(out.split()), command
