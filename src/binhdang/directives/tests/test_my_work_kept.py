"""The register's items of "my work" (its open tasks, the tasks of closed units), kept in the
shared cache under the register's generation, the reporting rounds' and reports' and the
user's scope: after each change made through the services or the pages, the next load shows
it, and shows exactly what the providers work out afresh."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.accounts.models import Membership, User
from binhdang.core.views import work_groups, work_key
from binhdang.directives.models import Progress, TaskAssignment
from binhdang.directives.services import (
    TaskData,
    assignment_readdress,
    directive_close,
    directive_update,
    task_assignment_update_status,
)
from binhdang.directives.work import open_task_assignments, tasks_of_closed_units
from binhdang.orgunits.models import Kind, OrgUnit
from binhdang.reporting import services as reporting
from binhdang.reporting.tests.factories import fill, make_round
from tests.html_forms import form

from .factories import make_directive

REPORT_DUE = date(2099, 12, 5)
KINDS = {"tasks", "tasks-closed-units"}

pytestmark = pytest.mark.usefixtures("shared_cache")


def _row(kind, item):
    return (kind, item.url, item.title, item.status, item.status_css, item.due, item.detail)


def _shown(user) -> list[tuple]:
    """The register's rows of `user`'s "my work", as the home page has them (a request reads
    its user afresh), after checking both providers' items are kept in the cache."""
    user = User.objects.get(pk=user.pk)
    rows = sorted(
        _row(group.kind.key, row.item)
        for group in work_groups(user)
        if group.kind.key in KINDS
        for row in group.rows
    )
    for provider in (open_task_assignments, tasks_of_closed_units):
        assert cache.get(work_key(provider, user)) is not None, provider.__name__
    return rows


def _worked_out(user) -> list[tuple]:
    """The same rows from the providers themselves, nothing kept."""
    user = User.objects.get(pk=user.pk)
    return sorted(
        _row(item.kind.key, item)
        for provider in (open_task_assignments, tasks_of_closed_units)
        for item in provider(user)
    )


def _loaded_twice(user) -> list[tuple]:
    """The rows of the first load and of the second, from the cache, which are the same."""
    first = _shown(user)
    assert _shown(user) == first
    return first


def _changed(user, before) -> list[tuple]:
    """The next load: not what was kept, and what the providers work out now."""
    after = _shown(user)
    assert after != before
    assert after == _worked_out(user)
    return after


def _assignment(directive, unit) -> TaskAssignment:
    return TaskAssignment.objects.get(task__directive=directive, org_unit=unit)


def _url(assignment) -> str:
    return reverse("directives:assignment", args=[assignment.pk])


def _urls(rows, kind="tasks") -> set[str]:
    return {row[1] for row in rows if row[0] == kind}


def _status_of(rows, assignment) -> str:
    (status,) = [row[3] for row in rows if row[1] == _url(assignment)]
    return status


def test_an_assignment_marked_done_or_in_progress_shows_at_the_next_load(world):
    directive = make_directive(world, number="1/UBND", due_on=date(2099, 1, 1))
    assignment = _assignment(directive, world.commune_a)
    before = _loaded_twice(world.reporter_a)
    assert _status_of(before, assignment) == str(Progress.NOT_STARTED.label)
    task_assignment_update_status(
        actor=world.reporter_a, assignment=assignment, status="in_progress"
    )
    progressing = _changed(world.reporter_a, before)
    assert _status_of(progressing, assignment) == str(Progress.IN_PROGRESS.label)
    _loaded_twice(world.reporter_a)
    task_assignment_update_status(actor=world.reporter_a, assignment=assignment, status="done")
    assert _url(assignment) not in _urls(_changed(world.reporter_a, progressing))


def test_marking_an_assignment_done_on_its_page_empties_the_home_page(world, login):
    directive = make_directive(world, number="2/UBND", due_on=date(2099, 1, 1))
    assignment = _assignment(directive, world.commune_a)
    client = login(world.reporter_a)
    for _load in range(2):  # the second from the cache
        assert _url(assignment) in client.get(reverse("core:home")).content.decode()
    assert cache.get(work_key(open_task_assignments, world.reporter_a)) is not None
    page = client.get(_url(assignment)).content.decode()
    update = form(page, has=f"a{assignment.pk}-status")
    response = client.post(
        _url(assignment),
        update.data(**{f"a{assignment.pk}-status": "done", f"a{assignment.pk}-note": "Xong"}),
    )
    assert response.status_code == 302
    assert _url(assignment) not in client.get(reverse("core:home")).content.decode()


def test_a_directive_closed_leaves_my_work(world):
    directive = make_directive(world, number="3/UBND", due_on=date(2099, 1, 1))
    kept_open = make_directive(world, number="4/UBND", due_on=date(2099, 1, 1))
    before = _loaded_twice(world.reporter_a)
    assert _url(_assignment(directive, world.commune_a)) in _urls(before)
    directive_close(actor=world.standing_office, directive=directive)
    after = _changed(world.reporter_a, before)
    assert _urls(after) == {_url(_assignment(kept_open, world.commune_a))}


def _tasks_of(directive, **changes) -> list[TaskData]:
    """The directive's tasks as its edit form sends them, with `changes` on task 1.1."""
    tasks = []
    for task in directive.tasks.order_by("position").prefetch_related(
        "lead_units", "cooperating_units"
    ):
        data = TaskData(
            number=task.number,
            title=task.title,
            text=task.text,
            due_on=task.due_on,
            lead_units=list(task.lead_units.all()),
            cooperating_units=list(task.cooperating_units.all()),
        )
        if task.number == "1.1":
            for name, value in changes.items():
                setattr(data, name, value)
        tasks.append(data)
    return tasks


def test_a_task_whose_due_date_or_title_is_edited_shows_it_at_the_next_load(world):
    directive = make_directive(world, number="5/UBND", due_on=date(2099, 1, 1))
    before = _loaded_twice(world.reporter_a)
    yesterday = timezone.localdate() - timedelta(days=1)
    directive_update(
        actor=world.standing_office,
        directive=directive,
        data={},
        tasks=_tasks_of(directive, due_on=yesterday),
    )
    overdue = _changed(world.reporter_a, before)
    assert [row[5] for row in overdue] == [yesterday]
    assert _status_of(overdue, _assignment(directive, world.commune_a)) == _("Overdue")
    _loaded_twice(world.reporter_a)
    directive_update(
        actor=world.standing_office,
        directive=directive,
        data={},
        tasks=_tasks_of(directive, title="Tổ chức Tháng hành động", text=""),
    )
    renamed = _changed(world.reporter_a, overdue)
    assert [row[6] for row in renamed] == ["Tổ chức Tháng hành động"]
    # Renumbering the directive shows in every title.
    _loaded_twice(world.reporter_a)
    directive_update(
        actor=world.standing_office, directive=directive, data={"number_symbol": "9/UBND"}
    )
    assert all("9/UBND" in row[2] for row in _changed(world.reporter_a, renamed))


def test_a_task_given_to_another_unit_moves_between_their_lists(world):
    directive = make_directive(world, number="6/UBND", due_on=date(2099, 1, 1))
    before_a = _loaded_twice(world.reporter_a)
    before_b = _loaded_twice(world.reporter_b)
    assert _urls(before_a) and not _urls(before_b)
    directive_update(
        actor=world.standing_office,
        directive=directive,
        data={},
        tasks=_tasks_of(directive, lead_units=[world.commune_b]),
        recipient_units=[world.commune_b],
    )
    assert not _urls(_changed(world.reporter_a, before_a))
    assert _urls(_changed(world.reporter_b, before_b)) == {
        _url(_assignment(directive, world.commune_b))
    }


def test_a_membership_removed_takes_its_units_tasks_away(world):
    directive = make_directive(world, number="7/UBND", due_on=date(2099, 1, 1))
    Membership.objects.create(
        user=world.reporter_a, org_unit=world.commune_b, role="reporter", scope="unit"
    )
    make_directive(world, number="8/UBND", due_on=date(2099, 1, 1), lead=[world.commune_b])
    before = _loaded_twice(world.reporter_a)
    assert len(_urls(before)) == 2
    Membership.objects.filter(user=world.reporter_a, org_unit=world.commune_b).delete()
    assert _urls(_changed(world.reporter_a, before)) == {
        _url(_assignment(directive, world.commune_a))
    }


def test_the_progress_follows_the_round_and_the_report_of_the_task(world):
    """A task asking for a report takes its progress from the unit's report in the round:
    the round opened, the report sent, then accepted, each shows at the next load."""
    make_round(world, slug="bdg-2023-other")  # another round, of no directive, runs already
    directive = make_directive(world, number="9/UBND", due_on=REPORT_DUE)
    assignment = _assignment(directive, world.commune_a)
    task_assignment_update_status(
        actor=world.reporter_a, assignment=assignment, status="in_progress"
    )
    before = _loaded_twice(world.reporter_a)
    assert _status_of(before, assignment) == str(Progress.IN_PROGRESS.label)
    reporting_round = make_round(world, directive=directive, deadline=REPORT_DUE)
    asked = _changed(world.reporter_a, before)
    assert _status_of(asked, assignment) == str(Progress.NOT_STARTED.label)  # no report yet
    submission = fill(world, reporting_round)
    _loaded_twice(world.reporter_a)
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    sent = _changed(world.reporter_a, asked)
    assert _status_of(sent, assignment) == str(Progress.REPORTED.label)
    _loaded_twice(world.reporter_a)
    reporting.submission_accept(actor=world.standing_office, submission=submission)
    assert _url(assignment) not in _urls(_changed(world.reporter_a, sent))


def _closing_unit(world) -> OrgUnit:
    unit = OrgUnit(name="Xã Cao Bồ", kind=Kind.COMMUNE, parent=world.district, code="00952")
    unit.save()
    return unit


def test_a_unit_that_closes_flags_its_tasks_and_re_addressing_clears_them(world):
    gone, successor = _closing_unit(world), world.commune_b
    gone.successors.set([successor])
    directive = make_directive(
        world, number="10/UBND", due_on=date(2099, 1, 1), recipients=[gone], lead=[gone]
    )
    assignment = _assignment(directive, gone)
    flagged = reverse("directives:detail", args=[directive.pk])
    before = _loaded_twice(world.standing_office)
    assert flagged not in _urls(before, "tasks-closed-units")
    gone.valid_to = timezone.localdate() - timedelta(days=1)
    gone.save()
    closed = _changed(world.standing_office, before)
    assert _urls(closed, "tasks-closed-units") == {flagged}
    before_b = _loaded_twice(world.reporter_b)
    _loaded_twice(world.standing_office)
    assert assignment_readdress(actor=world.standing_office, assignment=assignment) == [successor]
    assert not _urls(_changed(world.standing_office, closed), "tasks-closed-units")
    assert _urls(_changed(world.reporter_b, before_b)) == {_url(assignment)}


def test_a_task_deleted_from_a_directive_leaves_my_work(world):
    directive = make_directive(world, number="11/UBND", due_on=date(2099, 1, 1))
    before = _loaded_twice(world.reporter_a)
    directive_update(
        actor=world.standing_office,
        directive=directive,
        data={},
        tasks=[t for t in _tasks_of(directive) if t.number != "1.1"],
    )
    assert not _urls(_changed(world.reporter_a, before))
