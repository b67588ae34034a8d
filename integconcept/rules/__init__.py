"""The rule engine and its packs: one module per rule in ``packs/<pack>/``, registered on import."""

from __future__ import annotations

import importlib
import pkgutil

from integconcept.rules.base import REGISTRY, Context, Problem, Rule, register

__all__ = ["REGISTRY", "Context", "Problem", "Rule", "register", "all_rules"]

_loaded = False


def all_rules() -> dict[str, type[Rule]]:
    """Import every rule module once and return the registry (code → rule class)."""
    global _loaded
    if not _loaded:
        from integconcept.rules import packs

        for info in pkgutil.walk_packages(packs.__path__, prefix=packs.__name__ + "."):
            importlib.import_module(info.name)
        _loaded = True
    return dict(sorted(REGISTRY.items()))
