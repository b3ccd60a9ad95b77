"""A report is its unit's own work until it is sent: the standing office, the levels above,
leaders and viewers see that it exists and when it was last saved, never its text."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from binhdang.reporting import services
from binhdang.reporting.models import SubmissionStatus

from .factories import PDF_BYTES, fill, make_round

SECRET = "Nháp riêng của xã Phú Linh chưa gửi"
OUTSIDE_THE_UNIT = ("standing_office", "leader", "viewer")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _page(reporting_round, unit, name="submission"):
    return reverse(f"reporting:{name}", kwargs={"slug": reporting_round.slug, "unit_id": unit.pk})


def _api(reporting_round, unit):
    return f"/api/v1/reporting/rounds/{reporting_round.slug}/units/{unit.pk}"


def _draft(world):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text=SECRET)
    services.attachment_add(
        actor=world.reporter_a,
        submission=submission,
        uploaded=SimpleUploadedFile("du-thao.pdf", PDF_BYTES, content_type="application/pdf"),
        kind="own_report",
    )
    return reporting_round, submission


@pytest.mark.django_db
def test_it_shows_a_draft_to_its_unit_only(world, login):
    reporting_round, submission = _draft(world)
    page = _page(reporting_round, world.commune_a)
    for persona in ("reporter_a", "head_a", "admin"):
        html = login(getattr(world, persona)).get(page).content.decode()
        assert SECRET in html, persona
        assert "du-thao.pdf" in html, persona
    for persona in OUTSIDE_THE_UNIT:
        response = login(getattr(world, persona)).get(page)
        assert response.status_code == 200, persona
        html = response.content.decode()
        assert SECRET not in html and "du-thao.pdf" not in html, persona
        assert 'id="text-hidden"' in html, persona  # it exists, and when it was last saved
        assert submission.updated_at.astimezone().strftime("%d/%m/%Y") in html


@pytest.mark.django_db
def test_the_level_above_sees_neither_a_commune_s_draft(world, login):
    from binhdang.accounts.models import Membership, User

    province_office = User.objects.create_user(username="province_office", password="x")
    Membership.objects.create(
        user=province_office, org_unit=world.province, role="standing_office", scope="subtree"
    )
    reporting_round, _submission = _draft(world)
    response = login(province_office).get(_page(reporting_round, world.commune_a))
    assert response.status_code == 200
    assert SECRET not in response.content.decode()
    assert 'id="text-hidden"' in response.content.decode()


@pytest.mark.django_db
def test_the_api_gives_a_draft_s_status_and_last_save_but_not_its_text(world, login):
    reporting_round, submission = _draft(world)
    url = _api(reporting_round, world.commune_a)
    own = login(world.reporter_a).get(url).json()
    assert own["text_hidden"] is False
    assert [a["text"] for a in own["answers"]] == [SECRET]
    assert {v["code"] for v in own["values"]} == {"participants", "participants_women"}
    assert len(own["attachments"]) == 1
    for persona in OUTSIDE_THE_UNIT:
        client = login(getattr(world, persona))
        data = client.get(url).json()
        assert data["status"] == "draft" and data["text_hidden"] is True, persona
        assert data["updated_at"] is not None
        assert data["answers"] == [] and data["values"] == [] and data["attachments"] == []
        assert client.get(url + "/attachments").json() == []
        assert SECRET not in client.get(url).content.decode()


@pytest.mark.django_db
def test_a_draft_s_files_and_document_are_not_downloadable_outside_the_unit(world, login):
    reporting_round, submission = _draft(world)
    attachment = submission.attachments.get()
    file_url = reverse(
        "reporting:attachment",
        kwargs={"slug": reporting_round.slug, "unit_id": world.commune_a.pk, "pk": attachment.pk},
    )
    document = reverse("documents:submission", kwargs={"pk": submission.pk})
    assert login(world.reporter_a).get(file_url).status_code == 200
    assert login(world.reporter_a).get(document).status_code == 200
    for persona in OUTSIDE_THE_UNIT:
        client = login(getattr(world, persona))
        assert client.get(file_url).status_code == 404, persona
        assert client.get(document).status_code == 404, persona
        created = client.post(
            reverse("documents:job_create"),
            {"kind": "submission", "target": submission.pk, "fmt": "docx"},
        )
        assert created.status_code == 404, persona


@pytest.mark.django_db
def test_the_office_s_own_soft_copy_stays_visible_to_it(world, login):
    reporting_round, submission = _draft(world)
    services.attachment_add(
        actor=world.standing_office,
        submission=submission,
        uploaded=SimpleUploadedFile("ban-email.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    html = login(world.standing_office).get(_page(reporting_round, world.commune_a)).content
    assert b"ban-email.pdf" in html and b"du-thao.pdf" not in html


@pytest.mark.django_db
def test_the_text_shows_once_the_report_is_sent(world, login):
    reporting_round, submission = _draft(world)
    services.submission_submit(actor=world.reporter_a, submission=submission)
    for persona in OUTSIDE_THE_UNIT:
        client = login(getattr(world, persona))
        assert SECRET in client.get(_page(reporting_round, world.commune_a)).content.decode()
        data = client.get(_api(reporting_round, world.commune_a)).json()
        assert data["text_hidden"] is False and [a["text"] for a in data["answers"]] == [SECRET]


@pytest.mark.django_db
def test_a_report_waiting_for_the_head_is_still_the_unit_s(world, login):
    reporting_round = make_round(world, slug="can-duyet", requires_head_approval=True)
    submission = fill(world, reporting_round, text=SECRET)
    services.submission_submit(actor=world.reporter_a, submission=submission)
    assert submission.status == SubmissionStatus.AWAITING_APPROVAL
    versions = _page(reporting_round, world.commune_a, "versions")
    assert (
        SECRET in login(world.head_a).get(_page(reporting_round, world.commune_a)).content.decode()
    )
    office = login(world.standing_office)
    assert SECRET not in office.get(_page(reporting_round, world.commune_a)).content.decode()
    assert 'name="a"' not in office.get(versions).content.decode()  # no snapshot shown
    assert 'name="a" value="1"' in login(world.head_a).get(versions).content.decode()
    services.submission_approve(actor=world.head_a, submission=submission)
    assert SECRET in office.get(_page(reporting_round, world.commune_a)).content.decode()


@pytest.mark.django_db
def test_corrections_after_a_return_stay_with_the_unit_until_sent_again(world, login):
    reporting_round, submission = _draft(world)
    services.submission_submit(actor=world.reporter_a, submission=submission)
    services.submission_return(
        actor=world.standing_office, submission=submission, comments={}, general="Bổ sung số liệu"
    )
    section = reporting_round.sections.get(number="1")
    services.submission_save_draft(
        actor=world.reporter_a,
        submission=submission,
        data={"answers": {f"{section.pk}:done": "Bản sửa đang viết"}},
        expected_version=submission.version,
    )
    office = login(world.standing_office)
    assert (
        "Bản sửa đang viết"
        not in office.get(_page(reporting_round, world.commune_a)).content.decode()
    )
    # What was sent stays readable in the version history.
    history = office.get(_page(reporting_round, world.commune_a, "versions")).content.decode()
    assert 'name="a" value="1"' in history and 'name="a" value="2"' in history
    assert (
        "Bản sửa đang viết"
        in login(world.reporter_a).get(_page(reporting_round, world.commune_a)).content.decode()
    )


@pytest.mark.django_db
def test_a_draft_never_reaches_the_consolidated_report(world, login):
    from binhdang.documents import services as documents
    from binhdang.documents.selectors import round_figures

    reporting_round, _submission = _draft(world)
    report = documents.compile_report(actor=world.standing_office, round=reporting_round)
    assert all(SECRET not in s.text for s in report.sections.all())
    figures = round_figures(world.standing_office, reporting_round)
    assert all(f.total is None for f in figures.fields)
    page = login(world.standing_office).get(
        reverse("documents:round", kwargs={"round_id": reporting_round.pk})
    )
    assert page.status_code == 200 and SECRET not in page.content.decode()
