import io
import threading
import zipfile
from datetime import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.urls import reverse

from binhdang.notifications.models import Notification
from binhdang.reporting import services
from binhdang.reporting.models import TZ, Submission, SubmissionAttachment, SubmissionStatus

from .factories import PDF_BYTES, fill, make_round, submitted


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _url(name, reporting_round, unit, **extra):
    return reverse(
        f"reporting:{name}", kwargs={"slug": reporting_round.slug, "unit_id": unit.pk, **extra}
    )


@pytest.mark.django_db
def test_it_never_shows_commune_a_draft_to_commune_b_or_an_outsider(world, login):
    reporting_round = make_round(world)
    fill(world, reporting_round, text="Bí mật của xã A")
    page = _url("submission", reporting_round, world.commune_a)
    api = f"/api/v1/reporting/rounds/{reporting_round.slug}/units/{world.commune_a.pk}"
    for user in (world.reporter_b, world.outsider, world.nobody):
        client = login(user)
        assert client.get(page).status_code == 404
        assert client.get(api).status_code == 404
        assert (
            client.put(api + "/draft", {"version": 1}, content_type="application/json").status_code
            == 404
        )
        assert (
            b"B\xc3\xad m\xe1\xba\xadt"
            not in client.get(reverse("reporting:detail", args=[reporting_round.slug])).content
        )
    assert (
        login(world.outsider)
        .get(reverse("reporting:detail", args=[reporting_round.slug]))
        .status_code
        == 404
    )
    assert "Bí mật của xã A" in login(world.reporter_a).get(page).content.decode()
    completeness = f"/api/v1/reporting/rounds/{reporting_round.slug}/completeness"
    assert login(world.reporter_b).get(completeness).status_code == 404
    assert login(world.standing_office).get(completeness).json()["totals"]["draft"] == 1


@pytest.mark.django_db
def test_it_refuses_a_stale_autosave_and_keeps_newer_work(world, login):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text="Bản mới")
    section = reporting_round.sections.get(number="1")
    client = login(world.reporter_a)
    stale = client.post(
        _url("autosave", reporting_round, world.commune_a),
        {"version": submission.version - 1, f"a_{section.pk}_done": "Bản cũ"},
    )
    assert stale.status_code == 409
    assert stale.json()["version"] == submission.version
    assert Submission.objects.get(pk=submission.pk).answers.get(part="done").text == "Bản mới"
    ok = client.post(
        _url("autosave", reporting_round, world.commune_a),
        {"version": submission.version, f"a_{section.pk}_done": "Bản ba"},
    )
    assert ok.json()["version"] == submission.version + 1


@pytest.mark.django_db
def test_it_keeps_the_users_text_in_a_stale_form(world, login):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text="Bản mới")
    section = reporting_round.sections.get(number="1")
    response = login(world.reporter_a).post(
        _url("submission", reporting_round, world.commune_a),
        {
            "version": submission.version - 1,
            f"a_{section.pk}_done": "Chữ của tôi",
            "action": "save",
        },
    )
    assert response.status_code == 200
    assert "Chữ của tôi" in response.content.decode()
    assert Submission.objects.get(pk=submission.pk).answers.get(part="done").text == "Bản mới"


def _docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("virus.exe", b"MZ\x90\x00", "không đúng định dạng cho phép"),
        ("bao-cao.docx", b"MZ\x90\x00 renamed exe", "không khớp"),
        ("bao-cao.pdf", b"%PDF-" + b"x" * 2048, "quá lớn"),
        ("hong.docx", b"PK\x03\x04 broken zip", "hỏng"),
    ],
)
def test_it_refuses_bad_uploads_and_changes_nothing(world, login, settings, name, content, message):
    settings.BINHDANG_MAX_UPLOAD_BYTES = 1024
    settings.LANGUAGE_CODE = "vi"
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    version = Submission.objects.get(pk=submission.pk).version
    client = login(world.reporter_a)
    response = client.post(
        _url("attach", reporting_round, world.commune_a),
        {"file": SimpleUploadedFile(name, content), "kind": "own_report"},
        follow=True,
        HTTP_ACCEPT_LANGUAGE="vi",
    )
    assert message in response.content.decode().lower()
    assert not SubmissionAttachment.objects.exists()
    assert Submission.objects.get(pk=submission.pk).version == version
    api = client.post(
        f"/api/v1/reporting/rounds/{reporting_round.slug}/units/{world.commune_a.pk}/attachments",
        {"file": SimpleUploadedFile(name, content)},
    )
    assert api.status_code == 400


@pytest.mark.django_db
def test_it_records_an_emailed_copy_as_on_behalf(world, login):
    reporting_round = make_round(world)
    login(world.standing_office).post(
        _url("attach", reporting_round, world.commune_b),
        {"file": SimpleUploadedFile("xa-b.docx", _docx_bytes())},
    )
    attachment = SubmissionAttachment.objects.get()
    assert attachment.on_behalf and attachment.kind == "emailed_copy"
    assert attachment.submission.org_unit == world.commune_b
    assert (
        "standing_office" in str(attachment.submission.on_behalf_note).lower()
        or attachment.submission.on_behalf_by == world.standing_office
    )


@pytest.mark.django_db
def test_it_runs_the_review_loop_through_the_api(world, login):
    reporting_round = make_round(world)
    base = f"/api/v1/reporting/rounds/{reporting_round.slug}/units/{world.commune_a.pk}"
    section = reporting_round.sections.get(number="1")
    reporter = login(world.reporter_a)
    draft = reporter.put(
        base + "/draft",
        {
            "version": 0,
            "answers": {f"{section.pk}:done": "Đã làm"},
            "values": {"participants": "10"},
        },
        content_type="application/json",
    )
    assert draft.status_code == 200, draft.content
    assert (
        reporter.post(base + "/submit", {}, content_type="application/json").json()["status"]
        == "submitted"
    )
    assert reporter.post(base + "/accept").status_code == 404
    office = login(world.standing_office)
    returned = office.post(
        base + "/return",
        {"comments": {section.pk: "Bổ sung số nữ"}},
        content_type="application/json",
    )
    assert returned.json()["status"] == "returned"
    reporter = login(world.reporter_a)
    reporter.post(base + "/submit", {}, content_type="application/json")
    office = login(world.standing_office)
    read = office.get(base).json()["version"]
    # A version older than the one stored is refused: nobody accepts a text they did not read.
    stale = office.post(f"{base}/accept?version={read - 1}")
    assert stale.status_code == 409
    assert office.get(base).json()["status"] == "submitted"
    stale_return = office.post(
        base + "/return", {"general": "Sửa", "version": read - 1}, content_type="application/json"
    )
    assert stale_return.status_code == 409
    assert office.post(f"{base}/accept?version={read}").json()["status"] == "accepted"
    assert (
        office.post(base + "/reopen", {"reason": ""}, content_type="application/json").status_code
        == 400
    )


@pytest.mark.django_db
def test_sending_keeps_the_stored_text_and_answers_with_it(world, login):
    """The version kept on sending holds every answer, number and attachment as stored; the
    answer to the submit is the report as a later read shows it (in the order of the rows)."""
    reporting_round = make_round(world)
    s1, s2 = reporting_round.sections.order_by("position")
    base = f"/api/v1/reporting/rounds/{reporting_round.slug}/units/{world.commune_a.pk}"
    reporter = login(world.reporter_a)
    draft = reporter.put(
        base + "/draft",
        {
            "version": 0,
            "answers": {
                f"{s2.pk}:results": "Kết quả", f"{s1.pk}:done": "Đã làm", f"{s1.pk}:results": "",
            },
            "values": {"courses": "3", "participants": "1.250", "participants_women": "7"},
        },
        content_type="application/json",
    )  # fmt: skip
    assert draft.status_code == 200, draft.content
    upload = reporter.post(
        base + "/attachments",
        {"file": SimpleUploadedFile("phu-luc.pdf", PDF_BYTES), "kind": "supporting"},
    )
    assert upload.status_code == 200, upload.content
    sent = reporter.post(
        base + "/submit", {"version": draft.json()["version"] + 1}, content_type="application/json"
    )
    assert sent.status_code == 200, sent.content
    read = reporter.get(base).json()
    # (`updated_at` of the answer is the one the request read before sending.)
    assert {**sent.json(), "updated_at": None} == {**read, "updated_at": None}
    assert [a["original_name"] for a in sent.json()["attachments"]] == ["phu-luc.pdf"]
    version = Submission.objects.get(pk=sent.json()["id"]).versions.get()
    assert version.data == {
        "answers": {"1:done": "Đã làm", "2:results": "Kết quả"},
        "values": {"participants": "1250", "participants_women": "7", "courses": "3"},
        "attachments": ["phu-luc.pdf (Tài liệu kèm theo)"],
    }


@pytest.mark.django_db
def test_it_compares_two_versions(world, login):
    submission = submitted(world)
    reporting_round = submission.round
    services.submission_return(
        actor=world.standing_office, submission=submission, comments={}, general="Sửa"
    )
    section = reporting_round.sections.get(number="1")
    services.submission_save_draft(
        actor=world.reporter_a, submission=submission,
        data={"answers": {f"{section.pk}:done": "Đã tổ chức 5 buổi tuyên truyền."}},
        expected_version=submission.version,
    )  # fmt: skip
    services.submission_submit(actor=world.reporter_a, submission=submission)
    response = login(world.standing_office).get(
        _url("versions", reporting_round, world.commune_a) + "?a=1&b=3"
    )
    html = response.content.decode()
    assert "<del>3 </del>" in html and "<ins>5 </ins>" in html


@pytest.mark.django_db
def test_it_exports_completeness_to_excel(world, login):
    from openpyxl import load_workbook

    reporting_round = make_round(world)
    world.commune_b.name = '=HYPERLINK("http://x")'
    world.commune_b.save()
    response = login(world.standing_office).get(
        reverse("reporting:export", args=[reporting_round.slug])
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    names = [row[1] for row in sheet.iter_rows(min_row=5, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names


@pytest.mark.django_db(transaction=True)
def test_it_sends_a_reminder_step_once_with_two_concurrent_senders(world):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers; the PostgreSQL CI run exercises the race")
    make_round(world)
    now = datetime(2023, 12, 3, 9, tzinfo=TZ)
    barrier = threading.Barrier(2)
    results = []

    def sender():
        barrier.wait()
        try:
            results.append(services.send_due_reminders(now))
        finally:
            connection.close()

    threads = [threading.Thread(target=sender) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(results) == 4
    assert Notification.objects.filter(dedupe_key__contains=":step:-2:").count() == 4


@pytest.mark.django_db
def test_it_relies_on_the_notification_constraint_for_a_step(world):
    from django.db import IntegrityError, transaction

    Notification.objects.create(
        user=world.reporter_a, title="x", dedupe_key="round:1:step:-2:unit:1"
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Notification.objects.create(
            user=world.reporter_a, title="x", dedupe_key="round:1:step:-2:unit:1"
        )


@pytest.mark.django_db
def test_it_shows_each_unit_its_open_rounds_in_my_work(world, login):
    reporting_round = make_round(world)
    html = login(world.reporter_a).get("/").content.decode()
    assert reporting_round.title in html
    submission = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=submission)
    assert reporting_round.title in login(world.standing_office).get("/").content.decode()
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.SUBMITTED
    assert PDF_BYTES


@pytest.mark.django_db
def test_the_completeness_table_shows_each_units_row_escaped(world, login):
    from binhdang.orgunits.models import OrgUnit

    reporting_round = make_round(world)
    a = fill(world, reporting_round)
    services.submission_submit(actor=world.reporter_a, submission=a)
    b = fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    services.submission_submit(actor=world.reporter_b, submission=b)
    services.submission_accept(actor=world.standing_office, submission=b)
    OrgUnit.objects.filter(pk=world.commune_a.pk).update(name="Xã <b>\"A\"</b> & 'A'")
    url = reverse("reporting:detail", args=[reporting_round.slug])
    text = login(world.standing_office).get(url).content.decode()
    name = "Xã &lt;b&gt;&quot;A&quot;&lt;/b&gt; &amp; &#x27;A&#x27;"
    assert f'<tr data-unit="{name}">\n      <td>{name}</td>' in text
    assert "<b>" not in text
    review = _url("review", reporting_round, world.commune_a)
    a_row = text[text.index(f'<tr data-unit="{name}">') :]
    a_row = a_row[: a_row.index("</tr>")]
    assert ' <span class="status info">chờ xem xét</span>' in a_row
    assert f' · <a href="{review}">Xem xét</a>' in a_row
    accepted_row = text[text.index('<tr data-unit="' + world.commune_b.name) :]
    accepted_row = accepted_row[: accepted_row.index("</tr>")]
    assert ' <span class="status ok">đã tiếp nhận</span>' in accepted_row
    assert "/review/" not in accepted_row
    missing_row = text[text.index('<tr data-unit="' + world.womens_union.name) :]
    missing_row = missing_row[: missing_row.index("</tr>")]
    assert "<td></td>" in missing_row and "<td>—</td>" in missing_row
