"""Write integconcept/procedure/nrw_holidays.py: NRW public and school holidays as a table.

    .venv/bin/python tools/make_holiday_table.py

The table is generated from the installed ``holidays`` package (German names) so that a check does
not import the package's ~250 country modules (about 0.1 s per run). ``tests/test_holiday_table.py``
proves the table equal to the package for every year it covers; outside those years
:mod:`integconcept.procedure.calendar` asks the package itself. Run this again after upgrading
``holidays`` (the test fails until then if the package's data changed).
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from integconcept.procedure.calendar import library_public, library_school  # noqa: E402

FIRST_YEAR, LAST_YEAR = 1990, 2050
TARGET = ROOT / "integconcept" / "procedure" / "nrw_holidays.py"


def ranges(days: dict[dt.date, str]) -> list[tuple[str, str, str]]:
    """Consecutive days with the same name as (first, last, name)."""
    out: list[list] = []
    for day in sorted(days):
        name = days[day]
        if out and out[-1][2] == name and out[-1][1] + dt.timedelta(days=1) == day:
            out[-1][1] = day
        else:
            out.append([day, day, name])
    return [(first.isoformat(), last.isoformat(), name) for first, last, name in out]


def main() -> None:
    import holidays

    lines = [
        '"""NRW public and school holidays by year, generated from the ``holidays`` package. Do not edit.',
        "",
        "Made by tools/make_holiday_table.py; tests/test_holiday_table.py proves it equal to the package.",
        '"""',
        "",
        f'HOLIDAYS_VERSION = "{holidays.__version__}"',
        f"FIRST_YEAR, LAST_YEAR = {FIRST_YEAR}, {LAST_YEAR}",
        "",
        "#: year → ((month, day, name), …)",
        "PUBLIC = {",
    ]
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        items = [(d.month, d.day, name) for d, name in sorted(library_public(year).items())]
        lines.append(f"    {year}: {tuple(items)!r},")
    lines += ["}", "", "#: year → ((first day, last day, name), …): consecutive days with the same name", "SCHOOL = {"]
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        lines.append(f"    {year}: {tuple(ranges(library_school(year)))!r},")
    lines += ["}", ""]
    TARGET.write_text("\n".join(lines), encoding="utf-8")
    print(f"{TARGET.relative_to(ROOT)}: {FIRST_YEAR}–{LAST_YEAR}, holidays {holidays.__version__}")


if __name__ == "__main__":
    main()
