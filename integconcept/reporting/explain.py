"""``integconcept rules`` and ``integconcept explain``: the rules as a reader sees them."""

from __future__ import annotations

import difflib
from typing import TextIO

from integconcept.core.codes import NON_RULE_CODES
from integconcept.core.german import severity_label
from integconcept.core.safe_text import json_text


def known_codes() -> dict[str, object]:
    from integconcept.rules import all_rules

    return {**{code: None for code in NON_RULE_CODES}, **all_rules()}


def suggest(query: str) -> list[str]:
    from integconcept.rules import all_rules

    rules = all_rules()
    codes = list(known_codes())
    by_name = {rule.name: code for code, rule in rules.items()}
    by_name.update({name: code for code, (name, _) in NON_RULE_CODES.items()})
    close = difflib.get_close_matches(query.upper(), codes, n=3, cutoff=0.5)
    close += [by_name[n] for n in difflib.get_close_matches(query.lower(), list(by_name), n=3, cutoff=0.6)]
    return list(dict.fromkeys(close))[:3]


def resolve(query: str) -> str | None:
    from integconcept.rules import all_rules

    code = query.strip().upper()
    if code in known_codes():
        return code
    for rule_code, rule in all_rules().items():
        if rule.name == query.strip().lower():
            return rule_code
    for other, (name, _) in NON_RULE_CODES.items():
        if name == query.strip().lower():
            return other
    return None


def rules_table() -> list[dict]:
    from integconcept.rules import all_rules

    return [
        {
            "code": code,
            "name": rule.name,
            "summary": rule.summary,
            "severity": rule.severity.value,
            "modality": rule.modality.value if rule.modality else None,
            "modality_label": rule.modality.label if rule.modality else "nicht angegeben",
            "deviation": rule.deviation,
            "pack": rule.pack(),
            "packs": sorted(rule.packs),
            "citations": [str(c) for c in rule.citations],
            "urls": [c.url for c in rule.citations if c.url],
            "unverified": rule.unverified,
        }
        for code, rule in all_rules().items()
    ]


def print_rules(stream: TextIO, fmt: str) -> None:
    rows = rules_table()
    if fmt == "json":
        stream.write(json_text({"version": 1, "rules": rows}, indent=2))
        stream.write("\n")
        return
    import textwrap

    for row in rows:
        stream.write(f"{row['code']:<5} {severity_label(row['severity']):<8} {row['pack']:<10} {row['name']}\n")
        for line in textwrap.wrap(row["summary"], 72):
            stream.write(f"      {line}\n")
        stream.write(f"      Art: {row['modality_label']}\n")
        if row["citations"]:
            for line in textwrap.wrap("Grundlage: " + "; ".join(row["citations"]), 72):
                stream.write(f"      {line}\n")
    stream.write(
        f"\n{len(rows)} Regeln. Erklärung einer Regel: integconcept explain CODE "
        "(auch für die Codes der Eingabeprüfung F…, Y…, S…).\n"
    )


def print_explanation(code: str, stream: TextIO, width: int = 80) -> None:
    """Print one code's explanation with rich (plain text when not a terminal)."""
    from rich.console import Console
    from rich.syntax import Syntax
    from rich.text import Text

    from integconcept.rules import all_rules
    from integconcept.rules.cases import example_basis

    console = Console(file=stream, width=width, highlight=False, soft_wrap=False, markup=False)
    if code in NON_RULE_CODES:
        name, text = NON_RULE_CODES[code]
        console.print(Text(f"{code} {name}", style="bold"))
        console.print("Eingabeprüfung (Fehler; lässt sich nicht abschalten oder stummschalten)")
        console.print()
        console.print(text)
        return
    rule = all_rules()[code]
    console.print(Text(f"{code} {rule.name}", style="bold"))
    modality = rule.modality.label if rule.modality else "Art der Vorschrift nicht angegeben"
    console.print(f"{severity_label(rule.severity)} · {modality} · Regelpaket {', '.join(sorted(rule.packs))}")
    for citation in rule.citations:
        console.print(f"Grundlage: {citation}")
        if citation.url:  # never wrapped: a broken address cannot be copied into a browser
            console.print(Text(f"  {citation.url}"), no_wrap=True, overflow="ignore", crop=False)
    if rule.relaxed_for_drafts:
        console.print("Bei einem Entwurf (status: draft) ist ein Befund nur eine Warnung.")
    if rule.unverified:
        console.print(
            Text(
                "Der Wortlaut dieser Vorschrift ist nicht amtlich belegt (rekonstruiert); die Regel warnt deshalb nur.",
                style="italic",
            )
        )

    def section(title: str, body: str) -> None:
        if body:
            console.print()
            console.print(Text(title, style="bold underline"))
            console.print(body)

    section("Was wird geprüft?", " ".join(p for p in (rule.summary, rule.explanation) if p))
    section("Warum?", rule.reason)
    if rule.modality:
        section(f"Art der Vorschrift: {rule.modality.label}", rule.modality.sentence)
    section("Abweichen mit Begründung:", rule.deviation)
    cases = rule.cases()
    for title, snippet in (("Fehlerhaft:", cases.shown("bad")), ("Richtig:", cases.shown("good"))):
        if snippet:
            console.print()
            console.print(Text(title, style="bold underline"))
            console.print(
                Syntax(snippet.rstrip("\n"), "yaml", theme="ansi_dark", background_color="default", word_wrap=True)
            )
    if cases.shown("bad"):
        console.print(Text(f"(Ausschnitt einer Konzeptdatei; geprüft nach „{example_basis(rule)}“.)", style="dim"))
    section("So beheben Sie es:", rule.fix)
    if rule.CONF:
        types = {int: "ganze Zahl", float: "Zahl", bool: "true/false", str: "Text"}
        section(
            f"Optionen ([tool.integconcept.rules.{code}]):",
            "; ".join(
                f"{name} ({types.get(kind, kind.__name__)}, Standard {rule.DEFAULT[name]!r})"
                for name, kind in rule.CONF.items()
            ),
        )
