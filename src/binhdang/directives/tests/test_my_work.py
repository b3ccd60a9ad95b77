"""The open tasks of "my work" (`open_assignments_of_own_units`) and `my_task_assignments`
keep exactly the assignments, progress and overdue flags of the rule they shortcut:
`visible_assignments` of the user's own units, of issued directives, with `with_progress`."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from binhdang.accounts.models import Membership, User
from binhdang.accounts.permissions import ROLE_PERMISSIONS
from binhdang.accounts.scoping import home_units
from binhdang.directives import selectors
from binhdang.directives.models import DirectiveStatus, Progress, TaskAssignment
from binhdang.directives.permissions import DIRECTIVE_VIEW
from binhdang.directives.services import task_assignment_update_status
from binhdang.reporting import services as reporting
from binhdang.reporting.tests.factories import fill, make_round

from .factories import make_directive

REPORT_DUE = date(2023, 12, 5)


def _old_rule(user):
    """The assignments of `user`'s own units as `visible_assignments` and `with_progress`
    decide them, in the work list's order."""
    own = [u.pk for u in home_units(user)]
    qs = selectors.visible_assignments(user).filter(
        org_unit__in=own, task__directive__status=DirectiveStatus.ISSUED
    )
    return selectors.with_progress(qs).order_by(
        "task__due_on", "task__directive__issued_on", "task__position", "pk"
    )


def _rows(assignments):
    return [(a.pk, a.progress, a.overdue) for a in assignments]


def _users(world):
    """Every user of the test world, read afresh (no memberships remembered)."""
    return [User.objects.get(pk=u.pk) for u in vars(world).values() if isinstance(u, User)]


@pytest.fixture
def tasks(world):
    """Tasks in every state: asking for a report (accepted, sent, returned, a draft, none),
    recorded by the unit (done, in progress, not started), past due and not, of a draft
    directive, of the province, and addressed to the district itself."""
    yesterday = timezone.localdate() - timedelta(days=1)
    units = [world.commune_a, world.commune_b, world.womens_union, world.district]
    reported = make_directive(world, number="1/UBND", due_on=REPORT_DUE, lead=units)
    reporting_round = make_round(world, directive=reported, deadline=REPORT_DUE)
    accepted = fill(world, reporting_round)
    reporting.submission_submit(actor=world.reporter_a, submission=accepted)
    reporting.submission_accept(actor=world.standing_office, submission=accepted)
    sent = fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    reporting.submission_submit(actor=world.reporter_b, submission=sent)

    returned = make_directive(world, number="2/UBND", due_on=REPORT_DUE, lead=units)
    second_round = make_round(world, slug="bdg-2023-b", directive=returned, deadline=REPORT_DUE)
    back = fill(world, second_round)
    reporting.submission_submit(actor=world.reporter_a, submission=back)
    section = second_round.sections.get(number="1")
    reporting.submission_return(
        actor=world.standing_office, submission=back, comments={section.pk: "Bổ sung"}
    )
    fill(world, second_round, unit=world.commune_b, user=world.reporter_b)

    for number, due in (("3/UBND", yesterday), ("4/UBND", None), ("5/UBND", date(2099, 1, 1))):
        directive = make_directive(world, number=number, due_on=due, lead=units)
        for assignment, status in zip(
            TaskAssignment.objects.filter(task__directive=directive).order_by("org_unit__name"),
            ("done", "in_progress", "done"),
            strict=False,
        ):
            task_assignment_update_status(actor=world.admin, assignment=assignment, status=status)
    make_directive(world, number="6/UBND", due_on=yesterday, lead=units, issue=False)
    make_directive(
        world,
        number="7/UBND",
        issuing_unit=world.province,
        recipients=[world.district, world.district2],
        lead=[world.district, world.commune_c, world.commune_a],
        due_on=yesterday,
    )
    # A reporter of two units, and a leader of the district alone.
    Membership.objects.create(
        user=world.reporter_a, org_unit=world.womens_union, role="reporter", scope="unit"
    )
    Membership.objects.create(
        user=world.viewer, org_unit=world.district, role="leader", scope="unit"
    )


def _check_every_user(world):
    seen = set()
    for user in _users(world):
        old = list(_old_rule(user))
        old_open = [a for a in old if a.progress != Progress.DONE]
        assert _rows(selectors.open_assignments_of_own_units(user, 500)) == _rows(old_open)
        # A short list is the first of the long one, however many pages it takes.
        assert _rows(selectors.open_assignments_of_own_units(user, 2)) == _rows(old_open[:2])
        for open_only, expected in ((False, old), (True, old_open)):
            mine = selectors.my_task_assignments(user, open_only=open_only)
            assert sorted(_rows(mine)) == sorted(_rows(expected))
        seen |= {(a.progress, a.overdue) for a in old}
    return seen


def test_the_work_list_keeps_the_assignments_of_the_full_rule(world, tasks):
    seen = _check_every_user(world)
    # The world has every progress, overdue and not, so the comparison can tell them apart.
    assert {p for p, _ in seen} == set(Progress)
    assert {o for _, o in seen} == {True, False}


def test_it_keeps_them_for_own_units_seen_only_through_the_issuing_unit(world, tasks, monkeypatch):
    """A role without DIRECTIVE_VIEW on its own unit sees its tasks only where it reads the
    directive's issuing unit through another membership."""
    for role in ("reporter", "leader"):
        monkeypatch.setitem(ROLE_PERMISSIONS, role, ROLE_PERMISSIONS[role] - {DIRECTIVE_VIEW})
    Membership.objects.create(
        user=world.reporter_b, org_unit=world.district, role="viewer", scope="unit"
    )
    _check_every_user(world)
    reporter_b = User.objects.get(pk=world.reporter_b.pk)
    units = {a.org_unit for a in selectors.open_assignments_of_own_units(reporter_b, 500)}
    assert units == {world.commune_b, world.district}
    outsider = User.objects.get(pk=world.outsider.pk)
    assert not selectors.open_assignments_of_own_units(outsider, 500)
