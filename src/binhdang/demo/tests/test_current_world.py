"""The demo's current world: Tuyên Quang after 1/7/2025, its plan and round on today's clock,
two levels (communes -> the province's Sở Nội vụ -> the ministry), and 2023 kept as history."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command

from binhdang.accounts.models import User
from binhdang.directives.models import Directive, DirectiveStatus
from binhdang.documents.models import ConsolidatedReport, ReportStatus
from binhdang.notifications.models import Notification
from binhdang.orgunits.models import AdminSet, Kind, OrgUnit
from binhdang.reporting import services
from binhdang.reporting.errors import InvalidSubmission, ReportingError
from binhdang.reporting.models import ReportingRound, RoundStatus, SubmissionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command("load-demo", stdout=out)
    return out.getvalue()


def _current_round() -> ReportingRound:
    return ReportingRound.objects.get(slug=f"kh-bdg-tuyenquang-{date.today().year}")


def test_it_builds_the_province_and_the_communes_formed_from_vi_xuyen(demo):
    province = OrgUnit.objects.get(external_id="2025:province:08")
    phu_linh = OrgUnit.objects.get(external_id="2025:ward:00706")
    assert phu_linh.parent == province and phu_linh.admin_set == AdminSet.Y2025
    assert {u.name for u in phu_linh.get_legacy_sources()} == {
        "Xã Kim Thạch", "Xã Phú Linh", "Xã Kim Linh"
    }  # fmt: skip
    communes = OrgUnit.objects.filter(parent=province, kind__in=[Kind.COMMUNE, Kind.WARD])
    assert communes.count() == 13
    bodies = set(OrgUnit.objects.filter(parent=province).values_list("name", flat=True))
    assert {"Sở Nội vụ tỉnh Tuyên Quang", "Sở Văn hóa, Thể thao và Du lịch tỉnh Tuyên Quang",
            "Sở Y tế tỉnh Tuyên Quang", "Công an tỉnh Tuyên Quang",
            "Hội Liên hiệp Phụ nữ tỉnh Tuyên Quang",
            "Ban vì sự tiến bộ của phụ nữ tỉnh Tuyên Quang"} <= bodies  # fmt: skip
    for commune in communes:
        names = set(OrgUnit.objects.filter(parent=commune).values_list("name", flat=True))
        assert f"Phòng Văn hóa - Xã hội {commune.division_type} {commune.short_name}" in names
        assert f"Công an {commune.division_type} {commune.short_name}" in names


def test_its_round_is_due_in_three_weeks_and_caught_mid_way(demo):
    reporting_round = _current_round()
    today = date.today()
    assert reporting_round.deadline == today + timedelta(days=21)
    assert reporting_round.status == RoundStatus.OPEN
    assert "dữ liệu minh họa" in reporting_round.title
    assert "dữ liệu minh họa" in reporting_round.directive.subject
    states = list(reporting_round.submissions.values_list("status", flat=True))
    assert states.count(SubmissionStatus.ACCEPTED) == 3
    assert states.count(SubmissionStatus.SUBMITTED) == 3
    assert states.count(SubmissionStatus.RETURNED) == 1
    assert states.count(SubmissionStatus.DRAFT) == 3
    expected = reporting_round.expected_rows.count()
    assert expected > len(states)  # some communes have not started
    sent = reporting_round.submissions.exclude(submitted_at=None)
    assert all(s.submitted_at.date() < today and not s.is_late for s in sent)
    returned = reporting_round.submissions.get(status=SubmissionStatus.RETURNED)
    assert returned.org_unit.name == "Xã Việt Lâm"
    assert returned.comments.exists()
    draft = reporting_round.submissions.get(org_unit__external_id="2025:ward:00706")
    assert draft.status == SubmissionStatus.DRAFT


def test_its_report_path_has_two_levels(demo):
    reporting_round = _current_round()
    province = OrgUnit.objects.get(external_id="2025:province:08")
    assert reporting_round.owner_unit == province
    assert reporting_round.standing_office.name == "Sở Nội vụ tỉnh Tuyên Quang"
    units = OrgUnit.objects.filter(expected_in_rounds=reporting_round)
    assert units.exists() and all(u.parent_id == province.pk for u in units)
    report = ConsolidatedReport.objects.get(round=reporting_round)
    assert report.status == ReportStatus.DRAFT
    assert "Bộ Nội vụ" in report.recipients


def test_the_2023_world_stays_as_the_record(demo):
    for slug in ("760-ubnd-ldtbxh-2023", "961-ubnd-vhxh-2023"):
        assert ReportingRound.objects.get(slug=slug).status == RoundStatus.CLOSED
    report = ConsolidatedReport.objects.get(round__slug="760-ubnd-ldtbxh-2023")
    assert report.status == ReportStatus.SENT
    for number in ("760/UBND-LĐTBXH", "961/UBND-VHXH"):
        assert Directive.objects.get(number_symbol=number).status == DirectiveStatus.CLOSED
    closed = report.round
    office = User.objects.get(username="thuongtruc.vixuyen")
    draft = closed.submissions.get(org_unit__name="Xã Phú Linh")
    with pytest.raises(ReportingError):
        services.submission_submit(
            actor=User.objects.get(username="baocao.phulinh"), submission=draft
        )
    missing = OrgUnit.objects.filter(name="Xã Xín Chải", admin_set=AdminSet.LEGACY)
    notifications = Notification.objects.count()
    with pytest.raises(InvalidSubmission):
        services.remind_units_now(
            actor=office, reporting_round=closed, units=missing, message="Đề nghị gửi báo cáo"
        )
    draft.refresh_from_db()
    assert draft.status == SubmissionStatus.DRAFT
    assert Notification.objects.count() == notifications


def test_the_people_of_the_current_world_see_their_work(demo, client):
    reporting_round = _current_round()
    phu_linh = OrgUnit.objects.get(external_id="2025:ward:00706")
    client.force_login(User.objects.get(username="vhxh.phulinh2025"))
    home = client.get("/").content.decode()
    assert reporting_round.title in home
    assert "760-ubnd-ldtbxh-2023" not in home
    client.force_login(User.objects.get(username="baocao.phulinh"))
    assert "Quá hạn" not in client.get("/").content.decode()  # 2023 is not overdue today
    client.force_login(User.objects.get(username="vhxh.phulinh2025"))
    page = client.get(f"/rounds/{reporting_round.slug}/units/{phu_linh.pk}/")
    assert page.status_code == 200
    client.force_login(User.objects.get(username="noivu.tuyenquang"))
    page = client.get(f"/rounds/{reporting_round.slug}/")
    assert page.status_code == 200 and "Xã Việt Lâm" in page.content.decode()
    assert client.get(f"/documents/rounds/{reporting_round.pk}/").status_code == 200


def test_it_loads_twice_without_changing_the_current_world(demo):
    counts = (OrgUnit.objects.count(), ReportingRound.objects.count(), User.objects.count())
    call_command("load-demo", stdout=StringIO())
    assert (OrgUnit.objects.count(), ReportingRound.objects.count(), User.objects.count()) == counts
