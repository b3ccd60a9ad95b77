"""The reporting regime of a round (Decree 09/2019/NĐ-CP): report type, cut-off window,
outline and how reports are sent, from the form to the page, the API and the documents."""

import datetime
import importlib

import pytest

from binhdang.reporting import services
from binhdang.reporting.models import ReportingRound, ReportType
from binhdang.reporting.regime import cutoff_sentence, cutoff_window, in_window

from .factories import make_round
from .test_round_create import _data

D = datetime.date


@pytest.mark.parametrize(
    ("frequency", "year", "number", "start", "end"),
    [
        ("year", 2023, None, D(2022, 12, 15), D(2023, 12, 14)),
        ("year", 2024, 3, D(2023, 12, 15), D(2024, 12, 14)),  # a year ignores the number
        ("half", 2023, 1, D(2022, 12, 15), D(2023, 6, 14)),
        ("half", 2023, 2, D(2023, 6, 15), D(2023, 12, 14)),
        ("quarter", 2024, 1, D(2023, 12, 15), D(2024, 3, 14)),
        ("quarter", 2024, 2, D(2024, 3, 15), D(2024, 6, 14)),
        ("quarter", 2024, 3, D(2024, 6, 15), D(2024, 9, 14)),
        ("quarter", 2024, 4, D(2024, 9, 15), D(2024, 12, 14)),
        ("month", 2024, 1, D(2023, 12, 15), D(2024, 1, 14)),
        ("month", 2024, 3, D(2024, 2, 15), D(2024, 3, 14)),  # across a leap February
        ("month", 2023, 12, D(2023, 11, 15), D(2023, 12, 14)),
    ],
)
def test_it_computes_the_cutoff_window_of_a_period(frequency, year, number, start, end):
    assert cutoff_window(frequency, year, number) == (start, end)


@pytest.mark.parametrize(
    ("frequency", "number"), [("quarter", None), ("quarter", 5), ("month", 0), ("week", 1)]
)
def test_it_refuses_a_period_that_does_not_exist(frequency, number):
    with pytest.raises(ValueError):
        cutoff_window(frequency, 2024, number)


def test_consecutive_months_leave_no_day_out():
    windows = [cutoff_window("month", 2024, m) for m in range(1, 13)]
    for (_, end), (start, _) in zip(windows, windows[1:], strict=False):
        assert start == end + datetime.timedelta(days=1)
    assert windows[0][0] == cutoff_window("year", 2024)[0]
    assert windows[-1][1] == cutoff_window("year", 2024)[1]


@pytest.mark.django_db
def test_a_new_round_stores_the_window_of_its_period(world):
    reporting_round = make_round(world)
    reporting_round.refresh_from_db()
    assert reporting_round.report_type == ReportType.PERIODIC
    assert (reporting_round.cutoff_from, reporting_round.cutoff_to) == (
        D(2022, 12, 15),
        D(2023, 12, 14),
    )
    assert cutoff_sentence(reporting_round) == (
        "Số liệu tính từ ngày 15/12/2022 đến ngày 14/12/2023."
    )


@pytest.mark.django_db
def test_the_service_refuses_a_window_that_ends_before_it_starts(world):
    with pytest.raises(services.ReportingError):
        make_round(world, cutoff_from=D(2023, 12, 14), cutoff_to=D(2023, 1, 1))
    assert not ReportingRound.objects.exists()


@pytest.mark.django_db
def test_it_counts_records_inside_the_window_only(world):
    reporting_round = make_round(world)
    from binhdang.audit.models import AuditEntry

    assert AuditEntry.objects.filter(in_window(reporting_round, "at__date")).count() == 0
    reporting_round.cutoff_from = D(2000, 1, 1)
    reporting_round.cutoff_to = D(2100, 1, 1)
    assert AuditEntry.objects.filter(in_window(reporting_round, "at__date")).count() >= 1


@pytest.mark.django_db
def test_the_office_states_the_regime_on_the_form_and_reads_it_on_the_page(world, login):
    client = login(world.standing_office)
    page = client.get("/rounds/new/").content.decode()
    assert 'name="report_type"' in page and 'name="delivery_method"' in page
    response = client.post(
        "/rounds/new/",
        _data(
            world,
            title="Báo cáo chuyên đề quý 1 năm 2024",
            report_type="thematic",
            period_type="quarter",
            period_number="1",
            opens_on="01/01/2024",
            deadline="20/03/2024",
            delivery_method="Văn bản giấy và bản mềm qua hộp thư điện tử ldtbxh@example.vn",
            report_template="Đề cương kèm theo Công văn số 760/UBND-LĐTBXH",
        ),
    )
    assert response.status_code == 302
    created = ReportingRound.objects.get()
    assert created.report_type == ReportType.THEMATIC
    assert (created.cutoff_from, created.cutoff_to) == (D(2023, 12, 15), D(2024, 3, 14))
    assert created.delivery_method.startswith("Văn bản giấy")
    detail = client.get(f"/rounds/{created.slug}/").content.decode()
    assert "Chuyên đề" in detail
    assert "15/12/2023" in detail and "14/03/2024" in detail
    assert "Văn bản giấy và bản mềm" in detail
    assert "Đề cương kèm theo Công văn số 760/UBND-LĐTBXH" in detail


@pytest.mark.django_db
def test_the_office_may_state_its_own_window(world, login):
    client = login(world.standing_office)
    client.post(
        "/rounds/new/",
        _data(world, report_type="ad_hoc", cutoff_from="01/06/2024", cutoff_to="30/06/2024"),
    )
    created = ReportingRound.objects.get()
    assert (created.cutoff_from, created.cutoff_to) == (D(2024, 6, 1), D(2024, 6, 30))


@pytest.mark.django_db
def test_it_refuses_a_window_ending_before_it_starts_with_a_message(world, login):
    client = login(world.standing_office)
    response = client.post(
        "/rounds/new/", _data(world, cutoff_from="14/12/2024", cutoff_to="01/12/2024")
    )
    assert response.status_code == 200
    assert "cutoff_to" in response.context["form"].errors
    assert "không được trước ngày bắt đầu" in response.content.decode()
    assert not ReportingRound.objects.exists()


@pytest.mark.django_db
def test_the_api_shows_the_regime(world, login):
    reporting_round = make_round(world, delivery_method="Bản mềm qua hộp thư điện tử")
    client = login(world.standing_office)
    body = client.get(f"/api/v1/reporting/rounds/{reporting_round.slug}").json()
    assert body["report_type"] == "periodic"
    assert body["cutoff_from"] == "2022-12-15"
    assert body["cutoff_to"] == "2023-12-14"
    assert body["delivery_method"] == "Bản mềm qua hộp thư điện tử"
    assert "report_template" in body


@pytest.mark.django_db
def test_the_migration_gives_existing_rounds_the_window_of_their_period(world):
    reporting_round = make_round(world)
    ReportingRound.objects.filter(pk=reporting_round.pk).update(
        cutoff_from=None, cutoff_to=None, period_type="quarter", period_number=4
    )
    migration = importlib.import_module("binhdang.reporting.migrations.0003_round_reporting_regime")
    from django.apps import apps

    migration.fill_windows(apps, None)
    reporting_round.refresh_from_db()
    assert (reporting_round.cutoff_from, reporting_round.cutoff_to) == (
        D(2023, 9, 15),
        D(2023, 12, 14),
    )


@pytest.mark.django_db
def test_the_office_changes_the_regime_on_the_round_page(world, login):
    from binhdang.audit.models import AuditEntry
    from tests.html_forms import form

    reporting_round = make_round(world)
    client = login(world.standing_office)
    page = client.get(f"/rounds/{reporting_round.slug}/")
    regime = form(page.content, action="/regime/")
    assert regime.value("cutoff_from") == "15/12/2022"  # the stored window, shown as read
    response = client.post(
        f"/rounds/{reporting_round.slug}/regime/",
        regime.data(
            report_type="ad_hoc",
            cutoff_to="30/11/2023",
            delivery_method="Qua Hệ thống thông tin báo cáo của tỉnh",
        ),
    )
    assert response.status_code == 302
    reporting_round.refresh_from_db()
    assert reporting_round.report_type == ReportType.AD_HOC
    assert (reporting_round.cutoff_from, reporting_round.cutoff_to) == (
        D(2022, 12, 15),
        D(2023, 11, 30),
    )
    assert reporting_round.delivery_method == "Qua Hệ thống thông tin báo cáo của tỉnh"
    entry = AuditEntry.objects.get(action="round.regime_update")
    assert entry.changes["cutoff_to"] == ["2023-12-14", "2023-11-30"]


@pytest.mark.django_db
def test_a_bad_window_on_the_round_page_changes_nothing(world, login):
    from tests.html_forms import form

    reporting_round = make_round(world)
    client = login(world.standing_office)
    regime = form(client.get(f"/rounds/{reporting_round.slug}/").content, action="/regime/")
    shown = client.post(
        f"/rounds/{reporting_round.slug}/regime/",
        regime.data(cutoff_from="14/12/2023", cutoff_to="01/01/2023"),
        follow=True,
    )
    assert "không được trước ngày bắt đầu" in shown.content.decode()
    reporting_round.refresh_from_db()
    assert reporting_round.cutoff_to == D(2023, 12, 14)


@pytest.mark.django_db
def test_a_reporter_cannot_change_the_regime(world, login):
    reporting_round = make_round(world)
    response = login(world.reporter_a).post(
        f"/rounds/{reporting_round.slug}/regime/", {"report_type": "ad_hoc"}
    )
    assert response.status_code == 404
    reporting_round.refresh_from_db()
    assert reporting_round.report_type == ReportType.PERIODIC
    assert 'action="/rounds/bdg-2023/regime/"' not in (
        login(world.reporter_a).get(f"/rounds/{reporting_round.slug}/").content.decode()
    )


@pytest.mark.django_db
def test_a_closed_round_keeps_its_regime(world):
    reporting_round = make_round(world)
    services.round_close(actor=world.standing_office, reporting_round=reporting_round)
    with pytest.raises(services.ReportingError):
        services.round_regime_update(
            actor=world.standing_office,
            reporting_round=reporting_round,
            report_type="ad_hoc",
            cutoff_from=None,
            cutoff_to=None,
        )
    reporting_round.refresh_from_db()
    assert reporting_round.report_type == ReportType.PERIODIC
