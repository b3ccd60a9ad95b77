from decimal import Decimal

import pytest
from django.http import Http404

from binhdang.documents import selectors, services
from binhdang.documents.models import ReportStatus
from binhdang.reporting.models import SubmissionStatus

from .fixtures import TEXT_A, TEXT_W, add_submission, make_round

pytestmark = pytest.mark.django_db


def test_it_sums_figures_in_the_database_and_computes_ratios_from_sums(world):
    rnd = make_round(world)
    figures = selectors.round_figures(world.standing_office, rnd)
    by_code = {f.code: f for f in figures.fields}
    assert by_code["participants"].total == Decimal(425)  # 300 + 125; commune B not accepted
    assert by_code["participants_women"].total == Decimal(281)
    # 281 / 425 = 66.1 %, not the mean of 60.0 % and 80.8 %
    assert by_code["participants_women_pct"].total == Decimal("66.1")


def test_it_writes_each_units_sentences_attributed_bodies_before_communes(world):
    rnd = make_round(world)
    report = services.compile_report(actor=world.standing_office, round=rnd)
    section = report.sections.get(number="1", part="done")
    text = section.compiled_text
    assert f"- {TEXT_W}" in text
    assert f"- {TEXT_A}" in text  # already opens with its name: not prefixed twice
    # no heading per kind of unit: district bodies come before communes
    assert "Ủy ban nhân dân các xã, thị trấn:" not in text
    assert text.index("Hội Liên hiệp") < text.index("Xã Phú Linh")
    assert "Kim Thạch" not in text  # submitted but not accepted
    assert [s["unit"] for s in section.sources] == ["Hội Liên hiệp Phụ nữ huyện", "Xã Phú Linh"]


def test_it_lists_units_that_have_not_reported(world):
    rnd = make_round(world)
    figures = selectors.round_figures(world.standing_office, rnd)
    assert {u.name for u in figures.missing} == {
        "Xã Kim Thạch",
        "Phòng Lao động - Thương binh và Xã hội huyện",
    }


def test_it_keeps_the_office_edits_and_shows_a_late_submission_as_new(world):
    rnd = make_round(world)
    office = world.standing_office
    report = services.compile_report(actor=office, round=rnd)
    section = report.sections.get(number="1", part="done")
    services.section_edit(
        actor=office, report=report, section_id=section.pk, text="Văn bản của văn phòng."
    )
    # Kim Thạch's late report is accepted after the compilation
    add_submission(rnd, world.commune_b, "Xã Kim Thạch bổ sung báo cáo muộn.", {"participants": 50})
    services.compile_report(actor=office, round=rnd)
    section.refresh_from_db()
    assert section.edited_text == "Văn bản của văn phòng."
    assert section.text == "Văn bản của văn phòng."
    assert [p["unit"] for p in section.pending] == ["Xã Kim Thạch"]
    assert "bổ sung báo cáo muộn" in section.compiled_text
    services.section_take_pending(
        actor=office, report=report, section_id=section.pk, unit_id=world.commune_b.pk, insert=True
    )
    section.refresh_from_db()
    assert section.pending == []
    assert section.edited_text == "Văn bản của văn phòng.\n- Xã Kim Thạch bổ sung báo cáo muộn."


def test_it_does_not_flag_unchanged_units_as_new(world):
    rnd = make_round(world)
    office = world.standing_office
    report = services.compile_report(actor=office, round=rnd)
    section = report.sections.get(number="1", part="done")
    services.section_edit(actor=office, report=report, section_id=section.pk, text="Sửa.")
    services.compile_report(actor=office, round=rnd)
    section.refresh_from_db()
    assert section.pending == []


def test_it_follows_the_compiled_text_until_the_office_edits(world):
    rnd = make_round(world)
    report = services.compile_report(actor=world.standing_office, round=rnd)
    add_submission(rnd, world.commune_b, "Báo cáo muộn của Kim Thạch.", {"participants": 50})
    services.compile_report(actor=world.standing_office, round=rnd)
    section = report.sections.get(number="1", part="done")
    assert "Báo cáo muộn của Kim Thạch (xã Kim Thạch)." in section.text
    assert section.pending == []


def test_it_defaults_the_header_from_the_round(world):
    rnd = make_round(world)
    report = services.compile_report(actor=world.standing_office, round=rnd)
    assert report.issuing_agency == "Ủy ban nhân dân huyện Vị Xuyên"
    # A People's Committee has no line above its name (Decree 30, Phụ lục I).
    assert report.parent_agency == ""
    assert report.number_symbol == "/BC-UBND"
    assert report.authority_lines()[0] == "TM. ỦY BAN NHÂN DÂN"
    assert report.place == "Vị Xuyên" or report.place


def test_it_refuses_compiling_to_units_without_the_permission(world):
    rnd = make_round(world)
    for user in (world.reporter_a, world.leader, world.viewer, world.outsider):
        with pytest.raises(Http404):
            services.compile_report(actor=user, round=rnd)


def test_it_finalises_only_when_nothing_new_is_waiting(world):
    rnd = make_round(world)
    office = world.standing_office
    report = services.compile_report(actor=office, round=rnd)
    section = report.sections.get(number="1", part="done")
    services.section_edit(actor=office, report=report, section_id=section.pk, text="Sửa.")
    add_submission(rnd, world.commune_b, "Muộn.", {"participants": 1})
    services.compile_report(actor=office, round=rnd)
    with pytest.raises(services.DocumentError):
        services.report_finalise(actor=world.leader, report=report)
    services.section_take_pending(
        actor=office, report=report, section_id=section.pk, unit_id=world.commune_b.pk, insert=False
    )
    report = services.report_finalise(actor=world.leader, report=report)
    assert report.status == ReportStatus.FINAL
    with pytest.raises(services.DocumentError):
        services.compile_report(actor=office, round=rnd)


def test_it_records_a_sending_outside_the_system(world):
    import datetime

    rnd = make_round(world)
    office = world.standing_office
    report = services.compile_report(actor=office, round=rnd)
    with pytest.raises(services.DocumentError):
        services.send_record_add(
            actor=office, report=report, sent_on=datetime.date(2023, 12, 8), channel="email"
        )
    services.report_finalise(actor=office, report=report)
    services.send_record_add(
        actor=office, report=report, sent_on=datetime.date(2023, 12, 8), channel="ioffice",
        reference="Văn bản đi số 125",
    )  # fmt: skip
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT
    assert report.send_records.get().reference == "Văn bản đi số 125"


def test_it_writes_text_several_units_sent_alike_once(world):
    rnd = make_round(world)
    add_submission(rnd, world.commune_b, "Thiếu kinh phí.", {"participants": 1})
    add_submission(rnd, world.commune_a, "Thiếu kinh phí.", {"participants": 1})
    report = services.compile_report(actor=world.standing_office, round=rnd)
    text = report.sections.get(number="1", part="done").compiled_text
    assert text.count("Thiếu kinh phí") == 1
    assert "- Thiếu kinh phí (các xã Kim Thạch và Phú Linh)." in text


def test_it_ignores_returned_and_draft_submissions(world):
    rnd = make_round(world)
    add_submission(
        rnd, world.labour_office, "Nháp", {"participants": 7}, status=SubmissionStatus.DRAFT
    )
    figures = selectors.round_figures(world.standing_office, rnd)
    assert {f.code: f.total for f in figures.fields}["participants"] == Decimal(425)


def test_it_puts_a_draft_report_in_the_work_of_those_who_sign_or_finish_it(world, login):
    rnd = make_round(world)
    services.compile_report(actor=world.standing_office, round=rnd)
    report_url = f"/documents/rounds/{rnd.pk}/"
    for user in (world.leader, world.standing_office):
        assert report_url in login(user).get("/").content.decode()
    for user in (world.reporter_a, world.viewer, world.outsider):
        assert report_url not in login(user).get("/").content.decode()


def test_a_draft_consolidated_report_is_for_its_compilers_and_signers(world, client):
    from django.urls import reverse

    from binhdang.documents import services as documents
    from binhdang.documents.models import ConsolidatedReport

    rnd = make_round(world)
    report = documents.compile_report(actor=world.standing_office, round=rnd)
    section = report.sections.order_by("position").first()
    documents.section_edit(
        actor=world.standing_office, report=report, section_id=section.pk, text="Bản thảo của phòng"
    )
    page = reverse("documents:round", kwargs={"round_id": rnd.pk})
    api = f"/api/v1/documents/rounds/{rnd.pk}/report"
    for user in (world.standing_office, world.leader):
        client.force_login(user)
        assert "Bản thảo của phòng" in client.get(page).content.decode()
        assert client.get(api).json()["text_hidden"] is False
    client.force_login(world.viewer)
    html = client.get(page).content.decode()
    assert 'id="report-hidden"' in html and "Bản thảo của phòng" not in html
    data = client.get(api).json()
    assert data["text_hidden"] is True and data["sections"] == []
    assert data["units_accepted"] == 2  # the accepted reports are the viewer's to read anyway

    documents.report_finalise(
        actor=world.standing_office, report=ConsolidatedReport.objects.get(pk=report.pk)
    )
    assert "Bản thảo của phòng" in client.get(page).content.decode()
    assert client.get(api).json()["text_hidden"] is False
