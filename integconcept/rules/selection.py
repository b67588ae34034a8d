"""Choosing which rules run.

``--select`` / ``--ignore`` and the keys ``select`` / ``ignore`` of the configuration
(:mod:`integconcept.document.config`) take codes (``K006``), code prefixes (``G7``, ``K00``) or pack names
(``tintg2012``). Only rule findings are affected; findings of the input check (F, Y, S) always
stay. Running the rules is :mod:`integconcept.rules.engine`'s job.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from integconcept.document.config import Config, ConfigError, find_config  # noqa: F401  (the configuration's old home)
from integconcept.core.german import closest, did_you_mean


class SelectionError(ValueError):
    """A --select/--ignore key or configuration value that matches nothing (German message)."""


def _as_keys(value, origin: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise SelectionError(f'{origin}: erwartet wird eine Liste von Codes, z. B. ["K006", "G7"].')
    keys: list[str] = []
    for item in value:
        keys.extend(part.strip() for part in item.split(",") if part.strip())
    return keys


def matches(code: str, packs: frozenset[str], key: str) -> bool:
    return key.lower() in packs or code.upper().startswith(key.upper())


def check_keys(keys: list[str], origin: str) -> None:
    """Every key must match at least one rule (code, prefix or pack); German error otherwise."""
    from integconcept.rules.index import RULES

    rules = {code: packs for code, (_, packs, _) in RULES.items()}
    packs = {pack for rule_packs in rules.values() for pack in rule_packs}
    for key in keys:
        if not any(matches(code, rule_packs, key) for code, rule_packs in rules.items()):
            hint = did_you_mean(closest(key.upper(), rules) or closest(key.lower(), sorted(packs)), quote=False)
            raise SelectionError(
                f"{origin}: „{key}“ passt zu keiner Regel (weder Code, Code-Anfang noch "
                f"Regelpaket). {hint}Alle Codes zeigt `integconcept rules`."
            )


@dataclass
class Selection:
    select: list[str] = field(default_factory=list)
    ignore: list[str] = field(default_factory=list)

    def active(self, code: str, packs: frozenset[str]) -> bool:
        if self.select and not any(matches(code, packs, key) for key in self.select):
            return False
        return not any(matches(code, packs, key) for key in self.ignore)


def build_selection(
    config: Config, select: list[str] | None, ignore: list[str] | None, settings: dict | None = None
) -> Selection:
    """Command-line --select replaces the configuration's select; --ignore adds to its ignore.

    ``settings`` is the checked configuration (default: the raw table of ``config``)."""
    table = config.settings if settings is None else settings
    origin = config.file or "Konfiguration"
    config_select = _as_keys(table.get("select"), f"{origin} (select)")
    config_ignore = _as_keys(table.get("ignore"), f"{origin} (ignore)")
    check_keys(config_select, f"{origin} (select)")
    check_keys(config_ignore, f"{origin} (ignore)")
    cli_select = _as_keys(select, "--select") if select else []
    cli_ignore = _as_keys(ignore, "--ignore") if ignore else []
    check_keys(cli_select, "--select")
    check_keys(cli_ignore, "--ignore")
    return Selection(cli_select or config_select, config_ignore + cli_ignore)
