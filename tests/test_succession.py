"""People and open work across the 2025 boundary change.

A small change in the test world: Xã Kim Linh (commune of district D, valid until 30/6/2025,
with its commune police) was split between Xã Phú Linh (2025), under D, with its own police,
and Xã Vị Xuyên (2025), under district D2, outside D's standing office. Xã Cao Bồ went whole
into Xã Phú Linh (2025).
"""

import re
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from binhdang.accounts.models import Membership, MembershipMove, MoveStatus
from binhdang.accounts.services import GrantRefused, move_confirm, move_reject, moves_propose
from binhdang.audit.models import AuditEntry
from binhdang.directives.models import TaskAssignment
from binhdang.directives.services import DirectiveError, assignment_readdress
from binhdang.directives.tests.factories import make_directive
from binhdang.orgunits.models import AdminSet, Kind, OrgUnit
from binhdang.reporting import services as reporting_services
from binhdang.reporting.models import ExpectedUnit
from binhdang.reporting.tests.factories import fill, make_round
from tests.html_forms import form

LEGACY_END = date(2025, 6, 30)
NEW_START = date(2025, 7, 1)


def _user(username, unit, role):
    from binhdang.accounts.models import User

    user = User.objects.create_user(username=username, email=f"{username}@example.org")
    Membership.objects.create(user=user, org_unit=unit, role=role, scope="unit")
    return user


class Change:
    pass


def _unit(name, kind, parent, **values):
    unit = OrgUnit(name=name, kind=kind, parent=parent, **values)
    unit.save()
    return unit


@pytest.fixture
def change(world):
    c = Change()
    c.old = _unit("Xã Kim Linh", Kind.COMMUNE, world.district, code="00709",
                  admin_set=AdminSet.LEGACY, valid_to=LEGACY_END)  # fmt: skip
    c.old_police = _unit("Công an xã Kim Linh", Kind.ARMED_FORCES, c.old)
    c.whole = _unit("Xã Cao Bồ", Kind.COMMUNE, world.district, code="00952",
                    admin_set=AdminSet.LEGACY, valid_to=LEGACY_END)  # fmt: skip
    c.new = _unit("Xã Phú Linh (2025)", Kind.COMMUNE, world.district,
                  admin_set=AdminSet.Y2025, valid_from=NEW_START)  # fmt: skip
    c.new_police = _unit("Công an xã Phú Linh (2025)", Kind.ARMED_FORCES, c.new)
    c.far = _unit("Xã Vị Xuyên (2025)", Kind.COMMUNE, world.district2,
                  admin_set=AdminSet.Y2025, valid_from=NEW_START)  # fmt: skip
    c.old.successors.set([c.new, c.far])
    c.whole.successors.set([c.new])
    c.reporter = _user("reporter_kimlinh", c.old, "reporter")
    c.police = _user("police_kimlinh", c.old_police, "reporter")
    return c


def _proposed(change):
    moves_propose()
    return MembershipMove.objects.get(user=change.reporter, status=MoveStatus.PROPOSED)


# ---------------------------------------------------------------- the membership moves


def test_it_lists_the_proposals_on_a_dry_run_and_changes_nothing(world, change):
    before = (Membership.objects.count(), AuditEntry.objects.count())
    out = StringIO()
    call_command("move-to-successors", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "reporter_kimlinh" in text and "police_kimlinh" in text
    line = next(row for row in text.splitlines() if "reporter_kimlinh" in row)
    assert "Xã Phú Linh (2025)" in line and "Xã Vị Xuyên (2025)" in line
    police = next(row for row in text.splitlines() if "police_kimlinh" in row)
    assert "Công an xã Phú Linh (2025)" in police
    assert "Người dùng" in text and "Đơn vị đã giải thể" in text
    assert MembershipMove.objects.count() == 0
    assert (Membership.objects.count(), AuditEntry.objects.count()) == before
    # Commune A, still open, is not proposed.
    assert "reporter_a" not in text


def test_it_stores_the_proposals_without_moving_anyone(world, change):
    out = StringIO()
    call_command("move-to-successors", stdout=out)
    moves = MembershipMove.objects.filter(status=MoveStatus.PROPOSED)
    assert {m.user for m in moves} == {change.reporter, change.police}
    police = moves.get(user=change.police)
    # The commune police goes to the police of the successor that has one, else the commune.
    assert set(police.candidates.all()) == {change.new_police, change.far}
    assert Membership.objects.filter(user=change.reporter, org_unit=change.old).exists()
    assert AuditEntry.objects.filter(action="membership_move.propose").count() == 2
    call_command("move-to-successors", stdout=StringIO())
    assert MembershipMove.objects.count() == 2


def test_confirming_moves_the_membership_and_audits(world, change, login):
    _proposed(change)
    client = login(world.admin)
    page = client.get(reverse("accounts:moves"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Xã Kim Linh" in text and "reporter_kimlinh" in text
    move = MembershipMove.objects.get(user=change.reporter)
    confirm = form(text, action=reverse("accounts:move_confirm", args=[move.pk]))
    response = client.post(confirm.action, confirm.data(unit=str(change.new.pk)))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=change.reporter, org_unit=change.old).exists()
    moved = Membership.objects.get(user=change.reporter, org_unit=change.new)
    assert (moved.role, moved.scope) == ("reporter", "unit")
    move.refresh_from_db()
    assert (move.status, move.moved_to, move.decided_by) == (
        MoveStatus.CONFIRMED,
        change.new,
        world.admin,
    )
    entry = AuditEntry.objects.get(action="membership.move")
    assert entry.changes["from"] == "Xã Kim Linh" and entry.changes["to"] == "Xã Phú Linh (2025)"


def test_rejecting_leaves_the_membership(world, change, login):
    move = _proposed(change)
    client = login(world.admin)
    page = client.get(reverse("accounts:moves")).content.decode()
    reject = form(page, action=reverse("accounts:move_reject", args=[move.pk]))
    assert client.post(reject.action, reject.data()).status_code == 302
    move.refresh_from_db()
    assert move.status == MoveStatus.REJECTED
    assert Membership.objects.filter(user=change.reporter, org_unit=change.old).exists()
    assert not Membership.objects.filter(user=change.reporter, org_unit=change.new).exists()
    assert AuditEntry.objects.filter(action="membership_move.reject").exists()


def test_the_grant_rule_refuses_a_confirmer_without_rights(world, change, login):
    move = _proposed(change)
    # District D's office is shown the move (it manages D's accounts) but may not give the
    # reporter's role (it may not write a unit's report); nor reach Xã Vị Xuyên (2025).
    with pytest.raises(GrantRefused):
        move_confirm(actor=world.standing_office, move=move, unit=change.new)
    with pytest.raises(GrantRefused):
        move_confirm(actor=world.standing_office, move=move, unit=change.far)
    with pytest.raises(GrantRefused):
        move_reject(actor=world.standing_office, move=move)
    # Commune A's head manages neither unit: the move is not even shown to them.
    with pytest.raises(GrantRefused):
        move_confirm(actor=world.head_a, move=move, unit=change.new)
    with pytest.raises(GrantRefused):
        move_reject(actor=world.outsider, move=move)
    client = login(world.head_a)
    assert client.post(reverse("accounts:move_confirm", args=[move.pk]), {
        "unit": change.new.pk
    }).status_code == 404  # fmt: skip
    client = login(world.standing_office)
    response = client.post(
        reverse("accounts:move_confirm", args=[move.pk]), {"unit": change.new.pk}
    )
    assert "Bạn không có quyền cấp vai trò" in client.get(response.url).content.decode()
    move.refresh_from_db()
    assert move.status == MoveStatus.PROPOSED
    assert Membership.objects.filter(user=change.reporter, org_unit=change.old).exists()
    assert not Membership.objects.filter(user=change.reporter, org_unit=change.new).exists()
    # A system administrator always may.
    move_confirm(actor=world.admin, move=move, unit=change.far)
    assert Membership.objects.filter(user=change.reporter, org_unit=change.far).exists()


# ---------------------------------------------------------------- open work flagged


def _task_of_closed_unit(world, change):
    make_directive(world, number="200/UBND-LĐTBXH", recipients=[change.whole], lead=[change.whole])
    return TaskAssignment.objects.get(org_unit=change.whole)


def test_a_task_addressed_to_a_closed_unit_is_flagged(world, change, login):
    assignment = _task_of_closed_unit(world, change)
    client = login(world.standing_office)
    page = client.get(reverse("directives:detail", args=[assignment.task.directive_id]))
    text = page.content.decode()
    assert "Gửi đến đơn vị không còn tồn tại" in text
    assert reverse("directives:assignment_readdress", args=[assignment.pk]) in text
    home = client.get(reverse("core:home")).content.decode()
    assert "Xã Cao Bồ" in home and "Nhiệm vụ giao cho đơn vị không còn tồn tại" in home
    # Commune A's reporter, who does not issue, is shown no flag.
    other = login(world.reporter_a).get(reverse("core:home")).content.decode()
    assert "Xã Cao Bồ" not in other


def test_re_addressing_a_task_moves_it_and_is_idempotent(world, change, login):
    assignment = _task_of_closed_unit(world, change)
    client = login(world.standing_office)
    page = client.get(reverse("directives:detail", args=[assignment.task.directive_id]))
    button = form(page.content.decode(), action=f"/assignments/{assignment.pk}/readdress/")
    assert client.post(button.action, button.data()).status_code == 302
    assignment.refresh_from_db()
    assert assignment.org_unit == change.new
    assert list(assignment.task.lead_units.all()) == [change.new]
    assert list(assignment.task.directive.recipient_units.all()) == [change.new]
    assert AuditEntry.objects.filter(action="task_assignment.readdress").count() == 1
    client.post(button.action, button.data())
    assert assignment_readdress(actor=world.standing_office, assignment=assignment) == []
    assert TaskAssignment.objects.filter(task=assignment.task).count() == 1
    assert AuditEntry.objects.filter(action="task_assignment.readdress").count() == 1


def test_re_addressing_refuses_a_successor_outside_the_office(world, change):
    make_directive(world, number="201/UBND-LĐTBXH", recipients=[change.old], lead=[change.old])
    assignment = TaskAssignment.objects.get(org_unit=change.old)
    with pytest.raises(DirectiveError):
        assignment_readdress(actor=world.standing_office, assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.org_unit == change.old
    assignment_readdress(actor=world.standing_office, assignment=assignment, to_units=[change.new])
    assignment.refresh_from_db()
    assert assignment.org_unit == change.new


@pytest.fixture(params=["per request", "shared cache"])
def kept_or_not(request, settings):
    """Both ways of asking which expected units closed: per request, and kept in a shared
    cache (`reporting.selectors.round_closed_unit_ids`, as with Redis)."""
    from django.core.cache import cache

    settings.BINHDANG_SHARED_CACHE = request.param == "shared cache"
    cache.clear()
    yield request.param
    cache.clear()


def test_a_round_expecting_a_closed_unit_is_flagged_and_re_addressed(
    world, change, login, kept_or_not
):
    reporting_round = make_round(world)
    assert ExpectedUnit.objects.filter(round=reporting_round, org_unit=change.whole).exists()
    # Units formed in 2025 were not expected by a round of 2023.
    assert not ExpectedUnit.objects.filter(round=reporting_round, org_unit=change.new).exists()
    client = login(world.standing_office)
    url = reverse("reporting:detail", args=[reporting_round.slug])
    text = client.get(url).content.decode()
    assert "Đơn vị không còn tồn tại chưa gửi báo cáo" in text and "Xã Cao Bồ" in text
    action = reverse("reporting:readdress", args=[reporting_round.slug, change.whole.pk])
    button = form(text, action=action)
    assert "Xã Phú Linh (2025)" in text
    assert client.post(action, button.data()).status_code == 302
    assert not ExpectedUnit.objects.filter(round=reporting_round, org_unit=change.whole).exists()
    assert ExpectedUnit.objects.filter(round=reporting_round, org_unit=change.new).exists()
    again = reporting_services.expected_unit_readdress(
        actor=world.standing_office, reporting_round=reporting_round, org_unit=change.whole
    )
    assert again == []
    assert AuditEntry.objects.filter(action="round.readdress").count() == 1
    # The split commune's successor outside the office is refused; nothing changes.
    with pytest.raises(reporting_services.ReportingError):
        reporting_services.expected_unit_readdress(
            actor=world.standing_office, reporting_round=reporting_round, org_unit=change.old
        )
    assert ExpectedUnit.objects.filter(round=reporting_round, org_unit=change.old).exists()


def test_a_round_flags_exactly_its_closed_units_that_have_not_sent(world, change, kept_or_not):
    """`round_closed_units` decides on the round in Python whether it is open and managed by
    the user, which `expected_closed_units` asks of the database over every open round: both
    agree for every user, and the round flags exactly its closed units (and those under a
    closed unit) whose report has not arrived."""
    from binhdang.reporting.models import RoundStatus
    from binhdang.reporting.selectors import (
        closed_expected_flags,
        expected_closed_units,
        round_closed_units,
    )

    reporting_round = make_round(world)
    writer = _user("reporter_caobo", change.whole, "reporter")
    sent = fill(world, reporting_round, unit=change.whole, user=writer)
    reporting_services.submission_submit(actor=writer, submission=sent)
    fill(world, reporting_round, unit=change.old, user=change.reporter)  # a draft: not sent
    police_round = reporting_services.round_create(
        actor=world.standing_office,
        title="Báo cáo của công an xã",
        slug="cong-an-2023",
        owner_unit=world.district,
        standing_office=world.labour_office,
        opens_on=reporting_round.opens_on,
        deadline=reporting_round.deadline,
        period_year=2023,
        units=[change.old_police, world.commune_a],
    )
    users = [
        world.standing_office, world.leader, world.reporter_a, world.head_a, world.reporter_b,
        world.dept_reporter, world.outsider, world.nobody, world.admin, world.viewer,
        change.reporter,
    ]  # fmt: skip

    def agree():
        for user in users:
            everywhere = list(expected_closed_units(user))
            for each in (reporting_round, police_round):
                in_round = [row.pk for row in everywhere if row.round_id == each.pk]
                assert [row.pk for row in round_closed_units(user, each)] == in_round, (
                    user.username,
                    each.slug,
                )

    def flagged(each):
        return [flag.row.org_unit for flag in closed_expected_flags(world.standing_office, each)]

    agree()
    assert flagged(reporting_round) == [change.old]
    assert flagged(police_round) == []  # a draft round flags nothing
    reporting_services.round_open(actor=world.standing_office, reporting_round=police_round)
    police_round.refresh_from_db()
    assert police_round.status == RoundStatus.OPEN
    agree()
    assert flagged(police_round) == [change.old_police]
    assert [
        flag.successors for flag in closed_expected_flags(world.standing_office, police_round)
    ] == [[change.new_police, change.far]]


def test_a_unit_that_closes_after_the_round_was_read_is_flagged_at_the_next_read(
    world, change, login, kept_or_not
):
    """What is kept of the round's closed units follows the unit tree and the expected units:
    a unit that closes, a unit that reopens and a unit added to the round are seen at the next
    page and in "my work" (`expected_closed_units`)."""
    from datetime import timedelta

    from django.utils import timezone

    from binhdang.orgunits.models import OrgUnit
    from binhdang.reporting.selectors import expected_closed_units

    reporting_round = make_round(world)
    reporting_services.round_open(actor=world.standing_office, reporting_round=reporting_round)
    gone = _unit("Xã Thanh Đức", Kind.COMMUNE, world.district, code="00712",
                 admin_set=AdminSet.LEGACY, valid_to=LEGACY_END)  # fmt: skip
    client = login(world.standing_office)
    url = reverse("reporting:detail", args=[reporting_round.slug])

    def closed_on_page():
        """The closed units the page flags (the first cell of each row of its notice)."""
        page = client.get(url).content.decode()
        start = page.find('id="closed-units-title"')
        notice = page[start : page.find("</section>", start)] if start >= 0 else ""
        return {cell.split(" <span")[0] for cell in re.findall(r"<tr>\n<td>(.*?)</td>", notice)}

    def flagged():
        work = [row.org_unit_id for row in expected_closed_units(world.standing_office)]
        return world.commune_a.name in closed_on_page(), world.commune_a.pk in work

    assert flagged() == (False, False)
    assert flagged() == (False, False)  # the second time from what is kept
    yesterday = timezone.localdate() - timedelta(days=1)
    OrgUnit.objects.filter(pk=world.commune_a.pk).update(valid_to=yesterday)
    assert flagged() == (True, True)
    world.commune_a.refresh_from_db()
    world.commune_a.valid_to = None
    world.commune_a.save()
    assert flagged() == (False, False)
    # A unit added to the round that closed already (as a re-address adds one).
    assert gone.name not in closed_on_page()
    ExpectedUnit.objects.bulk_create([ExpectedUnit(round=reporting_round, org_unit=gone)])
    assert gone.name in closed_on_page()


# ---------------------------------------------------------------- closed units not chosen


def test_a_closed_unit_is_not_offered_nor_accepted_for_a_new_user(world, change, login):
    from binhdang.accounts.services import AccountError, user_create

    client = login(world.standing_office)
    page = client.get(reverse("accounts:users")).content.decode()
    create = form(page, has="username")
    offered = {o.value for o in create.control("org_unit").options}
    assert str(change.new.pk) in offered and str(change.old.pk) not in offered
    assert str(change.old_police.pk) not in offered
    response = client.post(reverse("accounts:users"), create.data(
        username="moi", full_name="Người Mới", email="moi@example.org",
        org_unit=str(change.old.pk), role="viewer",
    ))  # fmt: skip
    assert response.status_code == 200
    with pytest.raises(AccountError, match="không còn tồn tại"):
        user_create(actor=world.standing_office, username="moi", full_name="Người Mới",
                    email="moi@example.org", org_unit=change.old, role="viewer", scope="unit")  # fmt: skip
    assert not Membership.objects.filter(user__username="moi").exists()


def test_a_closed_unit_is_not_offered_nor_accepted_for_a_new_directive(world, change, login):
    from binhdang.directives.services import directive_create

    client = login(world.standing_office)
    page = client.get(reverse("directives:create")).content.decode()
    create = form(page, has="recipient_units")
    offered = {o.value for o in create.control("recipient_units").options}
    assert str(change.new.pk) in offered and str(change.old.pk) not in offered
    today = date.today().isoformat()
    response = client.post(reverse("directives:create"), create.data(
        doc_type="cong_van", issued_on=today, place="Vị Xuyên", issuing_unit=str(world.district.pk),
        subject="Kế hoạch năm nay", recipient_units=[str(change.old.pk)],
    ))  # fmt: skip
    assert response.status_code == 200
    data = {"doc_type": "cong_van", "number_symbol": "", "issued_on": date.today(),
            "place": "Vị Xuyên", "issuing_unit": world.district, "subject": "Kế hoạch"}  # fmt: skip
    with pytest.raises(DirectiveError, match="không còn tồn tại"):
        directive_create(actor=world.standing_office, data=data, recipient_units=[change.old])
    from binhdang.directives.models import Directive

    assert not Directive.objects.filter(subject__startswith="Kế hoạch").exists()


def test_a_closed_unit_is_not_offered_nor_accepted_for_a_new_round(world, change, login):
    client = login(world.standing_office)
    page = client.get(reverse("reporting:round_create")).content.decode()
    create = form(page, has="units")
    offered = {o.value for o in create.control("units").options}
    assert str(change.new.pk) in offered and str(change.old.pk) not in offered
    today = date.today()
    with pytest.raises(reporting_services.ReportingError, match="không còn tồn tại"):
        reporting_services.round_create(
            actor=world.standing_office, title="Báo cáo năm nay", slug="nam-nay",
            owner_unit=world.district, standing_office=world.labour_office, opens_on=today,
            deadline=today, period_year=today.year, units=[change.old],
        )  # fmt: skip
    from binhdang.reporting.models import ReportingRound

    assert not ReportingRound.objects.filter(slug="nam-nay").exists()


def test_a_closed_units_old_report_stays_readable(world, change, login):
    reporting_round = make_round(world)
    writer = _user("reporter_caobo", change.whole, "reporter")
    submission = fill(world, reporting_round, unit=change.whole, user=writer)
    reporting_services.submission_submit(actor=writer, submission=submission)
    url = reverse("reporting:submission", args=[reporting_round.slug, change.whole.pk])
    for reader in (world.standing_office, world.leader, world.viewer):
        response = login(reader).get(url)
        assert response.status_code == 200
        assert "Đã tổ chức 3 buổi tuyên truyền." in response.content.decode()
    assert login(world.outsider).get(url).status_code == 404


def test_a_body_goes_to_its_own_successor_else_to_the_matching_body(world, change):
    from binhdang.orgunits.succession import successor_candidates

    assert successor_candidates(change.old_police) == [change.new_police, change.far]
    assert successor_candidates(change.whole) == [change.new]
    # A body an administrator linked to the one that took over its work goes there.
    change.old_police.successors.set([change.new_police])
    assert successor_candidates(change.old_police) == [change.new_police]
    # A district's body, whose district names no successor, is placed by hand.
    world.district.valid_to = LEGACY_END
    world.district.save()
    assert successor_candidates(world.labour_office) == []
