"""The project configuration: ``[tool.integconcept]`` of a ``pyproject.toml`` or a whole
``integconcept.toml``, typed and checked.

The file is found walking up from the concept file's folder (in one folder ``integconcept.toml``
wins). Its table is validated against :class:`~integconcept.document.config_model.ProjectConfig` (pydantic, ``extra="forbid"``,
strict types): an unknown key or a value of the wrong type is a finding with the configuration
file's line and a "Meinten Sie …?" suggestion, never silently ignored.

Adding a key is one line in :class:`~integconcept.document.config_model.ProjectConfig` (or :class:`~integconcept.document.config_model.TimelineConfig`). Rule options
live under ``[tool.integconcept.rules.CODE]``; each rule declares them itself in ``CONF``/``DEFAULT``
(see :class:`integconcept.rules.base.Rule`).
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any


from integconcept.core.german import closest, did_you_mean

if TYPE_CHECKING:
    from pydantic import BaseModel

CONFIG_FILE = "integconcept.toml"


@dataclass
class Config:
    file: str | None = None
    settings: dict = field(default_factory=dict)  # the checked table, as plain data (only keys given)
    text: str = ""  # the configuration file's text (for positions)
    prefix: tuple[str, ...] = ()  # ("tool", "integconcept") in a pyproject.toml


@dataclass
class ConfigError(Exception):
    file: str
    message: str
    line: int = 1
    column: int = 1


@dataclass
class ConfigProblem:
    """One bad key or value: where (file:line:column) and what, in German."""

    file: str
    line: int
    column: int
    message: str


def find_config(concept_file: str) -> Config:
    """Walk up from the concept file's folder; return the first configuration found (unchecked).

    Raises :class:`ConfigError` for a file that is no TOML or cannot be read."""
    import tomllib

    folder = FsPath(os.path.abspath(concept_file)).parent
    for directory in (folder, *folder.parents):
        for name in (CONFIG_FILE, "pyproject.toml"):
            candidate = directory / name
            if not candidate.is_file():
                continue
            try:
                text = candidate.read_text(encoding="utf-8")
                data = tomllib.loads(text)
            except tomllib.TOMLDecodeError as exc:
                line = getattr(exc, "lineno", 1) or 1
                column = getattr(exc, "colno", 1) or 1
                raise ConfigError(
                    str(candidate), f"Die Konfigurationsdatei ist kein gültiges TOML: {exc}", line, column
                ) from None
            except (OSError, UnicodeDecodeError) as exc:
                raise ConfigError(
                    str(candidate),
                    f"Die Konfigurationsdatei kann nicht gelesen werden: {getattr(exc, 'strerror', None) or exc}",
                ) from None
            if name == "pyproject.toml":
                table = data.get("tool", {}).get("integconcept")
                if table is None:
                    continue
                prefix: tuple[str, ...] = ("tool", "integconcept")
            else:
                table, prefix = data, ()
            if not isinstance(table, dict):
                raise ConfigError(str(candidate), "[tool.integconcept] muss eine Tabelle sein.")
            return Config(str(candidate), table, text, prefix)
    return Config()


# --------------------------------------------------------------------------- positions in TOML

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*((?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')(?:\s*\.\s*(?:[A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*'))*)\s*=")


def _split_key(text: str) -> tuple[str, ...]:
    return tuple(part.strip().strip("\"'") for part in re.findall(r"\"[^\"]*\"|'[^']*'|[^.]+", text))


def key_positions(text: str) -> dict[tuple[str, ...], tuple[int, int]]:
    """1-based (line, column) of every key and table header of a TOML text, by full dotted path.

    A small line scanner: enough for configuration files (tables, dotted keys, inline values);
    multi-line strings are skipped roughly (their lines rarely look like ``key =``).
    """
    out: dict[tuple[str, ...], tuple[int, int]] = {}
    table: tuple[str, ...] = ()
    in_multiline = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.count('"""') % 2 == 1 or line.count("'''") % 2 == 1:
            in_multiline = not in_multiline
            if not in_multiline:
                continue
        elif in_multiline:
            continue
        if match := _HEADER.match(line):
            table = _split_key(match.group(1))
            out.setdefault(table, (number, line.index("[") + 1))
            continue
        if match := _KEY.match(line):
            path = table + _split_key(match.group(1))
            out.setdefault(path, (number, match.start(1) + 1))
    return out


def _position(config: Config, path: tuple) -> tuple[int, int]:
    positions = key_positions(config.text)
    full = config.prefix + tuple(str(p) for p in path)
    while len(full) > len(config.prefix):
        if full in positions:
            return positions[full]
        full = full[:-1]
    return positions.get(config.prefix, (1, 1))


def _table_label(config: Config, path: tuple) -> str:
    parts = config.prefix + tuple(str(p) for p in path)
    return ".".join(parts) if parts else "(oberste Ebene)"


_TYPE_WORDS = {
    "int": "eine ganze Zahl (ohne Anführungszeichen)",
    "bool": "true oder false",
    "str": "ein Text in Anführungszeichen",
    "list": 'eine Liste, z. B. ["K006"]',
    "float": "eine Zahl",
    "dict": "eine Tabelle",
}


def _describe_error(error: Mapping[str, Any], model: type[BaseModel]) -> tuple[str, str]:
    """German message and hint for one pydantic error of the configuration."""
    kind = error["type"]
    loc = [p for p in error["loc"] if not (isinstance(p, str) and p in ("str", "list[str]", "none"))]
    name = str(loc[-1]) if loc else ""
    if kind == "extra_forbidden":
        allowed = _allowed_keys(model, loc[:-1])
        hint = did_you_mean(closest(name, allowed, cutoff=0.5))
        return (
            f"Unbekannte Einstellung „{name}“; sie würde nicht beachtet.",
            hint + (f"Erlaubt: {', '.join(allowed)}." if allowed else ""),
        )
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        value = error.get("input")
        choices = re.findall(r"'([^']*)'", expected)
        hint = did_you_mean(closest(str(value), choices, cutoff=0.5))
        return f"„{name}“ hat den unerlaubten Wert {value!r}.", hint + f"Erlaubt: {', '.join(choices)}."
    if kind in ("greater_than_equal", "less_than_equal"):
        ctx = error.get("ctx", {})
        bound = ctx.get("ge", ctx.get("le"))
        word = "mindestens" if kind == "greater_than_equal" else "höchstens"
        return f"„{name}“ muss {word} {bound} sein, angegeben ist {error.get('input')!r}.", "Korrigieren Sie den Wert."
    expected = {
        "int_type": "int",
        "bool_type": "bool",
        "string_type": "str",
        "list_type": "list",
        "dict_type": "dict",
        "model_type": "dict",
        "float_type": "float",
    }.get(kind)
    value = error.get("input")
    if expected:
        hint = ""
        if expected == "int" and isinstance(value, str) and value.strip().isdigit():
            hint = did_you_mean([f"{value.strip()} (ohne Anführungszeichen)"], quote=False)
        if expected == "bool" and isinstance(value, str) and value.lower() in ("true", "false", "ja", "nein"):
            meant = "true" if value.lower() in ("true", "ja") else "false"
            hint = did_you_mean([f"{meant} (ohne Anführungszeichen)"], quote=False)
        return (
            f"„{name}“ hat den falschen Typ: erwartet wird {_TYPE_WORDS[expected]}, angegeben ist {value!r}.",
            hint + "Korrigieren Sie den Wert.",
        )
    return f"„{name}“: {error.get('msg', 'ungültiger Wert')}.", "Korrigieren Sie den Wert."


def _allowed_keys(model: type[BaseModel], loc: list) -> list[str]:
    from pydantic import BaseModel

    current: type[BaseModel] | None = model
    for part in loc:
        field_info = current.model_fields.get(str(part)) if current else None
        annotation = getattr(field_info, "annotation", None)
        current = annotation if isinstance(annotation, type) and issubclass(annotation, BaseModel) else None
    return list(current.model_fields) if current else []


def check_config(
    config: Config, rule_options: dict[str, tuple[dict, dict]] | None = None
) -> tuple[dict, list[ConfigProblem]]:
    """Validate the table; return (settings as plain data, problems).

    ``rule_options`` maps a rule code to its (CONF, DEFAULT): the types and defaults of the options it
    declares. Keys of a bad value are dropped from the settings, so the stated default applies."""
    if config.file is None:
        return {}, []
    from pydantic import ValidationError

    from integconcept.document.config_model import ProjectConfig  # pydantic only when there is a file to check

    problems: list[ConfigProblem] = []
    table = dict(config.settings)
    try:
        checked = ProjectConfig.model_validate(table)
    except ValidationError as exc:
        bad: set[tuple] = set()
        for error in exc.errors():
            # union branches appear as type names in the location ("str", "OParlSettings"): drop them
            loc = tuple(
                p for p in error["loc"] if not (isinstance(p, str) and (p in ("str", "list[str]") or p[:1].isupper()))
            )
            if loc in bad:  # a union reports each branch; one message per place
                continue
            message, hint = _describe_error(error, ProjectConfig)
            line, column = _position(config, loc)
            problems.append(
                ConfigProblem(config.file, line, column, f"{_table_label(config, loc[:-1])}: {message} {hint}".strip())
            )
            bad.add(loc)
        table = _drop(table, bad)
        checked = ProjectConfig.model_validate(table)
    settings = checked.model_dump(exclude_unset=True, exclude_none=True)
    for name in ("timeline", "render", "vorlage"):  # an empty table is no setting
        if name in settings and not settings[name]:
            settings.pop(name)
    rules_table = settings.get("rules", {})
    known = rule_options or {}
    for code, options in list(rules_table.items()):
        if code not in known:
            hint = did_you_mean(closest(code.upper(), known), quote=False)
            line, column = _position(config, ("rules", code))
            with_options = ", ".join(c for c, (conf, _) in known.items() if conf)
            problems.append(
                ConfigProblem(
                    config.file,
                    line,
                    column,
                    f"{_table_label(config, ('rules',))}: „{code}“ ist keine Regel mit "
                    f"Optionen. {hint}Optionen haben: {with_options or '(keine)'}.",
                )
            )
            rules_table.pop(code)
            continue
        conf, _ = known[code]
        for key, value in list(options.items()):
            where = ("rules", code, key)
            line, column = _position(config, where)
            if key not in conf:
                hint = did_you_mean(closest(key, conf, cutoff=0.5))
                problems.append(
                    ConfigProblem(
                        config.file,
                        line,
                        column,
                        f"{_table_label(config, ('rules', code))}: Unbekannte Option "
                        f"„{key}“. {hint}Erlaubt: {', '.join(conf) or '(keine)'}.",
                    )
                )
                options.pop(key)
            elif not _type_ok(value, conf[key]):
                expected = _TYPE_WORDS.get(conf[key].__name__, conf[key].__name__)
                problems.append(
                    ConfigProblem(
                        config.file,
                        line,
                        column,
                        f"{_table_label(config, ('rules', code))}: „{key}“ hat den falschen "
                        f"Typ: erwartet wird {expected}, angegeben ist {value!r}.",
                    )
                )
                options.pop(key)
    return settings, problems


def _type_ok(value: object, expected: type) -> bool:
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


def _drop(table: dict, paths: set[tuple]) -> dict:
    out = dict(table)
    for path in paths:
        if not path:
            continue
        node = out
        for part in path[:-1]:
            child = node.get(part)
            if not isinstance(child, dict):
                break  # nothing to drop there
            node[part] = dict(child)
            node = node[part]
        else:
            node.pop(path[-1], None)
    return out
