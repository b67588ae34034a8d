"""Shared helpers of the population-table rules."""

from __future__ import annotations

TABLE_PATH = ("preamble", "population_table")


def table(concept):
    return concept.preamble.population_table if concept.preamble else None


def all_rows(tab):
    """(path, row) for every member row and the total row."""
    out = [(TABLE_PATH + ("rows", i), row) for i, row in enumerate(tab.rows)]
    if tab.total_row is not None:
        out.append((TABLE_PATH + ("total_row",), tab.total_row))
    return out
