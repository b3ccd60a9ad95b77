"""A number field counted from the records: the unit's form shows the count for the round's
cut-off window, filled in; a different number is sent only with an explanation, which the
standing office reads beside the count."""

from datetime import date
from decimal import Decimal

import pytest
from django.db.models import Count
from django.urls import reverse

from binhdang.core import registry
from binhdang.directives.models import Directive
from binhdang.reporting import services
from binhdang.reporting.models import ReportingRound, Submission, SubmissionStatus
from binhdang.reporting.tests.factories import make_round
from tests.html_forms import form

pytestmark = pytest.mark.django_db

KEY = "tests.directives_issued"


def _issued(unit_ids, start, end):
    rows = Directive.objects.filter(issuing_unit_id__in=unit_ids)
    if start:
        rows = rows.filter(issued_on__gte=start)
    if end:
        rows = rows.filter(issued_on__lte=end)
    return {
        r["issuing_unit_id"]: Decimal(r["n"])
        for r in rows.values("issuing_unit_id").annotate(n=Count("id"))
    }


@pytest.fixture
def counted_round(world):
    """The round of 2023 (window 15/12/2022 - 14/12/2023) whose "courses" field is counted
    from a figure: the directives a unit issued."""
    registry.register_figure(
        registry.Figure(
            key=KEY,
            label="Số văn bản đã ban hành",
            compute=_issued,
            records_url=lambda unit_id, start, end: f"/directives/?unit={unit_id}",
            unit_of_measure="văn bản",
        )
    )
    reporting_round = make_round(world)
    reporting_round.fields.filter(code="courses").update(computed_from=KEY)
    for day in (date(2023, 1, 9), date(2023, 12, 14), date(2023, 12, 15), date(2022, 12, 14)):
        Directive.objects.create(
            doc_type="ke_hoach",
            number_symbol=f"{day:%d%m}/KH-UBND",
            issued_on=day,
            issuing_unit=world.commune_a,
            subject="Kế hoạch tuyên truyền",
        )
    yield ReportingRound.objects.get(pk=reporting_round.pk)
    registry.FIGURES.pop(KEY, None)


def _page(client, reporting_round, unit):
    return reverse("reporting:submission", args=[reporting_round.slug, unit.pk])


def test_the_form_shows_the_count_of_the_window_filled_in(client, world, counted_round):
    client.force_login(world.reporter_a)
    response = client.get(_page(client, counted_round, world.commune_a))
    html = response.content.decode()
    # 09/01/2023 and 14/12/2023 are in the window; 15/12/2023 and 14/12/2022 are not.
    assert 'name="v_courses" value="2"' in html
    assert "Tính từ hồ sơ: <strong>2</strong>" in html
    assert f'href="/directives/?unit={world.commune_a.pk}"' in html
    client.force_login(world.reporter_b)
    html = client.get(_page(client, counted_round, world.commune_b)).content.decode()
    assert 'name="v_courses" value="0"' in html


def _submit(client, reporting_round, unit, **changes):
    url = _page(client, reporting_round, unit)
    section = reporting_round.sections.get(number="1")
    page = form(client.get(url).content, has="v_courses")
    data = page.data("submit", **{f"a_{section.pk}_done": "Đã ban hành kế hoạch.", **changes})
    return client.post(url, data, follow=True)


def test_the_count_confirmed_as_it_is_is_sent(client, world, counted_round):
    client.force_login(world.reporter_a)
    response = _submit(client, counted_round, world.commune_a)
    submission = Submission.objects.get(round=counted_round, org_unit=world.commune_a)
    assert submission.status == SubmissionStatus.SUBMITTED, response.content.decode()[:3000]
    assert submission.values.get(field__code="courses").value == 2


def test_a_different_number_needs_an_explanation(client, world, counted_round):
    client.force_login(world.reporter_a)
    response = _submit(client, counted_round, world.commune_a, v_courses="3")
    submission = Submission.objects.get(round=counted_round, org_unit=world.commune_a)
    assert submission.status == SubmissionStatus.DRAFT
    assert "khác số tính từ hồ sơ (2)" in response.content.decode()
    assert submission.values.get(field__code="courses").value == 3  # the draft kept it
    reason = "Một kế hoạch ban hành ngày 10/12/2023 chưa nhập vào sổ văn bản."
    _submit(client, counted_round, world.commune_a, v_courses="3", x_courses=reason)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.SUBMITTED
    assert submission.figure_notes == {"courses": reason}
    client.force_login(world.standing_office)
    html = client.get(_page(client, counted_round, world.commune_a)).content.decode()
    assert "theo hồ sơ: 2" in html and reason in html


def test_a_blank_where_the_records_count_something_is_a_difference(world, counted_round):
    submission = services.submission_save(
        actor=world.reporter_a,
        reporting_round=counted_round,
        org_unit=world.commune_a,
        data={"answers": {f"{counted_round.sections.get(number='1').pk}:done": "Có làm."}},
    )
    with pytest.raises(services.InvalidSubmission) as caught:
        services.submission_submit(actor=world.reporter_a, submission=submission)
    assert set(caught.value.errors) == {"v_courses"}


def test_the_api_sends_an_explanation(client, world, counted_round):
    client.force_login(world.reporter_a)
    url = f"/api/v1/reporting/rounds/{counted_round.slug}/units/{world.commune_a.pk}/draft"
    response = client.put(
        url,
        {"version": 0, "values": {"courses": 5}, "explanations": {"courses": "Thiếu 3 văn bản."}},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    submission = Submission.objects.get(round=counted_round, org_unit=world.commune_a)
    assert submission.figure_notes == {"courses": "Thiếu 3 văn bản."}
    assert submission.values.get(field__code="courses").value == 5


def test_the_form_builder_counts_a_field_from_an_installed_figure_only(
    client, world, counted_round
):
    reporting_round = services.round_create(
        actor=world.standing_office,
        title="Báo cáo 6 tháng",
        slug="bdg-6-thang-2024",
        owner_unit=world.district,
        standing_office=world.labour_office,
        opens_on=date(2024, 5, 1),
        deadline=date(2024, 6, 20),
        period_year=2024,
        groups=[],
        units=[world.commune_a],
    )
    client.force_login(world.standing_office)
    detail = reverse("reporting:detail", args=[reporting_round.slug])
    page = client.get(detail)
    assert "Số văn bản đã ban hành" in page.content.decode()
    url = reverse("reporting:field_add", args=[reporting_round.slug])
    client.post(
        url, {"code": "issued", "label": "Văn bản", "value_type": "int", "computed_from": KEY}
    )
    assert reporting_round.fields.get(code="issued").computed_from == KEY
    client.post(
        url, {"code": "other", "label": "Khác", "value_type": "int", "computed_from": "nope.x"}
    )
    assert not reporting_round.fields.filter(code="other").exists()


def _issue(unit, day: date, number: str) -> None:
    Directive.objects.create(
        doc_type="ke_hoach",
        number_symbol=number,
        issued_on=day,
        issuing_unit=unit,
        subject="Kế hoạch thực hiện công tác bình đẳng giới",
    )


def _province_round(world, units):
    """The province's round of 2023 addressed to `units`, its "courses" counted from the
    directives issued (the counted_round fixture has registered the figure)."""
    reporting_round = services.round_create(
        actor=world.admin,
        title="Báo cáo bình đẳng giới năm 2023 (tỉnh)",
        slug="bdg-tinh-2023",
        owner_unit=world.province,
        standing_office=world.labour_office,
        opens_on=date(2023, 4, 6),
        deadline=date(2023, 12, 15),
        period_year=2023,
        groups=[],
        units=units,
    )
    services.field_add(
        reporting_round=reporting_round, code="courses", label="Văn bản", computed_from=KEY
    )
    services.round_open(actor=world.admin, reporting_round=reporting_round)
    return ReportingRound.objects.get(pk=reporting_round.pk)


def _count(reporting_round, unit) -> Decimal:
    from binhdang.reporting.selectors import counted_figures

    (figure,) = counted_figures(reporting_round, unit).values()
    return figure.value


@pytest.fixture
def issued_around_the_district(world, counted_round):
    """Besides commune A's two directives of the window: one of commune B, one of the
    district, one of its Labour office, one of commune C (the other district's), and one of
    commune B outside the window."""
    _issue(world.commune_b, date(2023, 6, 1), "12/KH-UBND")
    _issue(world.commune_b, date(2023, 12, 20), "40/KH-UBND")
    _issue(world.district, date(2023, 3, 2), "25/KH-UBND")
    _issue(world.labour_office, date(2023, 5, 10), "08/KH-LĐTBXH")
    _issue(world.commune_c, date(2023, 7, 7), "15/KH-UBND")


def test_a_district_answering_the_province_counts_its_whole_subtree(
    world, counted_round, issued_around_the_district
):
    reporting_round = _province_round(world, [world.district, world.district2])
    # The district's own, its office's, commune A's two and commune B's one of the window.
    assert _count(reporting_round, world.district) == 5
    assert _count(reporting_round, world.district2) == 1
    # In the district's own round each commune counts its own records only.
    assert _count(counted_round, world.commune_a) == 2
    assert _count(counted_round, world.commune_b) == 1


def test_a_descendant_answering_the_same_round_counts_for_itself_only(
    world, counted_round, issued_around_the_district
):
    reporting_round = _province_round(world, [world.district, world.commune_a])
    assert _count(reporting_round, world.district) == 3
    assert _count(reporting_round, world.commune_a) == 2


def test_the_district_form_shows_the_subtree_count(
    client, world, counted_round, issued_around_the_district
):
    reporting_round = _province_round(world, [world.district, world.district2])
    client.force_login(world.standing_office)
    html = client.get(_page(client, reporting_round, world.district)).content.decode()
    assert "Tính từ hồ sơ: <strong>5</strong>" in html
