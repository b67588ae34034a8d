"""Dates of the approval process (Gremienlauf): calendar, chain, notice periods, planning, output.

The rule pack "timeline" (``integconcept/rules/timeline/``) and the ``timeline`` command share this
logic. Heavy libraries (holidays, babel, icalendar) are imported lazily inside functions.
"""
