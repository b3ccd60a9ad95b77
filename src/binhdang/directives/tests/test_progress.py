"""The register and the reporting round agree: a task that asks for the unit's report follows
that report; the pages people read show their numbers through `num`; the my-tasks filters
work with the values the page renders."""

import re
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from binhdang.directives import selectors
from binhdang.directives.models import Progress, TaskAssignment
from binhdang.directives.services import task_assignment_update_status
from binhdang.reporting import services as reporting
from binhdang.reporting.tests.factories import fill, make_round
from tests.html_forms import forms

from .factories import make_directive

DEADLINE = date(2023, 12, 5)


def _report_task(world):
    """A directive whose item 1.1 asks communes A and B for the year's report by 05/12/2023,
    and the district's round of that directive collecting it."""
    directive = make_directive(world, due_on=DEADLINE, lead=[world.commune_a, world.commune_b])
    reporting_round = make_round(world, directive=directive, deadline=DEADLINE)
    return directive, reporting_round


def _progress(world, directive, unit):
    assignment = TaskAssignment.objects.get(task__directive=directive, org_unit=unit)
    return selectors.assignment_for(world.standing_office, assignment.pk)


def _totals(world, directive):
    matrix = selectors.assignment_matrix(world.standing_office, directive)
    return matrix.task_totals[0]


def test_it_marks_a_report_task_done_when_the_units_report_is_accepted(world, login):
    directive, reporting_round = _report_task(world)
    a = _progress(world, directive, world.commune_a)
    assert (a.shown_progress, a.is_overdue()) == (Progress.NOT_STARTED, True)
    assert (_totals(world, directive)["done"], _totals(world, directive)["overdue"]) == (0, 2)

    submission = fill(world, reporting_round)
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    a = _progress(world, directive, world.commune_a)
    assert (a.shown_progress, a.is_overdue()) == (Progress.REPORTED, False)

    # The standing office presses "Accept" on the review page.
    client = login(world.standing_office)
    review = reverse("reporting:review", args=[reporting_round.slug, world.commune_a.pk])
    (form,) = [f for f in forms(client.get(review).content) if "general" in f.names(tag="textarea")]
    response = client.post(review, form.data(button="Tiếp nhận"))
    assert response.status_code == 302
    submission.refresh_from_db()
    assert submission.status == "accepted"

    a = _progress(world, directive, world.commune_a)
    assert (a.shown_progress, a.is_overdue()) == (Progress.DONE, False)
    totals = _totals(world, directive)
    assert (totals["done"], totals["overdue"], totals["total"]) == (1, 1, 2)
    page = client.get(reverse("directives:by_task", args=[directive.pk])).content.decode()
    assert "1/2" in page
    assert "1 quá hạn" in page
    b = _progress(world, directive, world.commune_b)
    assert (b.shown_progress, b.is_overdue()) == (Progress.NOT_STARTED, True)


def test_it_shows_a_returned_report_as_returned_not_overdue(world):
    directive, reporting_round = _report_task(world)
    submission = fill(world, reporting_round)
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    section = reporting_round.sections.get(number="1")
    reporting.submission_return(
        actor=world.standing_office, submission=submission, comments={section.pk: "Bổ sung"}
    )
    a = _progress(world, directive, world.commune_a)
    assert (a.shown_progress, a.is_overdue()) == (Progress.RETURNED, False)
    assert a.get_progress_display() == "Báo cáo bị trả lại để chỉnh sửa"


def test_it_counts_the_report_in_the_unit_view_and_my_tasks(world, login):
    directive, reporting_round = _report_task(world)
    submission = fill(world, reporting_round)
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    reporting.submission_accept(actor=world.standing_office, submission=submission)
    rows = {r["org_unit_id"]: r for r in selectors.assignments_by_unit(world.standing_office)}
    assert (rows[world.commune_a.pk]["done"], rows[world.commune_a.pk]["overdue"]) == (1, 0)
    assert (rows[world.commune_b.pk]["done"], rows[world.commune_b.pk]["overdue"]) == (0, 1)
    # Done, so it leaves "Not done yet" of the commune's own list, and the API agrees.
    assert not selectors.my_task_assignments(world.reporter_a, open_only=True).exists()
    client = login(world.reporter_a)
    api = client.get("/api/v1/directives/assignments").json()
    assert [(x["progress"], x["overdue"]) for x in api] == [("done", False)]


def test_it_leaves_a_task_without_a_round_to_the_status_the_unit_records(world):
    directive = make_directive(world, due_on=timezone.localdate() - timedelta(days=1))
    assignment = TaskAssignment.objects.get(task__directive=directive)
    task_assignment_update_status(actor=world.reporter_a, assignment=assignment, status="done")
    a = selectors.assignment_for(world.reporter_a, assignment.pk)
    assert (a.shown_progress, a.is_overdue()) == ("done", False)


def test_it_labels_a_progress_notes_date_as_the_date_of_the_update(world, login):
    directive = make_directive(world)
    assignment = TaskAssignment.objects.get(task__directive=directive)
    page = login(world.reporter_a).get(reverse("directives:assignment", args=[assignment.pk]))
    html = page.content.decode()
    assert "Ngày cập nhật" in html
    assert "gày ban hành" not in html


def test_it_filters_my_tasks_with_the_options_the_page_renders(world, login):
    from binhdang.accounts.models import Membership

    # The reporter of commune A also reports for the Women's Union: two units to choose from.
    Membership.objects.create(
        user=world.reporter_a, org_unit=world.womens_union, role="reporter", scope="unit"
    )
    make_directive(world, number="101/UBND", lead=[world.commune_a])
    union = make_directive(world, number="102/UBND", lead=[world.womens_union])
    done = TaskAssignment.objects.get(task__directive=union)
    task_assignment_update_status(actor=world.reporter_a, assignment=done, status="done")
    make_directive(world, number="103/UBND", lead=[world.womens_union])

    client = login(world.reporter_a)
    url = reverse("directives:my_tasks")
    page = client.get(url)
    (form,) = [f for f in forms(page.content) if "unit" in f.names(tag="select")]
    unit = form.option("unit", "Hội Liên hiệp Phụ nữ")
    everything = form.option("show", "Tất cả")

    def numbers(params):
        html = client.get(url, {**form.data(), **params}).content.decode()
        return sorted(set(re.findall(r"(10[123]/UBND)", html)))

    assert numbers({}) == ["101/UBND", "103/UBND"]  # not done yet, all units
    assert numbers({"unit": unit}) == ["103/UBND"]
    assert numbers({"unit": unit, "show": everything}) == ["102/UBND", "103/UBND"]
    assert numbers({"show": everything}) == ["101/UBND", "102/UBND", "103/UBND"]


def test_it_prints_the_counts_of_the_unit_view_with_thousands_grouped(world, login, monkeypatch):
    rows = [
        {
            "org_unit_id": world.commune_a.pk,
            "org_unit__name": world.commune_a.name,
            "org_unit__kind": "commune",
            "total": 14085,
            "lead": 1200,
            "not_started": 1001,
            "in_progress": 2002,
            "reported": 3003,
            "done": 4004,
            "overdue": 5005,
        }
    ]
    monkeypatch.setattr(selectors, "assignments_by_unit", lambda *a, **k: rows)
    html = login(world.standing_office).get(reverse("directives:by_unit")).content.decode()
    for shown in ["14.085", "1.200", "1.001", "2.002", "3.003", "4.004", "5.005"]:
        assert shown in html
    assert "14085" not in html


def test_it_agrees_with_the_round_on_item_5_4_of_the_seed_dispatch(db):
    import io

    from django.db.models import Count

    from binhdang.accounts.models import User
    from binhdang.demo.steps import s10_units, s20_directive, s30_round
    from binhdang.directives.models import Directive
    from binhdang.reporting.models import ReportingRound, Submission

    out = io.StringIO()
    for step in (s10_units, s20_directive, s30_round):
        step.run(out)
    seed = Directive.objects.get(number_symbol="760/UBND-LĐTBXH")
    matrix = selectors.assignment_matrix(User.objects.get(username="thuongtruc.vixuyen"), seed)
    totals = matrix.task_totals[[t.number for t in matrix.tasks].index("5.4")]
    reporting_round = ReportingRound.objects.get(directive=seed)
    assigned = TaskAssignment.objects.filter(task__directive=seed, task__number="5.4")
    by_status = dict(
        Submission.objects.filter(round=reporting_round, org_unit__in=assigned.values("org_unit"))
        .values_list("status")
        .annotate(n=Count("pk"))
    )
    missing = totals["total"] - sum(by_status.values())
    assert by_status["accepted"] > 30
    assert totals["done"] == by_status["accepted"]
    assert totals["reported"] == by_status.get("submitted", 0)
    assert totals["overdue"] == missing + by_status.get("draft", 0)


def test_it_ignores_an_impossible_id_in_the_filters_instead_of_failing(world, login):
    client = login(world.standing_office)
    for url, params in [
        (reverse("directives:by_unit"), {"directive": "9" * 30}),
        (reverse("directives:by_unit"), {"directive": "²"}),
        (reverse("directives:my_tasks"), {"unit": "9" * 30}),
    ]:
        assert client.get(url, params).status_code == 200
