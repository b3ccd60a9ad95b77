"""Dates as Vietnamese papers and officers write them."""

from __future__ import annotations

import datetime
import re

from django.utils.translation import gettext as _

_DMY = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$", re.ASCII)
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$", re.ASCII)


class DateError(ValueError):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _month(d: datetime.date) -> str:
    # Decree 30 and the papers keep a leading zero for January and February only.
    return f"{d.month:02d}" if d.month <= 2 else str(d.month)


def format_date(d: datetime.date | datetime.datetime | None) -> str:
    """ "05/12/2023" for tables, exports and forms."""
    return d.strftime("%d/%m/%Y") if d else ""


def cited_date(d: datetime.date) -> str:
    """ "06/4/2023", "13/01/2022": a date as a document cites another document's date."""
    return f"{d.day:02d}/{_month(d)}/{d.year}"


def date_line(place: str, d: datetime.date | None, year: int | None = None) -> str:
    """ "Vị Xuyên, ngày 05 tháng 12 năm 2023" (Decree 30: a day under 10 and the months 1
    and 2 take a leading zero). Without a date the day and month are left blank for the
    clerk to fill in by hand; without a place the line starts with "Ngày"."""
    if d is None:
        line = f"ngày     tháng     năm {year or datetime.date.today().year}"
    else:
        line = f"ngày {d.day:02d} tháng {_month(d)} năm {d.year}"
    return f"{place}, {line}" if place else line[0].upper() + line[1:]


def parse_date(raw: object) -> datetime.date | None:
    """A date from "05/12/2023", "5/12/2023", "2023-12-05" or a spreadsheet date; None when
    blank. Raises DateError with a Vietnamese message."""
    if raw is None:
        return None
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    text = str(raw).strip()
    if not text:
        return None
    if m := _DMY.match(text):
        day, month, year = (int(g) for g in m.groups())
    elif m := _ISO.match(text):
        year, month, day = (int(g) for g in m.groups())
    else:
        raise DateError(_("“%(text)s” is not a date (write dd/mm/yyyy).") % {"text": text[:40]})
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise DateError(_("“%(text)s” is not a date (write dd/mm/yyyy).") % {"text": text}) from exc
