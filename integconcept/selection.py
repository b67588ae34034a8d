"""Choosing which rules run and which findings are reported.

* ``--select`` / ``--ignore`` and the keys ``select`` / ``ignore`` of the configuration take codes
  (``K006``), code prefixes (``G7``, ``K00``) or pack names (``tintg2012``). Only rule findings are
  affected; findings of the input check (F, Y, S) always stay.
* The configuration is the table ``[tool.integconcept]`` of a ``pyproject.toml`` or the whole file
  ``integconcept.toml``, whichever is found first walking up from the concept file's folder (in one
  folder ``integconcept.toml`` wins). The whole table becomes ``Context.settings``.
* Inline silences (``# integconcept: ignore[CODE] Grund: …``) are applied after the rules ran;
  see :mod:`integconcept.silence`.
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path as FsPath

from .findings import Finding, Severity
from . import silence

CONFIG_FILE = "integconcept.toml"


class SelectionError(ValueError):
    """A --select/--ignore key or configuration value that matches nothing (German message)."""


@dataclass
class Config:
    file: str | None = None
    settings: dict = field(default_factory=dict)


@dataclass
class ConfigError(Exception):
    file: str
    message: str
    line: int = 1
    column: int = 1


def find_config(concept_file: str) -> Config:
    """Walk up from the concept file's folder; return the first configuration found."""
    import tomllib

    folder = FsPath(os.path.abspath(concept_file)).parent
    for directory in (folder, *folder.parents):
        for name in (CONFIG_FILE, "pyproject.toml"):
            candidate = directory / name
            if not candidate.is_file():
                continue
            try:
                with open(candidate, "rb") as handle:
                    data = tomllib.load(handle)
            except tomllib.TOMLDecodeError as exc:
                line = getattr(exc, "lineno", 1) or 1
                column = getattr(exc, "colno", 1) or 1
                raise ConfigError(str(candidate), f"Die Konfigurationsdatei ist kein gültiges TOML: {exc}",
                                  line, column) from None
            except OSError as exc:
                raise ConfigError(str(candidate), f"Die Konfigurationsdatei kann nicht gelesen werden: "
                                                  f"{exc.strerror or exc}") from None
            if name == "pyproject.toml":
                table = data.get("tool", {}).get("integconcept")
                if table is None:
                    continue
            else:
                table = data
            if not isinstance(table, dict):
                raise ConfigError(str(candidate), "[tool.integconcept] muss eine Tabelle sein.")
            return Config(str(candidate), table)
    return Config()


def _as_keys(value, origin: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SelectionError(f"{origin}: erwartet wird eine Liste von Codes, z. B. [\"K006\", \"G7\"].")
    keys: list[str] = []
    for item in value:
        keys.extend(part.strip() for part in item.split(",") if part.strip())
    return keys


def matches(code: str, packs: frozenset[str], key: str) -> bool:
    return key.lower() in packs or code.upper().startswith(key.upper())


def check_keys(keys: list[str], origin: str) -> None:
    """Every key must match at least one rule (code, prefix or pack); German error otherwise."""
    from .rules import all_rules

    rules = all_rules()
    packs = {pack for rule in rules.values() for pack in rule.packs}
    for key in keys:
        if not any(matches(code, rule.packs, key) for code, rule in rules.items()):
            close = difflib.get_close_matches(key.upper(), list(rules), n=1) or \
                difflib.get_close_matches(key.lower(), sorted(packs), n=1)
            hint = f" Meinten Sie {close[0]}?" if close else ""
            raise SelectionError(f"{origin}: „{key}“ passt zu keiner Regel (weder Code, Code-Anfang noch "
                                 f"Regelpaket).{hint} Alle Codes zeigt `integconcept rules`.")


@dataclass
class Selection:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)

    def active(self, code: str, packs: frozenset[str]) -> bool:
        if self.select and not any(matches(code, packs, key) for key in self.select):
            return False
        return not any(matches(code, packs, key) for key in self.ignore)


def build_selection(config: Config, select: list[str] | None, ignore: list[str] | None) -> Selection:
    """Command-line --select replaces the configuration's select; --ignore adds to its ignore."""
    origin = config.file or "Konfiguration"
    config_select = _as_keys(config.settings.get("select"), f"{origin} (select)")
    config_ignore = _as_keys(config.settings.get("ignore"), f"{origin} (ignore)")
    check_keys(config_select, f"{origin} (select)")
    check_keys(config_ignore, f"{origin} (ignore)")
    cli_select = _as_keys(select, "--select") if select else []
    cli_ignore = _as_keys(ignore, "--ignore") if ignore else []
    check_keys(cli_select, "--select")
    check_keys(cli_ignore, "--ignore")
    return Selection(cli_select or config_select, config_ignore + cli_ignore)


def run_selected(concept, source_map, text: str, file: str, *, basis: str | None, settings: dict,
                 selection: Selection) -> list[Finding]:
    """Run the packs for the basis, restricted to the selection, then apply inline silences."""
    from .rules import Context, all_rules
    from .validate import PACKS_FOR_BASIS

    effective = basis or concept.legal_basis.value
    packs = set(PACKS_FOR_BASIS.get(effective, ("common", "timeline")))
    ctx = Context(concept=concept, source_map=source_map, file=file, basis=effective,
                  settings=settings, text=text)
    rules = all_rules()
    active = {code for code, rule in rules.items() if rule.packs & packs and selection.active(code, rule.packs)}
    findings: list[Finding] = []
    for code in sorted(active):
        findings.extend(rules[code]().findings(ctx))
    return apply_silences(findings, ctx.silences, active)


def apply_silences(findings: list[Finding], silences: list[silence.Silence], active: set[str]) -> list[Finding]:
    """Drop findings silenced (with a reason) on their line; report silences that silenced nothing."""
    from .rules import all_rules

    by_line: dict[int, list[silence.Silence]] = {}
    for item in silences:
        if item.has_reason:
            by_line.setdefault(item.line, []).append(item)
    used: set[tuple[int, str]] = set()
    kept: list[Finding] = []
    for finding in findings:
        hit = next((s for s in by_line.get(finding.line, ()) if finding.code in s.codes
                    and finding.code not in ("K901", "K902", "K903")), None)
        if hit is None:
            kept.append(finding)
        else:
            used.add((hit.line, finding.code))
    if "K902" in active:
        rule = all_rules()["K902"]
        for item in silences:
            if not item.has_reason:
                continue
            for code in item.codes:
                if code in active and (item.line, code) not in used:
                    kept.append(Finding(
                        "K902", rule.severity,
                        f"Die Stummschaltung von {code} wirkt nicht: in dieser Zeile gibt es keinen Befund {code}.",
                        (), "Entfernen Sie den Kommentar oder setzen Sie ihn in die Zeile des Befunds.",
                        item.line, item.column, name=rule.name, citations=rule.citations))
    return kept


def config_error_finding(error: ConfigError) -> Finding:
    return Finding("K900", Severity.error, f"{error.file}:{error.line}:{error.column}: {error.message}", (),
                   "Korrigieren Sie die Konfigurationsdatei (TOML) oder entfernen Sie sie.", 1, 1,
                   name="konfiguration-ungueltig")
