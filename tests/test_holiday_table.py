"""The shipped NRW holiday table equals the ``holidays`` package, and checks do not import the package."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

from integconcept.procedure import calendar
from integconcept.procedure import nrw_holidays

from .conftest import ROOT, UNNA


def test_table_equals_the_holidays_package_for_every_year_it_covers():
    calendar._public.cache_clear()
    calendar._school.cache_clear()
    for year in range(nrw_holidays.FIRST_YEAR, nrw_holidays.LAST_YEAR + 1):
        assert calendar._public(year) == calendar.library_public(year), year
        assert calendar._school(year) == calendar.library_school(year), year


def test_years_outside_the_table_ask_the_package():
    before = nrw_holidays.FIRST_YEAR - 3
    assert calendar.public_holiday(dt.date(before, 12, 25)) == calendar.library_public(before).get(
        dt.date(before, 12, 25)
    )
    after = nrw_holidays.LAST_YEAR + 1
    assert calendar.public_holiday(dt.date(after, 10, 3)) == "Tag der Deutschen Einheit"
    assert calendar.public_holiday(dt.date(after, 10, 4)) is None


def test_known_days():
    assert calendar.public_holiday(dt.date(2012, 11, 1)) == "Allerheiligen"
    assert calendar.public_holiday(dt.date(2017, 10, 31)) == "Reformationstag"
    assert calendar.public_holiday(dt.date(2018, 10, 31)) is None
    assert calendar.school_holiday(dt.date(2012, 7, 20)) == "Sommerferien"
    assert calendar.school_holiday(dt.date(2013, 1, 3)) == "Weihnachtsferien"  # from the previous year's data
    assert calendar.school_data_covers(2012) and not calendar.school_data_covers(2045)


def test_validate_does_not_import_the_holidays_package():
    code = (
        "import sys; from integconcept.commands.validate import validate_file; "
        f"r = validate_file({str(UNNA)!r}); assert r.usable; "
        "print(sorted(m for m in sys.modules if m == 'holidays' or m.startswith('holidays.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
    assert out.stdout.strip() == "[]"
