"""The reporting regime of Decree 09/2019/NĐ-CP: a round's data cut-off window.

Provinces apply the decree's windows as: a month counts from the 15th of the previous month
to the 14th; a quarter from the 15th of the month before the quarter to the 14th of its last
month; a half-year from 15/12 (or 15/6) to 14/6 (or 14/12); a year from 15/12 of the previous
year to 14/12. The window is stored on the round (`cutoff_from`, `cutoff_to`) so a thematic or
ad hoc round can state its own; these functions give the default for a periodic one.
"""

from __future__ import annotations

import datetime

from django.db.models import Q

from binhdang.formats.dates import format_date

CUTOFF_DAY = 14  # the window ends on the 14th; the next one starts on the 15th
MONTHS_IN = {"year": 12, "half": 6, "quarter": 3, "month": 1}
PERIODS_IN_YEAR = {"year": 1, "half": 2, "quarter": 4, "month": 12}


def cutoff_window(
    frequency: str, period_year: int, period_number: int | None = None
) -> tuple[datetime.date, datetime.date]:
    """(first day, last day) of the data counted by a periodic report: `frequency` is a
    round's period type ("year", "half", "quarter", "month"), `period_number` its half
    (1-2), quarter (1-4) or month (1-12), ignored for a year. Both days are included.
    Raises ValueError on an unknown frequency or a period number out of range."""
    if frequency not in MONTHS_IN:
        raise ValueError(f"unknown frequency {frequency!r}")
    number = 1 if frequency == "year" else period_number
    if number is None or not 1 <= number <= PERIODS_IN_YEAR[frequency]:
        raise ValueError(f"period number {period_number!r} out of range for {frequency}")
    last_month = number * MONTHS_IN[frequency]  # the 14th of this month ends the window
    end = datetime.date(period_year, last_month, CUTOFF_DAY)
    first_month = last_month - MONTHS_IN[frequency]  # the 15th of this month starts it
    year = period_year
    if first_month <= 0:
        first_month, year = first_month + 12, year - 1
    start = datetime.date(year, first_month, CUTOFF_DAY + 1)
    return start, end


def round_window(reporting_round) -> tuple[datetime.date, datetime.date]:
    """The round's stated cut-off window, or the default for its period when none is set
    (the year's window when the period lacks its number)."""
    if reporting_round.cutoff_from and reporting_round.cutoff_to:
        return reporting_round.cutoff_from, reporting_round.cutoff_to
    try:
        return cutoff_window(
            reporting_round.period_type, reporting_round.period_year, reporting_round.period_number
        )
    except ValueError:
        return cutoff_window("year", reporting_round.period_year)


def cutoff_sentence(reporting_round) -> str:
    """ "Số liệu tính từ ngày 15/12/2022 đến ngày 14/12/2023." as a report states it (the
    documents are Vietnamese whatever the reader's interface language)."""
    start, end = round_window(reporting_round)
    return f"Số liệu tính từ ngày {format_date(start)} đến ngày {format_date(end)}."


def in_window(reporting_round, date_field: str) -> Q:
    """A filter keeping the records whose `date_field` (a DateField, or a DateTimeField
    followed by "__date") falls within the round's cut-off window."""
    start, end = round_window(reporting_round)
    return Q(**{f"{date_field}__gte": start, f"{date_field}__lte": end})
