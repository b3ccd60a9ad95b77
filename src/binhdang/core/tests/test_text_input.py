"""The one gate for incoming text (core.middleware.TextInputMiddleware) and the refusal pages:
control characters are refused in Vietnamese with nothing stored, text is composed (NFC),
oversized bodies and CSRF failures get a Vietnamese answer, uploads are not read as text."""

import json
import unicodedata

from django.test import Client
from django.urls import reverse

from binhdang.directives.models import Directive, TaskAssignment, TaskProgressNote
from binhdang.directives.tests.factories import PDF, make_directive
from binhdang.reporting import services as reporting
from binhdang.reporting.models import ReviewComment, Submission, SubmissionAnswer
from binhdang.reporting.tests.factories import fill, make_round
from tests.html_forms import forms

CONTROL = "không lưu được"  # the Vietnamese refusal: "... ký tự điều khiển không lưu được ..."
NUL = "Đã tổ chức\x00 3 buổi"


def _form(client, url, **match):
    page = client.get(url)
    assert page.status_code == 200
    for form in forms(page.content):
        if all(k in form.names() for k in match):
            return form
    raise AssertionError(f"no form with {list(match)} on {url}")


def _refused_page(response, status=400):
    assert response.status_code == status
    html = response.content.decode()
    assert "<html" in html and "Không có gì được lưu" in html
    return html


def test_it_refuses_a_nul_in_a_report_draft_section_and_stores_nothing(world, login):
    reporting_round = make_round(world)
    client = login(world.reporter_a)
    url = reverse("reporting:submission", args=[reporting_round.slug, world.commune_a.pk])
    page = client.get(url)
    (form,) = [f for f in forms(page.content) if "data-autosave-url" in f.attrs]
    section_key = next(k for k in form.names(tag="textarea") if k.endswith("_done"))
    data = {**form.data(), section_key: NUL}

    # The page's script saves as the user types (JSON answer) ...
    response = client.post(form.attrs["data-autosave-url"], data, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code == 400
    assert CONTROL in response.json()["error"]
    # ... and the Save button posts the whole form (a page).
    assert CONTROL in _refused_page(client.post(url, {**data, "action": "save"}))
    assert not SubmissionAnswer.objects.exists()
    assert not Submission.objects.filter(org_unit=world.commune_a, version__gt=1).exists()


def test_it_refuses_a_nul_in_a_review_comment(world, login):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    client = login(world.standing_office)
    url = reverse("reporting:review", args=[reporting_round.slug, world.commune_a.pk])
    form = _form(client, url, general="")
    comment = form.names("c_", tag="textarea")[0]
    response = client.post(url, form.data(button="return", **{comment: "Bổ sung\x00 số liệu"}))
    assert CONTROL in _refused_page(response)
    submission.refresh_from_db()
    assert submission.status == "submitted"
    assert not ReviewComment.objects.exists()


def test_it_refuses_a_nul_in_a_task_note_on_the_page_and_through_the_api(world, login):
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    client = login(world.reporter_a)
    url = reverse("directives:assignment", args=[assignment.pk])
    form = _form(client, url, **{f"a{assignment.pk}-note": ""})
    data = {**form.data(), f"a{assignment.pk}-note": "Đã tuyên truyền\x00"}
    assert CONTROL in _refused_page(client.post(url, data))

    api = f"/api/v1/directives/assignments/{assignment.pk}/status"
    body = json.dumps({"status": "in_progress", "note": "Đã tuyên truyền\x00"})
    response = client.post(api, body, content_type="application/json")
    assert response.status_code == 400
    assert CONTROL in response.json()["detail"]
    assert not TaskProgressNote.objects.exists()
    assignment.refresh_from_db()
    assert assignment.status == "not_started"


def test_it_gives_api_notes_the_same_4000_character_limit_as_the_page(world, client):
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    client.force_login(world.reporter_a)
    api = f"/api/v1/directives/assignments/{assignment.pk}/status"
    body = json.dumps({"status": "in_progress", "note": "x" * 4001})
    response = client.post(api, body, content_type="application/json")
    assert response.status_code == 400
    assert "4.000" in response.json()["detail"]
    assert not TaskProgressNote.objects.exists()
    ok = client.post(api, json.dumps({"status": "in_progress", "note": "x" * 4000}),
                     content_type="application/json")  # fmt: skip
    assert ok.status_code == 200


def test_it_refuses_a_nul_in_a_directive_subject(world, login):
    client = login(world.standing_office)
    url = reverse("directives:create")
    form = _form(client, url, subject="")
    data = form.data()
    data.update(
        {
            "doc_type": form.control("doc_type").options[1].value,
            "number_symbol": "300/UBND-VP",
            "issued_on": "14/04/2023",
            "issuing_unit": form.option("issuing_unit", "Vị Xuyên"),
            "subject": "Triển khai\x00 công tác",
        }
    )
    assert CONTROL in _refused_page(client.post(url, data))
    assert not Directive.objects.exists()


def test_it_stores_text_typed_decomposed_as_composed(world, login):
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    client = login(world.reporter_a)
    decomposed = unicodedata.normalize("NFD", "Xã Phú Linh đã tuyên truyền")
    assert decomposed != "Xã Phú Linh đã tuyên truyền"
    url = reverse("directives:assignment", args=[assignment.pk])
    form = _form(client, url, **{f"a{assignment.pk}-note": ""})
    client.post(url, {**form.data(), f"a{assignment.pk}-note": decomposed})
    api = f"/api/v1/directives/assignments/{assignment.pk}/status"
    client.post(api, json.dumps({"status": "done", "note": decomposed}),
                content_type="application/json")  # fmt: skip
    texts = list(TaskProgressNote.objects.values_list("text", flat=True))
    assert texts == ["Xã Phú Linh đã tuyên truyền"] * 2


def test_it_refuses_a_nul_in_a_search(world, login):
    response = login(world.standing_office).get(reverse("directives:list"), {"q": "bình\x00"})
    assert CONTROL in _refused_page(response)


def test_it_does_not_read_an_uploaded_file_as_text(world, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    directive = make_directive(world, issue=False)
    client = login(world.standing_office)
    form = _form(client, reverse("directives:detail", args=[directive.pk]), kind="")
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = SimpleUploadedFile("ban ky.pdf", PDF + b"\x00\x01\x02 binary", "application/pdf")
    response = client.post(form.action, {**form.data(), "file": pdf})
    assert response.status_code == 302
    assert directive.attachments.count() == 1


def test_it_answers_an_oversized_body_in_vietnamese_and_as_json_for_the_api(world, login, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 2000
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    client = login(world.reporter_a)
    url = reverse("directives:assignment", args=[assignment.pk])
    html = _refused_page(client.post(url, {f"a{assignment.pk}-note": "x" * 5000}), 413)
    assert "quá lớn" in html
    api = f"/api/v1/directives/assignments/{assignment.pk}/status"
    response = client.post(api, json.dumps({"status": "done", "note": "x" * 5000}),
                           content_type="application/json")  # fmt: skip
    assert response.status_code == 413
    assert "lớn hơn mức hệ thống chấp nhận" in response.json()["detail"]
    assert not TaskProgressNote.objects.exists()


def test_it_refuses_a_declared_body_beyond_every_limit_without_reading_it(world, settings):
    settings.BINHDANG_MAX_UPLOAD_BYTES = 1000
    client = Client()
    client.force_login(world.reporter_a)
    response = client.generic(
        "POST", "/directives/", b"x" * 10, content_type="application/octet-stream",
        CONTENT_LENGTH=str(10 * 1024 * 1024),
    )  # fmt: skip
    assert response.status_code == 413


def test_it_shows_a_vietnamese_page_when_the_csrf_check_fails(world):
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.reporter_a)
    response = client.post(reverse("directives:create"), {"subject": "x"})
    assert response.status_code == 403
    html = response.content.decode()
    assert "Biểu mẫu đã hết hạn" in html
    assert "CSRF verification failed" not in html
    api = client.post("/api/v1/directives/assignments/1/status", {"status": "done"})
    assert api.status_code in (401, 403)


def test_it_refuses_a_field_name_no_page_renders_instead_of_a_500(world, login):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    client = login(world.standing_office)
    client.raise_request_exception = False
    url = reverse("reporting:review", args=[reporting_round.slug, world.commune_a.pk])
    form = _form(client, url, general="")
    # "²".isdigit() is true but int("²") fails: the review's comment parser would crash.
    response = client.post(url, {**form.data(), "c_²": "Bổ sung", "action": "return"})
    assert "trường mà trang này không có" in _refused_page(response)
    response = client.get(reverse("directives:list"), {"q\x07": "x"})
    assert response.status_code == 400
    submission.refresh_from_db()
    assert submission.status == "submitted"


def test_it_answers_other_bad_requests_with_the_vietnamese_page(world, rf):
    from binhdang.core.errors import bad_request

    request = rf.get("/")
    request.user = world.reporter_a
    html = _refused_page(bad_request(request))
    assert "Không đọc được dữ liệu đã gửi" in html


def test_it_never_answers_a_stray_field_name_with_a_500(world, login):
    reporting_round = make_round(world)
    client = login(world.reporter_a)
    client.raise_request_exception = False
    url = reverse("reporting:autosave", args=[reporting_round.slug, world.commune_a.pk])
    response = client.post(url, {"a_1": "x", "version": "1"}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code < 500
    # A version written with a superscript digit is not an id either: refused, not a 500.
    response = client.post(url, {"version": "²"}, HTTP_X_REQUESTED_WITH="fetch")
    assert response.status_code < 500
