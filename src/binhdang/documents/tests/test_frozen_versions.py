"""A signed report never changes: finalising freezes a version (the built document's data and
its files with their SHA-256); reports accepted later are listed as arrived after
finalisation and go into a new version only after a reopening with a reason. Every button is
pressed through the page with the values it renders; ids are above 100,000."""

from __future__ import annotations

import hashlib
import re
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.documents import selectors, services
from binhdang.documents.engine import pdf_available
from binhdang.documents.models import ConsolidatedReport, DocumentJob, JobStatus, ReportStatus
from binhdang.reporting import services as reporting
from binhdang.reporting.models import (
    TZ,
    ExpectedUnit,
    FormSection,
    NumericField,
    ReportingRound,
    RoundStatus,
    SubmissionStatus,
)
from tests.html_forms import forms_to

from .fixtures import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _url(rnd) -> str:
    return reverse("documents:round", kwargs={"round_id": rnd.pk})


def _page(client, rnd) -> str:
    response = client.get(_url(rnd))
    assert response.status_code == 200
    return response.content.decode()


def _press(client, form, button=None, **typed):
    assert form.method == "post"
    return client.post(form.action, form.data(button, **typed))


def _status_form(html, rnd, action: str):
    found = [
        f
        for f in forms_to(html, reverse("documents:status", kwargs={"round_id": rnd.pk}))
        if f.value("action") == action
    ]
    return found[0] if found else None


def _compile_and_finalise(login, world, rnd):
    office = login(world.standing_office)
    (compile_form,) = forms_to(
        _page(office, rnd), reverse("documents:compile", kwargs={"round_id": rnd.pk})
    )
    assert _press(office, compile_form).status_code == 302
    leader = login(world.leader)
    assert _status_form(_page(leader, rnd), rnd, "reopen") is None  # the leader does not reopen
    finalise = _status_form(_page(leader, rnd), rnd, "finalise")
    assert _press(leader, finalise).status_code == 302
    report = ConsolidatedReport.objects.get(round=rnd)
    assert report.status == ReportStatus.FINAL
    return report


def _shown_hashes(html) -> dict[str, str]:
    return dict(re.findall(r'<code class="doc-hash" data-fmt="(\w+)">([0-9a-f]{64})</code>', html))


def _arrivals(html) -> str:
    start = html.index('id="arrivals"')
    return html[start : html.index("</section>", start)]


def _version_link(html, rnd, number: int, fmt: str) -> str:
    url = reverse(
        "documents:version_download", kwargs={"round_id": rnd.pk, "number": number, "fmt": fmt}
    )
    assert f'href="{url}"' in html
    return url


def _job_download(client, html, fmt: str) -> bytes:
    """Press the page's job button for `fmt` and download what the job produced."""
    (form,) = [f for f in forms_to(html, reverse("documents:job_create")) if f.value("fmt") == fmt]
    before = set(DocumentJob.objects.values_list("pk", flat=True))
    response = _press(client, form)
    assert response.status_code == 302
    (job,) = DocumentJob.objects.exclude(pk__in=before)
    assert (job.kind, job.target_id, job.fmt) == (
        form.value("kind"),
        int(form.value("target")),
        fmt,
    )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    response = client.get(reverse("documents:download", kwargs={"pk": job.pk}))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_it_freezes_the_report_and_every_later_download_is_the_same_bytes(world, login, media):
    rnd = make_round(world)
    report = _compile_and_finalise(login, world, rnd)
    assert report.pk > 100_000
    version = report.frozen_version
    assert version.number == 1
    assert set(version.received) == {
        str(pk)
        for pk in rnd.submissions.filter(status=SubmissionStatus.ACCEPTED).values_list(
            "pk", flat=True
        )
    }

    office = login(world.standing_office)
    html = _page(office, rnd)
    hashes = _shown_hashes(html)
    assert set(hashes) == {"docx", "xlsx"}
    files = {f.fmt: f for f in version.files.all()}
    assert {fmt: f.sha256 for fmt, f in files.items()} == hashes
    docx_url = _version_link(html, rnd, 1, "docx")
    first = office.get(docx_url).content
    assert hashlib.sha256(first).hexdigest() == hashes["docx"]
    assert _job_download(office, html, "docx") == first
    xlsx_first = _job_download(office, html, "xlsx")
    assert hashlib.sha256(xlsx_first).hexdigest() == hashes["xlsx"]

    # Kim Thạch's report (999 participants) is accepted after the finalisation.
    kim_thach = rnd.submissions.get(org_unit=world.commune_b)
    reporting.submission_accept(actor=world.standing_office, submission=kim_thach)
    live = {f.code: f.total for f in selectors.round_figures(world.standing_office, rnd).fields}
    assert live["participants"] == Decimal(1424)

    html = _page(office, rnd)
    assert _shown_hashes(html) == hashes
    assert office.get(docx_url).content == first
    assert _job_download(office, html, "docx") == first
    assert _job_download(office, html, "xlsx") == xlsx_first
    # The page shows the frozen figures and coverage, and the late arrival apart.
    figures = html[html.index("doc-figures") :]
    assert ">425<" in figures and "1.424" not in html
    coverage = re.search(r'<p id="coverage">(.*?)</p>', html, re.S).group(1)
    assert re.search(r"\b2\b", coverage) and re.search(r"\b4\b", coverage)
    arrivals = _arrivals(html)
    assert "Xã Kim Thạch" in arrivals and "Nhận sau khi hoàn chỉnh" in arrivals
    # The API says the same.
    api = office.get(f"/api/v1/documents/rounds/{rnd.pk}/report").json()
    assert api["units_accepted"] == 2 and api["version"] == 1
    assert {f["fmt"]: f["sha256"] for f in api["files"]} == hashes


def test_it_keeps_version_one_byte_for_byte_after_a_reopening_and_version_two(world, login, media):
    rnd = make_round(world)
    report = _compile_and_finalise(login, world, rnd)
    office = login(world.standing_office)
    html = _page(office, rnd)
    v1_docx = office.get(_version_link(html, rnd, 1, "docx")).content
    v1_xlsx = office.get(_version_link(html, rnd, 1, "xlsx")).content
    reporting.submission_accept(
        actor=world.standing_office, submission=rnd.submissions.get(org_unit=world.commune_b)
    )

    # Pressing "Reopen" without a reason changes nothing.
    html = _page(office, rnd)
    reopen = _status_form(html, rnd, "reopen")
    assert reopen is not None and reopen.value("reason") == ""
    response = _press(office, reopen)
    report.refresh_from_db()
    assert report.status == ReportStatus.FINAL
    followed = office.get(response["Location"]).content.decode()
    assert "Ghi rõ lý do mở lại báo cáo." in followed

    reason = "Bổ sung báo cáo của Xã Kim Thạch được tiếp nhận sau khi hoàn thiện."
    assert _press(office, reopen, reason=reason).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT
    v1 = report.versions.get(number=1)
    assert v1.reopen_reason == reason and v1.reopened_by == world.standing_office
    entry = AuditEntry.objects.filter(action="consolidated_report.reopen").get()
    assert entry.changes["reason"] == reason and entry.changes["version"] == 1

    report = _compile_and_finalise(login, world, rnd)
    v2 = report.frozen_version
    assert v2.number == 2
    html = _page(office, rnd)
    assert office.get(_version_link(html, rnd, 1, "docx")).content == v1_docx
    assert office.get(_version_link(html, rnd, 1, "xlsx")).content == v1_xlsx
    v2_docx = office.get(_version_link(html, rnd, 2, "docx")).content
    assert v2_docx != v1_docx
    assert hashlib.sha256(v2_docx).hexdigest() == _shown_hashes(html)["docx"]
    # Version 2 holds Kim Thạch; figures of 1,000 and more read with a thousands dot.
    figures = html[html.index("doc-figures") :]
    assert ">1.424<" in figures
    assert "Xã Kim Thạch" not in _arrivals(html)
    assert 'id="version-1"' in html and reason in html


def _province_round(world, rnd):
    from binhdang.accounts.models import Membership, User
    from binhdang.orgunits.models import Kind, OrgUnit

    office_unit = OrgUnit.objects.create(
        name="Sở Lao động - Thương binh và Xã hội", kind=Kind.DEPARTMENT, parent=world.province
    )
    province = ReportingRound.objects.create(
        title="Báo cáo kết quả công tác bình đẳng giới năm 2023 (tỉnh)", slug="bdg-2023-tinh",
        owner_unit=world.province, standing_office=office_unit, period_year=2023,
        opens_on=date(2023, 4, 6), deadline=date(2023, 12, 15), status=RoundStatus.OPEN,
    )  # fmt: skip
    for section in rnd.sections.all():
        FormSection.objects.create(
            round=province, number=section.number, title=section.title,
            position=section.position, parts=section.parts,
        )  # fmt: skip
    s1 = province.sections.get(number="1")
    total = NumericField.objects.create(
        round=province, section=s1, code="participants", label="Số lượt người tham gia",
        unit_of_measure="lượt người", position=1,
    )  # fmt: skip
    NumericField.objects.create(
        round=province, section=s1, code="participants_women", label="Trong đó: nữ",
        unit_of_measure="lượt người", part_of=total, position=2,
    )  # fmt: skip
    ExpectedUnit.objects.create(round=province, org_unit=world.district)
    user = User.objects.create_user(username="so_ldtbxh", password="pw", full_name="Sở")
    Membership.objects.create(
        user=user, org_unit=world.province, role="standing_office", scope="subtree"
    )
    return province, user


def _upward_form(html, rnd):
    (form,) = forms_to(html, reverse("documents:submit_upward", kwargs={"round_id": rnd.pk}))
    return form


def test_it_dates_the_upward_submission_by_its_sending_day_not_the_clock(world, login, media):
    rnd = make_round(world)
    report = _compile_and_finalise(login, world, rnd)
    province, _office = _province_round(world, rnd)
    with pytest.raises(services.DocumentError):
        services.report_submit_upward(
            actor=world.standing_office, report=report, parent_round=province,
            sent_on=date(2099, 1, 1),
        )  # fmt: skip
    submission = services.report_submit_upward(
        actor=world.standing_office, report=report, parent_round=province,
        sent_on=date(2023, 12, 8),
    )  # fmt: skip
    assert submission.first_submitted_at.astimezone(TZ).date() == date(2023, 12, 8)
    assert submission.is_late is False
    record = report.send_records.get(channel="system")
    assert record.sent_on == date(2023, 12, 8)
    assert record.version == report.frozen_version


def test_it_sends_upward_the_frozen_figures_through_the_page(world, login, media):
    rnd = make_round(world)
    report = _compile_and_finalise(login, world, rnd)
    province, _office = _province_round(world, rnd)
    assert province.pk > 100_000
    reporting.submission_accept(
        actor=world.standing_office, submission=rnd.submissions.get(org_unit=world.commune_b)
    )
    office = login(world.standing_office)
    form = _upward_form(_page(office, rnd), rnd)
    assert form.value("parent_round") == str(province.pk)
    # A date in the future: a clear message, nothing sent.
    response = _press(office, form, sent_on="2099-01-01")
    assert province.submissions.count() == 0
    assert (
        "Ngày gửi không được sau ngày hôm nay." in office.get(response["Location"]).content.decode()
    )
    # The office types the day the signed report left: 08/12/2023.
    assert _press(office, form, sent_on="2023-12-08").status_code == 302
    submission = province.submissions.get(org_unit=world.district)
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.is_late is False
    assert submission.first_submitted_at.astimezone(TZ).date() == date(2023, 12, 8)
    values = {v.field.code: v.value for v in submission.values.select_related("field")}
    assert values["participants"] == Decimal(425)  # the frozen figure, not today's 1,424
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT and report.upward_submission == submission


def test_it_offers_reopen_only_where_the_service_accepts_it(world, login, media):
    rnd = make_round(world)
    report = _compile_and_finalise(login, world, rnd)
    province, province_office = _province_round(world, rnd)
    office = login(world.standing_office)
    html = _page(office, rnd)
    reopen = _status_form(html, rnd, "reopen")
    assert reopen is not None
    _press(office, _upward_form(html, rnd))
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT

    # Submitted to the province: no "Reopen" button, and the reason says why.
    html = _page(office, rnd)
    assert _status_form(html, rnd, "reopen") is None
    assert 'id="no-reopen"' in html
    # A forged POST with the form as it was is refused by the service, nothing changes.
    response = _press(office, reopen, reason="Sửa lại")
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SENT
    assert not AuditEntry.objects.filter(action="consolidated_report.reopen").exists()
    assert (
        "đề nghị cơ quan thường trực cấp trên trả lại"
        in office.get(response["Location"]).content.decode()
    )
    with pytest.raises(services.DocumentError):
        services.report_reopen(actor=world.standing_office, report=report, reason="Sửa lại")

    # The province returns it: "Reopen" is offered again and works.
    reporting.submission_return(
        actor=province_office, submission=report.upward_submission, comments={},
        general="Đề nghị bổ sung số liệu.",
    )  # fmt: skip
    html = _page(office, rnd)
    reopen = _status_form(html, rnd, "reopen")
    assert reopen is not None
    assert _press(office, reopen, reason="Tỉnh trả lại để bổ sung.").status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT


def _press_every_job_button(client, html) -> set[str]:
    pressed = set()
    for form in forms_to(html, reverse("documents:job_create")):
        assert form.value("target").isdigit() and int(form.value("target")) > 100_000
        (button,) = form.buttons
        if button.disabled:
            assert form.value("fmt") == "pdf" and not pdf_available()
            continue
        data = _job_download(client, html, form.value("fmt"))
        assert data[:2] == b"PK" if form.value("fmt") != "pdf" else data[:4] == b"%PDF"
        pressed.add(form.value("fmt"))
    return pressed


def test_it_presses_every_document_job_button_of_a_draft_report(world, login, media):
    rnd = make_round(world)
    services.compile_report(actor=world.standing_office, round=rnd)
    office = login(world.standing_office)
    pressed = _press_every_job_button(office, _page(office, rnd))
    expected = {"docx", "xlsx", "zip"} | ({"pdf"} if pdf_available() else set())
    assert pressed == expected


def test_it_presses_every_document_job_button_of_a_frozen_report(world, login, media):
    rnd = make_round(world)
    report = _compile_and_finalise(login, world, rnd)
    office = login(world.standing_office)
    html = _page(office, rnd)
    expected = {"docx", "xlsx", "zip"} | ({"pdf"} if pdf_available() else set())
    assert _press_every_job_button(office, html) == expected
    version = report.frozen_version
    if pdf_available():  # the PDF was converted once from the kept Word file, and kept
        assert version.files.filter(fmt="pdf").count() == 1
        first = version.files.get(fmt="pdf")
        assert (
            _job_download(office, html, "pdf")
            == office.get(_version_link(_page(office, rnd), rnd, 1, "pdf")).content
        )
        assert version.files.get(fmt="pdf").sha256 == first.sha256
    # The package is the same bytes each time.
    assert _job_download(office, html, "zip") == _job_download(office, html, "zip")


def test_it_presses_the_job_buttons_of_a_directive_and_of_a_units_report(world, login, media):
    from .permission_cases import _directive

    rnd = make_round(world)
    directive = _directive(world)
    assert directive.pk > 100_000
    office = login(world.standing_office)
    html = office.get(reverse("documents:directive", kwargs={"pk": directive.pk})).content.decode()
    expected = {"docx"} | ({"pdf"} if pdf_available() else set())
    assert _press_every_job_button(office, html) == expected
    submission = rnd.submissions.get(org_unit=world.commune_a)
    reporter = login(world.reporter_a)
    html = reporter.get(
        reverse("documents:submission", kwargs={"pk": submission.pk})
    ).content.decode()
    assert _press_every_job_button(reporter, html) == {"docx", "xlsx"} | (
        {"pdf"} if pdf_available() else set()
    )


def test_it_keeps_a_document_as_json_and_loads_it_back_equal():
    import json

    from binhdang.documents.engine import (
        AnnexColumn,
        AnnexTable,
        DocImage,
        OfficialDocument,
        Paragraph,
        Section,
        serial,
    )

    doc = OfficialDocument(
        kind="bao_cao", issuing_agency="Ủy ban nhân dân huyện Vị Xuyên",
        number_symbol="125/BC-UBND", place="Vị Xuyên", subject="Kết quả", date=date(2023, 12, 8),
        intro_paragraphs=["Mở đầu", Paragraph("Đoạn", attribution="(Xã Phú Linh)")],
        sections=[Section("I.", "KẾT QUẢ", images=[DocImage(b"\x89PNG...", "Biểu đồ 1")])],
        annexes=[AnnexTable("Phụ lục I", [AnnexColumn("STT")], rows=[["1", 14085, 66.1, None]])],
    )  # fmt: skip
    data = json.loads(json.dumps(serial.dump(doc)))
    assert serial.load(data) == doc
    light = serial.dump(doc, pictures=False)
    image = light["sections"][0]["images"][0]
    assert image["png_sha256"] == hashlib.sha256(b"\x89PNG...").hexdigest()
    assert serial.load(light).sections[0].images[0].caption == "Biểu đồ 1"
