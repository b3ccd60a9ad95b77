"""The rules of case work that follow from the law and from GBVIMS, with no database.

- GBVIMS classification: the core type is the answer to the first of the classification
  questions, asked in order, that is answered yes (GBVIMS Classification Tool).
- Context flags derived from the type, the survivor's age and the perpetrator's relationship.
- Reporting delay buckets (GBVIMS incident recording form).
- Support of trafficking victims: Luật Phòng, chống mua bán người 53/2024/QH15, Điều 37.
- Time limits of the protective measures: Luật Phòng, chống bạo lực gia đình 13/2022/QH15,
  Điều 25 and 26, and Nghị định 76/2023/NĐ-CP, Điều 18.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.utils.translation import gettext_lazy as _

from .models import CoreType, DelayBucket, Relationship

# (answer key, question, type): asked in this order; the first "yes" decides.
CLASSIFICATION_QUESTIONS = (
    (
        "penetration",
        _(
            "Did the incident include penetration, even if slight, of the vagina, anus or "
            "mouth with a penis or another body part, or of the vagina or anus with an object?"
        ),
        CoreType.RAPE,
    ),
    (
        "sexual_contact",
        _("Did the incident include unwanted sexual contact (including attempted rape)?"),
        CoreType.SEXUAL_ASSAULT,
    ),
    (
        "physical_assault",
        _("Did the incident include physical assault?"),
        CoreType.PHYSICAL_ASSAULT,
    ),
    ("forced_marriage", _("Was the incident an act of forced marriage?"), CoreType.FORCED_MARRIAGE),
    (
        "denial",
        _("Did the incident include denial of resources, opportunities or services?"),
        CoreType.DENIAL,
    ),
    (
        "psychological",
        _("Did the incident include psychological or emotional abuse?"),
        CoreType.PSYCHOLOGICAL,
    ),
)


def classify(answers: dict[str, bool]) -> str:
    """The one core type: the first question answered yes; none: non-GBV."""
    for key, _question, core_type in CLASSIFICATION_QUESTIONS:
        if answers.get(key):
            return core_type
    return CoreType.NON_GBV


ADULT_AGE = 18
SEXUAL_TYPES = (CoreType.RAPE, CoreType.SEXUAL_ASSAULT)
PARTNERS = (Relationship.PARTNER, Relationship.FORMER_PARTNER)


def context_flags(core_type: str, survivor_age: int | None, relationship: str) -> dict[str, bool]:
    """Child sexual abuse (rape or sexual assault of a child), early marriage (forced marriage
    of a child), intimate partner violence (by a partner or former partner)."""
    child = survivor_age is not None and survivor_age < ADULT_AGE
    return {
        "child_sexual_abuse": child and core_type in SEXUAL_TYPES,
        "early_marriage": child and core_type == CoreType.FORCED_MARRIAGE,
        "intimate_partner": relationship in PARTNERS,
    }


def delay_bucket(incident_date: date, first_report_date: date) -> str:
    days = (first_report_date - incident_date).days
    if days <= 3:
        return DelayBucket.D0_3
    if days <= 5:
        return DelayBucket.D4_5
    if days <= 14:
        return DelayBucket.D6_14
    if days <= 30:
        return DelayBucket.W2_M1
    return DelayBucket.OVER_1M


# ---------------------------------------------------------------- trafficking, Art. 37
#
# Luật Phòng, chống mua bán người số 53/2024/QH15 (in force 1/7/2025), Điều 37 "Đối tượng và
# chế độ hỗ trợ", khoản 1 (a victim who is a Vietnamese citizen or a stateless person residing in
# Vietnam): a) hỗ trợ nhu cầu thiết yếu; b) hỗ trợ y tế; c) hỗ trợ phiên dịch; d) hỗ trợ pháp
# luật; đ) trợ giúp pháp lý; e) hỗ trợ chi phí đi lại; g) hỗ trợ tâm lý; h) hỗ trợ học văn hóa;
# i) hỗ trợ học nghề, tư vấn, tạo điều kiện để có việc làm; k) trợ cấp khó khăn ban đầu, hỗ trợ
# vay vốn. Khoản 2: a person under 18 accompanying such a victim, points a to h. Khoản 3: a person
# being identified as a victim (and an accompanying minor) abroad, points a to d; in Vietnam,
# points a to g. Khoản 4 (foreigners trafficked in Vietnam: a, b, c, d, đ, g "tùy từng trường
# hợp") is not modelled: a case here is of a Vietnamese resident. Details: Nghị định
# 162/2025/NĐ-CP (not checked against its text).
SUPPORT_POINTS = (
    ("a", _("Essential needs")),
    ("b", _("Medical support")),
    ("c", _("Interpretation")),
    ("d", _("Legal support")),
    ("đ", _("Legal aid")),
    ("e", _("Travel costs")),
    ("g", _("Psychological support")),
    ("h", _("Schooling")),
    ("i", _("Vocational training, counselling and help to find a job")),
    ("k", _("Initial hardship allowance and loans")),
)
POINTS = [point for point, _label in SUPPORT_POINTS]


def _through(last: str) -> list[str]:
    return POINTS[: POINTS.index(last) + 1]


def trafficking_entitlements(status: str, place: str, accompanying_minor: bool) -> list[str]:
    """The points of Art. 37(1) a person is entitled to."""
    if status == "confirmed":
        return _through("h") if accompanying_minor else list(POINTS)  # khoản 2, khoản 1
    if status == "being_identified":
        return _through("d") if place == "abroad" else _through("g")  # khoản 3
    return []


# ---------------------------------------------------------------- protective measures

COMMUNE_NO_CONTACT_MAX_DAYS = 3  # Luật 13/2022/QH15, Điều 25(3)
COMMUNE_DECISION_WITHIN = timedelta(hours=12)  # Điều 25(2)
COURT_NO_CONTACT_MAX_MONTHS = 4  # Điều 26
CONTACT_EXCEPTION_MAX = timedelta(hours=4)  # Nghị định 76/2023/NĐ-CP, Điều 18
EXPIRY_REMINDER_BEFORE = timedelta(days=1)


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year = day.year + month // 12
    month = month % 12 + 1
    import calendar

    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def no_contact_days(starts_on: date, ends_on: date) -> int:
    """Days a ban covers, both ends included."""
    return (ends_on - starts_on).days + 1
