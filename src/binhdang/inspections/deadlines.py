"""The statutory time limits of a complaint (Luật Khiếu nại số 02/2011/QH13) and a
denunciation (Luật Tố cáo số 25/2018/QH14), in one table, each with the article it comes from.

Counting follows Bộ luật Dân sự 2015: a period in days starts on the day after the event
(Điều 147 khoản 1), and when its last day is a weekend or a public holiday it ends on the next
working day (Điều 148 khoản 5). A period in working days counts Monday to Friday, less public
holidays (Bộ luật Lao động 2019, Điều 112: 1/1, Tết, Giỗ Tổ Hùng Vương, 30/4, 1/5, 2/9 and a
day beside it). The solar holidays are computed; the lunar ones (Tết, Giỗ Tổ) and the days the
Government moves are listed by year in `DAYS_OFF` as announced, and need adding each year.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

COMPLAINT = "complaint"
DENUNCIATION = "denunciation"

ACCEPTANCE = "acceptance"
VERIFICATION = "verification"
CONCLUSION = "conclusion"

STEP_LABELS = {
    ACCEPTANCE: _("Decide whether to accept it (thụ lý)"),
    VERIFICATION: _("Finish the verification"),
    CONCLUSION: _("Conclude and decide"),
}


@dataclass(frozen=True)
class Limit:
    days: int
    working_days: bool
    article: str  # the provision, as cited on the page


# (kind, step, complexity, remote area) -> the limit. Acceptance counts from receipt; the
# conclusion from acceptance.
LIMITS: dict[tuple[str, str, str, bool], Limit] = {}


def _add(kind, step, complexities, remote, limit):
    for complexity in complexities:
        for r in remote:
            LIMITS[(kind, step, complexity, r)] = limit


ALL = ("ordinary", "complex", "very_complex")
_add(
    COMPLAINT,
    ACCEPTANCE,
    ALL,
    (False, True),
    Limit(
        10,
        False,
        "Luật Khiếu nại 2011, Điều 27: thụ lý trong 10 ngày kể từ ngày nhận được khiếu nại",
    ),
)
_add(
    COMPLAINT,
    CONCLUSION,
    ("ordinary",),
    (False,),
    Limit(30, False, "Luật Khiếu nại 2011, Điều 28: không quá 30 ngày kể từ ngày thụ lý"),
)
_add(
    COMPLAINT,
    CONCLUSION,
    ("complex", "very_complex"),
    (False,),
    Limit(
        45,
        False,
        "Luật Khiếu nại 2011, Điều 28: vụ việc phức tạp không quá 45 ngày kể từ ngày thụ lý",
    ),
)
_add(
    COMPLAINT,
    CONCLUSION,
    ("ordinary",),
    (True,),
    Limit(
        45,
        False,
        "Luật Khiếu nại 2011, Điều 28: ở vùng sâu, vùng xa đi lại khó khăn không quá 45 ngày kể từ "
        "ngày thụ lý",
    ),
)
_add(
    COMPLAINT,
    CONCLUSION,
    ("complex", "very_complex"),
    (True,),
    Limit(
        60,
        False,
        "Luật Khiếu nại 2011, Điều 28: vùng sâu, vùng xa, vụ việc phức tạp không quá 60 ngày kể "
        "từ ngày thụ lý",
    ),
)
_add(
    DENUNCIATION,
    ACCEPTANCE,
    ALL,
    (False, True),
    Limit(
        7,
        True,
        "Luật Tố cáo 2018, Điều 24 khoản 1: xử lý ban đầu, quyết định thụ lý hoặc không thụ lý "
        "trong 07 ngày làm việc kể từ ngày nhận được tố cáo",
    ),
)
_add(
    DENUNCIATION,
    CONCLUSION,
    ("ordinary",),
    (False, True),
    Limit(30, False, "Luật Tố cáo 2018, Điều 30: không quá 30 ngày kể từ ngày thụ lý"),
)
_add(
    DENUNCIATION,
    CONCLUSION,
    ("complex",),
    (False, True),
    Limit(
        60, False, "Luật Tố cáo 2018, Điều 30: vụ việc phức tạp gia hạn một lần, không quá 30 ngày"
    ),
)
_add(DENUNCIATION, CONCLUSION, ("very_complex",), (False, True), Limit(90, False,
     "Luật Tố cáo 2018, Điều 30: vụ việc đặc biệt phức tạp gia hạn hai lần, mỗi lần không quá "
     "30 ngày"))  # fmt: skip


# Days off announced each year beyond the solar holidays (Tết Nguyên đán, Giỗ Tổ Hùng Vương
# and the days moved by the Government).
def _span(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    return {first + datetime.timedelta(days=i) for i in range((last - first).days + 1)}


DAYS_OFF: set[datetime.date] = (
    _span(datetime.date(2023, 1, 20), datetime.date(2023, 1, 26))  # Tết Quý Mão
    | {datetime.date(2023, 4, 29), datetime.date(2023, 5, 2), datetime.date(2023, 5, 3)}
    | {datetime.date(2023, 9, 1), datetime.date(2023, 9, 4)}
    | _span(datetime.date(2024, 2, 8), datetime.date(2024, 2, 14))  # Tết Giáp Thìn
    | {datetime.date(2024, 4, 18), datetime.date(2024, 4, 29), datetime.date(2024, 9, 3)}
    | _span(datetime.date(2025, 1, 25), datetime.date(2025, 2, 2))  # Tết Ất Tỵ
    | {datetime.date(2025, 4, 7), datetime.date(2025, 9, 1)}
)


def is_day_off(day: datetime.date) -> bool:
    if day.weekday() >= 5:
        return True
    if (day.month, day.day) in {(1, 1), (4, 30), (5, 1), (9, 2)}:
        return True
    return day in DAYS_OFF


def _next_working_day(day: datetime.date) -> datetime.date:
    while is_day_off(day):
        day += datetime.timedelta(days=1)
    return day


def add_period(start: datetime.date, limit: Limit) -> datetime.date:
    """The last day of `limit` counted from the event on `start`."""
    if limit.working_days:
        day, left = start, limit.days
        while left:
            day += datetime.timedelta(days=1)
            if not is_day_off(day):
                left -= 1
        return day
    return _next_working_day(start + datetime.timedelta(days=limit.days))


def limit_for(kind: str, step: str, complexity: str = "ordinary", remote: bool = False) -> Limit:
    return LIMITS[(kind, step, complexity, bool(remote))]


@dataclass(frozen=True)
class Deadline:
    step: str
    due: datetime.date
    article: str

    @property
    def label(self) -> str:
        return str(STEP_LABELS[self.step])


def acceptance_deadline(complaint) -> Deadline:
    limit = limit_for(complaint.kind, ACCEPTANCE, complaint.complexity, complaint.remote_area)
    return Deadline(ACCEPTANCE, add_period(complaint.received_on, limit), limit.article)


def conclusion_deadline(complaint) -> Deadline | None:
    if complaint.decided_on is None or complaint.acceptance != "accepted":
        return None
    limit = limit_for(complaint.kind, CONCLUSION, complaint.complexity, complaint.remote_area)
    return Deadline(CONCLUSION, add_period(complaint.decided_on, limit), limit.article)


def next_deadline(complaint) -> Deadline | None:
    """The deadline of the first step not yet taken; None once the complaint is refused or
    concluded."""
    if complaint.acceptance == "refused" or complaint.concluded_on is not None:
        return None
    if complaint.acceptance != "accepted":
        return acceptance_deadline(complaint)
    conclusion = conclusion_deadline(complaint)
    if complaint.verified_on is None and complaint.verification_due is not None:
        due = complaint.verification_due
        if conclusion is None or due <= conclusion.due:
            return Deadline(VERIFICATION, due, "")
    return conclusion


def steps(complaint) -> list[dict]:
    """Every step with its deadline and when it was taken, for the page."""
    acceptance = acceptance_deadline(complaint)
    conclusion = conclusion_deadline(complaint)
    return [
        {"step": ACCEPTANCE, "label": STEP_LABELS[ACCEPTANCE], "due": acceptance.due,
         "article": acceptance.article, "done_on": complaint.decided_on},
        {"step": VERIFICATION, "label": STEP_LABELS[VERIFICATION],
         "due": complaint.verification_due, "article": "", "done_on": complaint.verified_on},
        {"step": CONCLUSION, "label": STEP_LABELS[CONCLUSION],
         "due": conclusion.due if conclusion else None,
         "article": conclusion.article if conclusion else "", "done_on": complaint.concluded_on},
    ]  # fmt: skip
