"""The record of processing of case data that Luật Bảo vệ dữ liệu cá nhân 91/2025/QH15 (in
force 1/1/2026; before it Nghị định 13/2023/NĐ-CP) asks a controller of sensitive personal
data to keep: for each processing its purpose, legal basis, data, recipients and retention;
shown and printed at /cases/personal-data/."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext_lazy as _

# Closed cases keep the survivor's identity this long, then `binhdang apply-case-retention`
# anonymises them (the anonymous facts stay for the statistics).
RETENTION_YEARS = 5


def retention_cutoff(today: date) -> date:
    try:
        return today.replace(year=today.year - RETENTION_YEARS)
    except ValueError:  # 29 February
        return today.replace(year=today.year - RETENTION_YEARS, day=28)


@dataclass(frozen=True)
class Processing:
    name: str
    purpose: str
    legal_basis: str
    data: str
    recipients: str
    retention: str


PROCESSINGS = (
    Processing(
        _("Receiving reports and opening cases"),
        _("Verify a report of violence and protect the person at risk."),
        _(
            "Legal duty: Luật Phòng, chống bạo lực gia đình 13/2022/QH15 (Art. 16-18); Luật "
            "Phòng, chống mua bán người 53/2024/QH15; Luật Trẻ em."
        ),
        _(
            "Name, phone, address, ID number (encrypted), sex, age, ethnicity, disability; "
            "reporter's contact (encrypted)."
        ),
        _("The case worker who owns the case and the case team."),
        _("While the case is open, then 5 years after closure; the identity is then erased."),
    ),  # fmt: skip
    Processing(
        _("Protective measures"),
        _("Apply and follow the measures of Art. 22 of Luật 13/2022/QH15."),
        _("Legal duty: Luật 13/2022/QH15, Art. 22-26; Nghị định 76/2023/NĐ-CP."),
        _("Incident, perpetrator identity (encrypted), measures and their notifications."),
        _("The case team, the commune police, the commune chair (measure requests)."),
        _("As the case."),
    ),
    Processing(
        _("Referral to services"),
        _("Give the survivor the services they need."),
        _(
            "The survivor's consent for each kind of service; without it only a supervisor's "
            "override with a recorded reason where the law requires protection."
        ),
        _("The sections the referral shares: identity, incident, services."),
        _("The service point's staff, only while the referral is active."),
        _("As the case."),
    ),  # fmt: skip
    Processing(
        _("Trafficking victim support"),
        _("Give the support of Art. 37 of Luật 53/2024/QH15."),
        _("Legal duty: Luật 53/2024/QH15, Art. 37; Nghị định 162/2025/NĐ-CP."),
        _("Identification status, place, support ledger."),
        _("The case team only."),
        _("As the case."),
    ),
    Processing(
        _("Statistics"),
        _("The statutory counts and the National Strategy's indicators."),
        _("Legal duty: the statistical reporting regime; anonymised data only."),
        _(
            "Counts by commune, month or year, form of violence, sex and age band; cells under 5 "
            "suppressed."
        ),
        _("Statistics viewers, the standing office, leaders, the reports."),
        _("Without limit (anonymous)."),
    ),  # fmt: skip
    Processing(
        _("Access log"),
        _("Show who read which case, when and why; detect a read outside the rules."),
        _("Legal duty: protection of sensitive personal data (Luật 91/2025/QH15)."),
        _("User, time, case code, sections, reason."),
        _("Case supervisors (auditors) and the data-protection contact."),
        _("Without limit (append-only)."),
    ),
)
