"""The rounds' part of "my work" kept in a shared cache (`core.views.provider_items`): after
every change a unit or an office makes to a report, a round or a membership, the next page
shows what the database says, the same items as a page worked out without the cache."""

import pytest
from django.urls import reverse

from binhdang.accounts.models import Membership, User
from binhdang.core.views import work_groups
from binhdang.reporting import services
from binhdang.reporting.models import ExpectedUnit

from .factories import fill, make_round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]


def _items(user) -> list[tuple]:
    user = User.objects.get(pk=user.pk)  # as a request reads it, with nothing it worked out
    return [
        (group.kind.key, row.item.title, row.item.url, str(row.item.status), row.unit)
        for group in work_groups(user)
        for row in group.rows
        if group.kind.key.startswith("reports")
    ]


def _reads(user, settings) -> list[tuple]:
    """The user's report items as the page shows them (the second time from the cache), after
    checking they are those worked out from the database alone."""
    first, kept = _items(user), _items(user)
    settings.BINHDANG_SHARED_CACHE = False
    fresh = _items(user)
    settings.BINHDANG_SHARED_CACHE = True
    assert first == kept == fresh
    return kept


def test_a_reporters_items_follow_the_report_from_start_to_acceptance(world, settings):
    reporting_round = make_round(world)
    reporter, office = world.reporter_a, world.standing_office
    seen = [_reads(reporter, settings)]
    assert [s for _k, _t, _u, s, _n in seen[0]] == ["Chưa triển khai"]
    submission = fill(world, reporting_round)
    seen.append(_reads(reporter, settings))
    office_before = _reads(office, settings)
    services.submission_submit(actor=reporter, submission=submission)
    seen.append(_reads(reporter, settings))
    office_after = _reads(office, settings)
    assert office_before != office_after
    assert [k for k, *_ in office_after].count("reports-to-review") == 1
    services.submission_return(
        actor=office, submission=submission, comments={}, general="Bổ sung số liệu."
    )
    seen.append(_reads(reporter, settings))
    assert not [k for k, *_ in _reads(office, settings) if k == "reports-to-review"]
    submission.refresh_from_db()
    services.submission_submit(actor=reporter, submission=submission)
    submission.refresh_from_db()
    services.submission_accept(actor=office, submission=submission)
    seen.append(_reads(reporter, settings))
    assert seen[-1] == []  # an accepted report is no work left
    assert all(a != b for a, b in zip(seen, seen[1:], strict=False))


def test_the_items_follow_the_round_and_the_memberships(world, settings, login):
    reporting_round = make_round(world)
    reporter = world.reporter_a
    page = login(reporter).get(reverse("core:home")).content.decode()
    assert reporting_round.title in page
    assert _reads(reporter, settings)
    # The round renamed and its deadline moved: the next page shows the new title.
    reporting_round.title = "Báo cáo bình đẳng giới 6 tháng đầu năm 2023"
    reporting_round.save()
    assert _reads(reporter, settings)[0][1] == reporting_round.title
    # The unit no longer expected.
    ExpectedUnit.objects.filter(round=reporting_round, org_unit=world.commune_a).delete()
    assert _reads(reporter, settings) == []
    ExpectedUnit.objects.create(round=reporting_round, org_unit=world.commune_a)
    assert len(_reads(reporter, settings)) == 1
    # The reporter's membership removed: nothing of the unit is their work any more.
    Membership.objects.filter(user=reporter, org_unit=world.commune_a).delete()
    assert _reads(reporter, settings) == []
    assert reporting_round.title not in login(reporter).get(reverse("core:home")).content.decode()


def test_a_closed_round_is_no_work_at_the_next_page(world, settings):
    reporting_round = make_round(world)
    assert _reads(world.reporter_a, settings)
    services.round_close(actor=world.standing_office, reporting_round=reporting_round)
    assert _reads(world.reporter_a, settings) == []
