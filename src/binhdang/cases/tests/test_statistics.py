"""Tests 12 and 13: statistics carry no personal field and suppress small cells with a
complementary cell; the indicator of survivors who accessed a basic service."""

from datetime import date

from django.urls import reverse
from django.utils import timezone

from binhdang.cases import services, statistics

from .conftest import incident_values


def test_a_cell_under_five_is_suppressed_with_a_complementary_cell():
    cells = statistics.suppress([[3], [7], [12], [0]])
    assert cells == [[None], [None], [12], [0]]


def test_complementary_suppression_covers_rows_and_columns():
    cells = statistics.suppress([[2, 8, 9], [6, 7, 10], [5, 6, 11]])
    hidden = [(r, c) for r, row in enumerate(cells) for c, v in enumerate(row) if v is None]
    assert (0, 0) in hidden
    for r in range(3):
        assert sum(1 for c in range(3) if (r, c) in hidden) != 1
    for c in range(3):
        assert sum(1 for r in range(3) if (r, c) in hidden) != 1


def test_nothing_is_suppressed_when_every_cell_is_five_or_more():
    assert statistics.suppress([[5], [9]]) == [[5], [9]]


def _survivors(cw, open_case, n):
    return [open_case(name=f"Người {i}", phone=f"09120000{i:02d}", id_number="") for i in range(n)]


def test_fixture_ten_survivors_six_provided_one_declined_one_pending_is_sixty_percent(
    cw, open_case, login
):
    cases = _survivors(cw, open_case, 10)
    for case in cases[:6]:
        services.service_record(actor=cw.worker_a, case=case, service_type="psychosocial",
                                status="provided", on=date(2026, 11, 25))  # fmt: skip
    services.service_record(actor=cw.worker_a, case=cases[6], service_type="health",
                            status="declined", on=date(2026, 11, 25))  # fmt: skip
    services.consent_record(actor=cw.worker_a, case=cases[7], given_by="self", services=True,
                            reporting=False, referral_types=["trusted_address"],
                            given_on=date(2026, 11, 25))  # fmt: skip
    services.referral_create(actor=cw.worker_a, case=cases[7], service_type="trusted_address",
                             recipient_unit=cw.trusted_address, shared_sections=[])  # fmt: skip
    # a second service to one survivor still counts her once
    services.service_record(actor=cw.worker_a, case=cases[0], service_type="health",
                            status="provided", on=date(2026, 11, 26))  # fmt: skip
    unit_ids = [cw.world.commune_a.pk]
    assert statistics.service_access(unit_ids) == (6, 10)
    assert str(statistics.service_access_percent(unit_ids)) == "60.0"
    html = login(cw.stats).get(reverse("cases:statistics")).content.decode()
    assert "60,0%" in html and "(6/10)" in html


def test_consent_does_not_govern_counting(cw, open_case):
    _survivors(cw, open_case, 3)
    assert statistics.service_access([cw.world.commune_a.pk]) == (0, 3)


def test_the_statistics_page_carries_no_personal_field(cw, open_case, login):
    cases = _survivors(cw, open_case, 6)
    for case in cases:
        services.incident_record(actor=cw.worker_a, case=case, **incident_values())
    html = login(cw.stats).get(reverse("cases:statistics")).content.decode()
    for case in cases:
        assert case.code not in html
    for text in ("Người 1", "0912000001", "Trần Văn Nam", "20/11/2026", "/11/2026"):
        assert text not in html
    tables = statistics.tables([cw.world.commune_a.pk])
    by_form = next(t for t in tables if t.row_labels and t.column_labels == [t.column_labels[0]]
                   and len(t.row_labels) == 4)  # fmt: skip
    assert by_form.totals[0] == 6 and by_form.cells[0] == [6]


def test_the_figures_count_per_unit_in_a_window(cw, open_case):
    cases = _survivors(cw, open_case, 2)
    services.service_record(actor=cw.worker_a, case=cases[0], service_type="health",
                            status="already_received", on=date(2026, 11, 25))  # fmt: skip
    today = timezone.localdate(cases[0].created_at)
    unit = cw.world.commune_a.pk
    assert statistics.detected_by_unit([unit], today, today) == {unit: 2}
    assert statistics.served_by_unit([unit], None, None) == {unit: 1}
    assert statistics.detected_by_unit([unit], date(2020, 1, 1), date(2020, 12, 31)) == {}


def test_the_figures_are_in_the_shells_registry_for_the_indicators():
    from binhdang.core.registry import figure

    detected, served = figure("cases.detected"), figure("cases.served")
    assert (detected.data_element, served.data_element) == ("GBV_DETECTED", "GBV_SERVED")
    assert detected.compute is statistics.detected_by_unit


def test_the_statistics_download_as_an_editable_workbook_suppressed(cw, open_case, login):
    from io import BytesIO

    from openpyxl import load_workbook

    cases = _survivors(cw, open_case, 7)
    for case in cases[:2]:
        services.incident_record(actor=cw.worker_a, case=case,
                                 **incident_values(violence_form="economic"))  # fmt: skip
    for case in cases[2:]:
        services.incident_record(actor=cw.worker_a, case=case, **incident_values())
    response = login(cw.stats).get(reverse("cases:statistics_export"))
    ws = load_workbook(BytesIO(response.content)).active
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    start = [r[0] for r in rows].index("Số vụ việc theo hình thức bạo lực") + 2
    forms = [r[:2] for r in rows[start : start + 4]]
    # 2 economic is under 5; the 5 physical is hidden with it, else 7 - 5 would tell it
    assert forms == [["Thể chất", "x"], ["Tinh thần", 0], ["Tình dục", 0], ["Kinh tế", "x"]]
    frames = [r[:2] for r in rows[[r[0] for r in rows].index("Số ca theo khung pháp lý") + 2 :][:1]]
    assert frames == [["Bạo lực gia đình", 7]]
    text = str(rows)
    assert all(c.code not in text for c in cases) and "Người 1" not in text
