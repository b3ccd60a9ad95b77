"""Concurrent work never lost: a stale draft shows both texts to choose from, a reviewer acts
only on the version read, and an office learns which numbers the indicators refused."""

from decimal import Decimal

import pytest
from django.urls import reverse

from binhdang.indicators.models import DataElement, DataValue, ValidationRule
from binhdang.notifications.models import Notification
from binhdang.reporting import services
from binhdang.reporting.models import (
    NumericField,
    Submission,
    SubmissionStatus,
    SubmissionVersion,
)
from tests.html_forms import form

from .factories import fill, make_round, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese(settings, tmp_path):
    settings.LANGUAGE_CODE = "vi"
    settings.MEDIA_ROOT = tmp_path


def _url(name, reporting_round, unit):
    return reverse(f"reporting:{name}", kwargs={"slug": reporting_round.slug, "unit_id": unit.pk})


def _answer(submission, number="1", part="done"):
    return (
        Submission.objects.get(pk=submission.pk).answers.get(section__number=number, part=part).text
    )


def _stale_page(world, login):
    """Reporter A opens the draft; a colleague saves newer text; A then presses "Lưu nháp"
    with the form as loaded and her own text. Returns (round, submission, client, page)."""
    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text="Bản đầu")
    client = login(world.reporter_a)
    url = _url("submission", reporting_round, world.commune_a)
    loaded = form(client.get(url).content, id="report-form")
    services.submission_save_draft(
        actor=world.head_a,
        submission=Submission.objects.get(pk=submission.pk),
        data={
            "answers": {
                f"{reporting_round.sections.get(number='1').pk}:done": "Chữ của đồng nghiệp"
            }
        },
        expected_version=Submission.objects.get(pk=submission.pk).version,
    )
    key = loaded.names("a_")[0]  # section 1, "what was done": the first text of the form
    mine = loaded.data(button="save", **{key: "Chữ của tôi"})
    return reporting_round, submission, client, client.post(url, mine), key


def test_it_shows_both_texts_and_a_second_save_never_replaces_theirs(world, login):
    reporting_round, submission, client, page, key = _stale_page(world, login)
    html = page.content.decode()
    assert page.status_code == 200
    assert "Chữ của đồng nghiệp" in html and "Chữ của tôi" in html
    assert _answer(submission) == "Chữ của đồng nghiệp"
    # Pressing the save button of the page again, as rendered: nothing chosen, nothing saved.
    url = _url("submission", reporting_round, world.commune_a)
    page_form = form(page.content, id="conflict-form")
    again = client.post(url, page_form.data())
    assert again.status_code == 200
    assert _answer(submission) == "Chữ của đồng nghiệp"
    assert "Chữ của tôi" in again.content.decode()


@pytest.mark.parametrize(
    ("pick", "edited", "stored"),
    [
        ("theirs", None, "Chữ của đồng nghiệp"),
        ("mine", None, "Chữ của tôi"),
        ("edit", "Chữ của đồng nghiệp. Chữ của tôi", "Chữ của đồng nghiệp. Chữ của tôi"),
    ],
)
def test_it_saves_the_text_the_user_chose_or_merged(world, login, pick, edited, stored):
    reporting_round, submission, client, page, key = _stale_page(world, login)
    conflict = form(page.content, id="conflict-form")
    conflict.tick(f"pick_{key}", pick)
    changes = {key: edited} if edited else {}
    response = client.post(conflict.action, conflict.data(**changes))
    assert response.status_code == 302
    assert _answer(submission) == stored


def test_it_asks_again_when_the_draft_changed_while_choosing(world, login):
    reporting_round, submission, client, page, key = _stale_page(world, login)
    conflict = form(page.content, id="conflict-form")
    conflict.tick(f"pick_{key}", "mine")
    fresh = Submission.objects.get(pk=submission.pk)
    section = reporting_round.sections.get(number="1")
    services.submission_save_draft(
        actor=world.head_a, submission=fresh,
        data={"answers": {f"{section.pk}:done": "Bản thứ ba"}}, expected_version=fresh.version,
    )  # fmt: skip
    response = client.post(conflict.action, conflict.data())
    assert response.status_code == 200
    assert _answer(submission) == "Bản thứ ba"
    html = response.content.decode()
    assert "Bản thứ ba" in html and "Chữ của tôi" in html
    again = form(response.content, id="conflict-form")
    again.tick(f"pick_{key}", "mine")
    assert client.post(again.action, again.data()).status_code == 302
    assert _answer(submission) == "Chữ của tôi"


def test_a_stale_number_is_shown_with_both_values(world, login):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    client = login(world.reporter_a)
    url = _url("submission", reporting_round, world.commune_a)
    loaded = form(client.get(url).content, id="report-form")
    fresh = Submission.objects.get(pk=submission.pk)
    services.submission_save_draft(
        actor=world.head_a, submission=fresh, data={"values": {"participants": "14085"}},
        expected_version=fresh.version,
    )  # fmt: skip
    page = client.post(url, loaded.data(button="save", v_participants="150"))
    html = page.content.decode()
    assert "14.085" in html and "150" in html
    conflict = form(page.content, id="conflict-form")
    assert conflict.names("pick_") == ["pick_v_participants"] * 3
    conflict.tick("pick_v_participants", "theirs")
    assert client.post(conflict.action, conflict.data()).status_code == 302
    value = Submission.objects.get(pk=submission.pk).values.get(field__code="participants")
    assert value.value == 14085


def test_a_refused_autosave_carries_the_comparison(world, login):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text="Chữ của đồng nghiệp")
    section = reporting_round.sections.get(number="1")
    client = login(world.reporter_a)
    response = client.post(
        _url("autosave", reporting_round, world.commune_a),
        {"version": submission.version - 1, f"a_{section.pk}_done": "Chữ của tôi"},
    )
    assert response.status_code == 409
    body = response.json()
    assert body["conflicts"] == 1
    conflict = form(body["conflict_html"], id="conflict-form")
    assert conflict.data()["version"] == str(submission.version)
    assert "Chữ của đồng nghiệp" in body["conflict_html"]
    conflict.tick(f"pick_a_{section.pk}_done", "mine")
    assert client.post(conflict.action, conflict.data()).status_code == 302
    assert _answer(submission) == "Chữ của tôi"


@pytest.mark.parametrize(
    "stray",
    [{"a_1": "x"}, {"a_x_y": "x"}, {"v_": "5"}, {"v_khong_co": "5"}, {"a_999999999_done": "x"},
     {"a_": "x"}, {"a_12_": "x"}],
)  # fmt: skip
def test_a_stray_field_name_is_never_an_error_page(world, login, stray):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round, text="Giữ nguyên")
    client = login(world.reporter_a)
    url = _url("submission", reporting_round, world.commune_a)
    loaded = form(client.get(url).content, id="report-form")
    response = client.post(url, {**loaded.data(button="save"), **stray})
    assert response.status_code == 302
    autosave = client.post(
        _url("autosave", reporting_round, world.commune_a),
        {"version": Submission.objects.get(pk=submission.pk).version, **stray},
    )
    assert autosave.status_code == 200
    assert _answer(submission) == "Giữ nguyên"


# ---------------------------------------------------------------- review on the version read


def _review_form(client, reporting_round, unit):
    page = client.get(_url("review", reporting_round, unit))
    assert page.status_code == 200
    return form(page.content, id="review-form")


def _resubmitted(world, submission, text):
    """The office reopens the report, the unit changes it and sends it again."""
    services.submission_reopen(actor=world.standing_office, submission=submission, reason="Sửa")
    fresh = Submission.objects.get(pk=submission.pk)
    section = fresh.round.sections.get(number="1")
    services.submission_save_draft(
        actor=world.reporter_a, submission=fresh,
        data={"answers": {f"{section.pk}:done": text}}, expected_version=fresh.version,
    )  # fmt: skip
    services.submission_submit(actor=world.reporter_a, submission=fresh)


def test_it_accepts_only_the_version_the_reviewer_read(world, login):
    submission = submitted(world)
    reporting_round = submission.round
    client = login(world.standing_office)
    read = _review_form(client, reporting_round, world.commune_a)
    _resubmitted(world, submission, "Văn bản mới chưa ai đọc")
    response = client.post(
        _url("review", reporting_round, world.commune_a), read.data(button="accept")
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "thay đổi sau khi" in html  # refused, in Vietnamese
    assert "Văn bản mới chưa ai đọc" in html
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.SUBMITTED
    # The page now carries the new version: accepting it works.
    fresh = form(response.content, id="review-form")
    client.post(_url("review", reporting_round, world.commune_a), fresh.data(button="accept"))
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.ACCEPTED


def test_it_returns_only_the_version_the_reviewer_read(world, login):
    submission = submitted(world)
    reporting_round = submission.round
    client = login(world.standing_office)
    read = _review_form(client, reporting_round, world.commune_a)
    comment = read.control(label=r"\b1\b").name
    _resubmitted(world, submission, "Bản gửi lại")
    response = client.post(
        _url("review", reporting_round, world.commune_a),
        read.data(button="return", **{comment: "Bổ sung số liệu"}),
    )
    assert response.status_code == 200
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.SUBMITTED
    again = form(response.content, id="review-form")
    assert again.data()[comment] == "Bổ sung số liệu"  # what the reviewer wrote is kept


def test_it_returns_with_comments_on_the_right_sections(world, login):
    submission = submitted(world)
    reporting_round = submission.round
    client = login(world.standing_office)
    read = _review_form(client, reporting_round, world.commune_a)
    first, second = read.control(label=r"\b1\b"), read.control(label=r"\b2\b")
    response = client.post(
        _url("review", reporting_round, world.commune_a),
        read.data(button="return", **{first.name: "Thiếu số liệu mục 1", second.name: "Mục 2"}),
    )
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.RETURNED
    comments = {c.section.number: c.text for c in submission.comments.select_related("section")}
    assert comments == {"1": "Thiếu số liệu mục 1", "2": "Mục 2"}
    assert Notification.objects.filter(user=world.reporter_a, url__contains=reporting_round.slug)


def test_it_accepts_from_the_page(world, login):
    submission = submitted(world)
    client = login(world.standing_office)
    read = _review_form(client, submission.round, world.commune_a)
    response = client.post(
        _url("review", submission.round, world.commune_a), read.data(button="accept")
    )
    assert response.status_code == 302
    assert Submission.objects.get(pk=submission.pk).status == SubmissionStatus.ACCEPTED


# ---------------------------------------------------------------- indicator values refused


def _linked_round(world):
    """Participants feed GBV_DETECTED, courses feed GBV_SERVED; served <= detected."""
    detected = DataElement.objects.create(code="T_DETECTED", name="Số vụ phát hiện")
    served = DataElement.objects.create(code="T_SERVED", name="Số vụ được hỗ trợ")
    ValidationRule.objects.create(
        left=served, right=detected, operator="<=",
        message="Số vụ được hỗ trợ không được lớn hơn số vụ phát hiện.",
    )  # fmt: skip
    reporting_round = make_round(world)
    NumericField.objects.filter(round=reporting_round, code="participants").update(
        data_element_code="T_DETECTED"
    )
    NumericField.objects.filter(round=reporting_round, code="courses").update(
        data_element_code="T_SERVED"
    )
    submission = fill(world, reporting_round)  # participants 120
    fresh = Submission.objects.get(pk=submission.pk)
    services.submission_save_draft(
        actor=world.reporter_a, submission=fresh, data={"values": {"courses": "1.104"}},
        expected_version=fresh.version,
    )  # fmt: skip
    services.submission_submit(actor=world.reporter_a, submission=fresh)
    return reporting_round, fresh


def test_it_tells_the_office_which_numbers_the_indicators_refuse(world, login):
    reporting_round, submission = _linked_round(world)
    client = login(world.standing_office)
    page = client.get(_url("review", reporting_round, world.commune_a))
    html = page.content.decode()
    assert "Lớp tập huấn" in html and "1.104" in html
    assert "không được lớn hơn số vụ phát hiện" in html
    read = form(page.content, id="review-form")
    accepted = client.post(
        _url("review", reporting_round, world.commune_a), read.data(button="accept"), follow=True
    )
    html = accepted.content.decode()
    assert accepted.redirect_chain[-1][0] == _url("submission", reporting_round, world.commune_a)
    assert "không được lớn hơn số vụ phát hiện" in html
    assert not DataValue.objects.filter(org_unit=world.commune_a).exists()
    # Corrected from the submission page: the numbers are recorded.
    fix = form(accepted.content, id="correct-form")
    response = client.post(fix.action, fix.data(v_courses="12"), follow=True)
    assert "không được lớn hơn" not in response.content.decode()
    stored = dict(
        DataValue.objects.filter(org_unit=world.commune_a).values_list("element__code", "value")
    )
    assert stored == {"T_DETECTED": Decimal(120), "T_SERVED": Decimal(12)}
    version = SubmissionVersion.objects.filter(submission=submission).order_by("-number").first()
    assert version.event == "correct" and "1.104 → 12" in version.note
    assert Notification.objects.filter(user=world.reporter_a, title__contains="sửa").exists()


def test_the_office_corrects_refused_numbers_before_accepting(world, login):
    reporting_round, submission = _linked_round(world)
    client = login(world.standing_office)
    page = client.get(_url("review", reporting_round, world.commune_a))
    fix = form(page.content, id="correct-form")
    bad = client.post(fix.action, fix.data(v_courses="mười hai"), follow=True)
    assert "không phải là số" in bad.content.decode() or "not a number" in bad.content.decode()
    assert Submission.objects.get(pk=submission.pk).values.get(field__code="courses").value == 1104
    fixed = client.post(fix.action, fix.data(v_courses="12"), follow=True)
    assert "indicator-problems" not in fixed.content.decode()
    read = form(fixed.content, id="review-form")
    client.post(_url("review", reporting_round, world.commune_a), read.data(button="accept"))
    assert DataValue.objects.filter(org_unit=world.commune_a, element__code="T_SERVED").exists()
