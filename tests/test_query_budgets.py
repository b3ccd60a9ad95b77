"""Query budgets of the deadline-day addresses (issue 16), and the rule that no cache lets a
removed member keep access.

Each budget is what the address costs today, so a change that brings a query back fails
here. Writes run inside the test's transaction, so their own transaction shows as a
SAVEPOINT and its RELEASE: two of the counted queries that a real request spends as BEGIN and
COMMIT. Sessions and memberships are in the cache (`cached_db` and `BINHDANG_SHARED_CACHE`, as with
Redis in production)."""

import pytest
from django.urls import reverse

from binhdang.accounts.models import ApiToken, Membership
from binhdang.indicators.services import load_catalogue
from binhdang.reporting import services
from binhdang.reporting.models import Submission
from binhdang.reporting.tests.factories import fill, make_round

# Queries an address may run at most (see the module docstring about writes).
BUDGETS = {
    # The session, the user, the memberships, the closed units' subtrees, the unread count
    # and the unit groups reaching the user from the cache, and every provider's items kept
    # (`core.views.provider_items`); the units' place names when an item names a unit. The
    # cases menu is decided on the memberships; apps whose work the user has no role for
    # (cases) ask nothing.
    "my work": 1,
    # The same after a report was written elsewhere: the rounds' items and the directives'
    # open tasks are worked out again (rounds to review, open rounds managed, open tasks) with
    # the units' place names; the other providers' items stay kept. Cold, each of the other
    # providers adds one query (8 in all).
    "my work, after a report was saved": 4,
    # The user's own units in it, the counts per unit group (the round's are their sums, the
    # page's count one of them), the page of rows; the round, which of its expected units
    # closed by the 2025 change (none here) and the user from the cache. A round with a
    # directive reads it too, and one with closed units their rows and successors.
    "round page": 4,
    # The round with the unit and its submission, answers and numbers (the token's row, the
    # user, the form and the memberships from the cache).
    "api open": 2,
    # A unit that has not started its report: the round with the unit alone.
    "api open, not started": 1,
    # Round with unit and submission (token, user, form and memberships from the cache), then
    # the savepoint, the version, answers and numbers read, the answers, the numbers, the
    # audit entry, the release.
    "draft save": 8,
    # Round with unit and submission, then the savepoint, the round's row held shared (sends
    # of one round side by side), the row locked (with its last version's number and whether
    # it has attachments), answers and numbers read once (for the checks, the snapshot and the
    # answer), the row, the version, the audit entry, the notifications of the standing
    # office's members (kept since an earlier arrival; one insert that skips the inactive and
    # any sent already), the release.
    "submit": 10,
    # The unit checked in the user's scope (by the view, and again by the figures it asks
    # for), the units above it and the units under it the user sees; the figures, the latest
    # year, the demo flag and the boundary change from the cache.
    "indicators dashboard": 4,
}


@pytest.fixture(autouse=True)
def cached_sessions(settings, shared_cache):
    """As with Redis: sessions in the cache, memberships kept between requests, and the cache
    emptied before and after each test (on SQLite a rolled-back test's ids come again)."""
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"


@pytest.fixture
def reporter_api(world, client):
    token = ApiToken.issue(world.reporter_a, "budget")
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def _api(reporting_round, unit):
    return f"/api/v1/reporting/rounds/{reporting_round.slug}/units/{unit.pk}"


def _warm(client, url, **extra):
    """The first request of a client fills what every later one reuses (the session in the
    cache, the token's last use); the budget is for the requests after it."""
    assert client.get(url, **extra).status_code == 200


@pytest.mark.django_db
def test_my_work_of_the_standing_office(world, login, django_assert_max_num_queries):
    reporting_round = make_round(world)
    fill(world, reporting_round)
    client = login(world.standing_office)
    _warm(client, "/")
    with django_assert_max_num_queries(BUDGETS["my work"]):
        assert client.get("/").status_code == 200
    fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    with django_assert_max_num_queries(BUDGETS["my work, after a report was saved"]):
        assert client.get("/").status_code == 200
    # The same draft saved again keeps its state, and every item stays kept.
    from binhdang.reporting import services

    services.submission_save(
        actor=world.reporter_b, reporting_round=reporting_round, org_unit=world.commune_b,
        data={"values": {"participants": "1.234"}},
    )  # fmt: skip
    with django_assert_max_num_queries(BUDGETS["my work"]):
        assert client.get("/").status_code == 200


@pytest.mark.django_db
def test_round_page(world, login, django_assert_max_num_queries):
    reporting_round = make_round(world)
    fill(world, reporting_round)
    client = login(world.standing_office)
    url = reverse("reporting:detail", args=[reporting_round.slug])
    _warm(client, url)
    with django_assert_max_num_queries(BUDGETS["round page"]):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_api_open_of_a_report(world, client, reporter_api, django_assert_max_num_queries):
    reporting_round = make_round(world)
    fill(world, reporting_round)
    url = _api(reporting_round, world.commune_a)
    _warm(client, url, **reporter_api)
    with django_assert_max_num_queries(BUDGETS["api open"]):
        response = client.get(url, **reporter_api)
    assert response.status_code == 200
    assert response.json()["values"]


@pytest.mark.django_db
def test_api_open_of_a_report_not_started(
    world, client, reporter_api, django_assert_max_num_queries
):
    reporting_round = make_round(world)
    url = _api(reporting_round, world.commune_a)
    _warm(client, url, **reporter_api)
    with django_assert_max_num_queries(BUDGETS["api open, not started"]):
        response = client.get(url, **reporter_api)
    assert response.status_code == 200
    assert response.json()["version"] == 0 and response.json()["answers"] == []


@pytest.mark.django_db
def test_indicators_dashboard(world, login, django_assert_max_num_queries):
    load_catalogue()
    client = login(world.leader)
    url = reverse("indicators:dashboard", args=[world.district.pk])
    _warm(client, url)
    with django_assert_max_num_queries(BUDGETS["indicators dashboard"]):
        assert client.get(url).status_code == 200


@pytest.mark.django_db
def test_draft_save(world, client, reporter_api, django_assert_max_num_queries):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    section = reporting_round.sections.get(number="1")
    url = _api(reporting_round, world.commune_a)
    _warm(client, url, **reporter_api)
    body = {
        "version": submission.version,
        "answers": {f"{section.pk}:done": "Đã tổ chức 4 buổi."},
        "values": {"participants": "130", "participants_women": "71"},
    }
    with django_assert_max_num_queries(BUDGETS["draft save"]):
        response = client.put(url + "/draft", body, content_type="application/json", **reporter_api)
    assert response.status_code == 200, response.content
    submission.refresh_from_db()
    assert submission.version == body["version"] + 1
    assert submission.values.get(field__code="participants").value == 130


@pytest.mark.django_db
def test_submit(world, client, reporter_api, django_assert_max_num_queries):
    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    # Another commune's report arrived earlier: the office's members are kept since.
    earlier = fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    services.submission_submit(actor=world.reporter_b, submission=earlier)
    url = _api(reporting_round, world.commune_a)
    _warm(client, url, **reporter_api)
    with django_assert_max_num_queries(BUDGETS["submit"]):
        response = client.post(
            url + "/submit",
            {"version": submission.version},
            content_type="application/json",
            **reporter_api,
        )
    assert response.status_code == 200, response.content
    assert Submission.objects.get(pk=submission.pk).first_submitted_at is not None


@pytest.mark.django_db
def test_a_removed_member_is_refused_at_the_next_request(world, login, client):
    """Page (session in the cache) and API (token) alike: the request after the membership
    is removed is refused, though the same client was let in a moment before."""
    reporting_round = make_round(world)
    fill(world, reporting_round)
    page = reverse(
        "reporting:submission",
        kwargs={"slug": reporting_round.slug, "unit_id": world.commune_a.pk},
    )
    api = _api(reporting_round, world.commune_a)
    token = ApiToken.issue(world.reporter_a, "removal")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    signed_in = login(world.reporter_a)
    assert signed_in.get(page).status_code == 200
    assert client.get(api, **bearer).status_code == 200
    assert signed_in.get(page).status_code == 200  # served with the session from the cache

    Membership.objects.filter(user=world.reporter_a, org_unit=world.commune_a).delete()

    assert signed_in.get(page).status_code == 404
    assert client.get(api, **bearer).status_code == 404
    assert (
        client.put(
            api + "/draft", {"version": 1}, content_type="application/json", **bearer
        ).status_code
        == 404
    )
    assert Submission.objects.get(round=reporting_round, org_unit=world.commune_a).version == 1


def test_saving_a_draft_keeps_its_state():
    """The draft save counts the version up in one UPDATE limited to the states it may be
    saved in, and leaves the state as it is: the states table must agree."""
    from binhdang.reporting.services.drafts import SAVE_STATES
    from binhdang.reporting.states import TRANSITIONS, Action

    assert SAVE_STATES
    assert all(TRANSITIONS[(state, Action.SAVE)] == state for state in SAVE_STATES)


@pytest.mark.django_db
def test_round_for_answers_as_visible_rounds_does(world):
    """`round_for` decides on one round in Python what `visible_rounds` decides in the
    database: both agree for every user of the world, on an open and on a draft round."""
    from django.http import Http404

    from binhdang.reporting import services
    from binhdang.reporting.selectors import round_for, visible_rounds

    open_round = make_round(world)
    draft = services.round_create(
        actor=world.standing_office,
        title="Đợt nháp",
        slug="dot-nhap",
        owner_unit=world.district,
        standing_office=world.labour_office,
        opens_on=open_round.opens_on,
        deadline=open_round.deadline,
        period_year=2023,
        units=[world.commune_a],
    )
    users = [
        world.standing_office, world.leader, world.reporter_a, world.head_a, world.reporter_b,
        world.dept_reporter, world.outsider, world.nobody, world.admin, world.viewer,
    ]  # fmt: skip
    seen = 0
    for user in users:
        visible = set(visible_rounds(user).values_list("slug", flat=True))
        for reporting_round in (open_round, draft):
            try:
                round_for(user, reporting_round.slug)
                found = True
            except Http404:
                found = False
            assert found == (reporting_round.slug in visible), (user.username, reporting_round)
            seen += found
    assert 0 < seen < 2 * len(users)


@pytest.mark.django_db
def test_a_rule_another_app_adds_still_applies_to_the_writer(world, client, reporter_api):
    """The writer's own text is shown without asking the rules only while the reporting
    app's rules are the only ones: a further rule on answers hides them again."""
    from django.db.models import Q

    from binhdang.accounts.scoping import register_record_rule, unregister_record_rule
    from binhdang.reporting.models import SubmissionAnswer
    from binhdang.reporting.permissions import SUBMISSION_VIEW

    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    url = _api(reporting_round, world.commune_a)
    assert client.get(url, **reporter_api).json()["answers"]

    def nothing(user):
        return Q(pk__in=[])

    register_record_rule(SubmissionAnswer, SUBMISSION_VIEW, nothing)
    try:
        assert client.get(url, **reporter_api).json()["answers"] == []
        section = reporting_round.sections.get(number="1")
        saved = client.put(
            url + "/draft",
            {"version": submission.version, "answers": {f"{section.pk}:done": "Mới"}},
            content_type="application/json",
            **reporter_api,
        )
        assert saved.status_code == 200
        assert saved.json()["answers"] == []
    finally:
        unregister_record_rule(SubmissionAnswer, SUBMISSION_VIEW, nothing)
    assert client.get(url, **reporter_api).json()["answers"][0]["text"] == "Mới"


@pytest.mark.django_db
def test_a_changed_form_is_seen_by_the_next_save(world, client, reporter_api):
    """The round's form is kept in the cache under its version: a field edited or added
    after a save (the cache filled) is what the next save checks and stores."""
    from binhdang.reporting import services
    from binhdang.reporting.models import ReportingRound

    reporting_round = make_round(world)
    submission = fill(world, reporting_round)
    url = _api(reporting_round, world.commune_a) + "/draft"
    version = submission.version

    def save(values):
        return client.put(
            url, {"version": version, "values": values}, content_type="application/json",
            **reporter_api,
        )  # fmt: skip

    first = save({"participants": "130"})
    assert first.status_code == 200
    version = first.json()["version"]
    before = ReportingRound.objects.get(pk=reporting_round.pk).form_version

    services.field_add(
        reporting_round=reporting_round, code="participants", label="Người tham gia",
        position=0, max_value=100,
    )  # fmt: skip
    services.field_add(reporting_round=reporting_round, code="sessions", label="Số buổi")
    assert ReportingRound.objects.get(pk=reporting_round.pk).form_version == before + 2

    refused = save({"participants": "140"})
    assert refused.status_code == 400, refused.content
    assert "v_participants" in refused.json()["errors"]
    saved = save({"participants": "90", "sessions": "6"})
    assert saved.status_code == 200, saved.content
    stored = {v.field.code: v.value for v in submission.values.select_related("field")}
    assert stored["participants"] == 90 and stored["sessions"] == 6


def _queries_with(needle: str, client, url, **extra) -> int:
    """How many queries of `client.get(url)` hold `needle` in their SQL."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(url, **extra)
    return sum(needle in q["sql"] for q in queries.captured_queries)


def _membership_queries(client, url) -> int:
    return _queries_with('"accounts_membership"', client, url)


@pytest.mark.django_db
def test_memberships_kept_between_requests_follow_every_change(world, login):
    """The memberships come from the cache while nothing changes; a membership given, a
    membership removed and a unit written are each seen at the next request."""
    from binhdang.accounts.permissions import Role, Scope

    reporting_round = make_round(world)
    fill(world, reporting_round)
    page = reverse(
        "reporting:submission",
        kwargs={"slug": reporting_round.slug, "unit_id": world.commune_a.pk},
    )
    signed_in = login(world.reporter_b)
    assert signed_in.get(page).status_code == 404
    assert _membership_queries(signed_in, page) == 0  # from the cache

    given = Membership.objects.create(
        user=world.reporter_b, org_unit=world.commune_a, role=Role.REPORTER, scope=Scope.UNIT
    )
    assert signed_in.get(page).status_code == 200
    assert _membership_queries(signed_in, page) == 0

    world.district.save()
    assert _membership_queries(signed_in, page) == 1  # the unit tree changed: read again

    given.delete()
    assert signed_in.get(page).status_code == 404


def _user_queries(client, url) -> int:
    return _queries_with('FROM "accounts_user"', client, url)


@pytest.mark.django_db
def test_the_signed_in_user_kept_between_requests_follows_every_change(world, login):
    """The signed-in user's row comes from the cache while nothing changes; the request after
    the user is deactivated (by a save or in bulk), changes password or is deleted is refused."""
    from binhdang.accounts.models import User

    home = reverse("core:home")
    for change in ("save", "bulk", "password", "delete"):
        user = User.objects.create_user(f"kept-{change}", password="Mat-khau-2025!")
        Membership.objects.create(user=user, org_unit=world.commune_a, role="reporter")
        signed_in = login(user)
        assert signed_in.get(home).status_code == 200
        assert _user_queries(signed_in, home) == 0  # from the cache
        if change == "save":
            user.is_active = False
            user.save()
        elif change == "bulk":
            User.objects.filter(pk=user.pk).update(is_active=False)
        elif change == "password":
            user.set_password("Mat-khau-moi-2025!")
            user.save()
        else:
            user.delete()
        answer = signed_in.get(home)
        assert answer.status_code == 302, change
        assert answer["Location"].startswith(reverse("accounts:login")), change
        signed_in.logout()


@pytest.mark.django_db
def test_closed_units_kept_between_requests_follow_a_unit_closed(world):
    """The closed subtrees are kept in the shared cache under the unit tree's generation: a
    unit closed (with an open unit under it) is in the next answer."""
    import datetime

    from binhdang.memo import request_memo
    from binhdang.orgunits.models import OrgUnit, closed_condition

    on = datetime.date(2026, 3, 1)

    def closed_ids():
        with request_memo():
            return set(OrgUnit.objects.filter(closed_condition(on)).values_list("pk", flat=True))

    assert world.commune_a.pk not in closed_ids()
    closed_ids()  # from the cache
    world.district.valid_to = datetime.date(2026, 1, 1)
    world.district.save()
    assert {world.district.pk, world.commune_a.pk} <= closed_ids()


@pytest.mark.django_db
def test_unread_count_kept_between_requests_follows_every_change(world, django_assert_num_queries):
    """The unread count is kept in the shared cache under the notifications' generation: a
    notification sent, one marked read and one deleted are each in the next count."""
    from binhdang.notifications.models import Notification
    from binhdang.notifications.selectors import unread_count
    from binhdang.notifications.services import mark_read, notify

    user = world.standing_office
    assert unread_count(user) == 0
    with django_assert_num_queries(0):
        assert unread_count(user) == 0  # from the cache
    sent = notify(users=[user], title="Nhắc hạn báo cáo", email=False)
    notify(users=[user], title="Báo cáo mới được gửi", email=False)
    assert unread_count(user) == 2
    mark_read(user=user, notification_ids=[sent[0].pk])
    assert unread_count(user) == 1
    Notification.objects.filter(user=user).delete()
    assert unread_count(user) == 0


@pytest.mark.django_db
def test_groups_kept_between_requests_follow_every_change(world):
    """The unit groups reaching a user are kept in the shared cache under the groups'
    generation: a member added, a member removed and a rule written are each seen next."""
    from binhdang.directives.selectors import visible_directives
    from binhdang.directives.tests.factories import make_directive
    from binhdang.orgunits.models import Kind, UnitGroup

    group = UnitGroup.objects.create(owner=world.district, name="Nhóm xã điểm", slug="xa-diem")
    group.members.add(world.commune_a)
    directive = make_directive(world, recipients=[], groups=[group], lead=[])

    def sees(user):
        return visible_directives(user).filter(pk=directive.pk).exists()

    assert sees(world.reporter_a) and not sees(world.reporter_b)
    assert sees(world.reporter_a) and not sees(world.reporter_b)  # from the cache
    group.members.add(world.commune_b)
    assert sees(world.reporter_b)
    group.members.remove(world.commune_a)
    assert not sees(world.reporter_a)
    group.rule_root, group.rule_kinds = world.district, [Kind.COMMUNE]
    group.save()
    assert sees(world.reporter_a)


def _token_queries(client, url, headers) -> int:
    return _queries_with('FROM "accounts_apitoken"', client, url, **headers)


@pytest.mark.django_db
def test_api_tokens_kept_between_requests_follow_every_change(world, client):
    """The token's row comes from the cache while nothing changes; the call after the token
    is revoked (by a save or in bulk), expires, is deleted, or its user is deactivated is
    refused, and its last use is still written (at most once a minute)."""
    from datetime import timedelta

    from django.utils import timezone

    from binhdang.accounts.models import User

    url = "/api/v1/me"
    for change in ("save", "bulk", "expired", "delete", "user"):
        api_token, secret = ApiToken.issue_token(world.reporter_a, f"kept-{change}")
        headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
        assert client.get(url, **headers).status_code == 200
        assert _token_queries(client, url, headers) == 0  # from the cache
        api_token.refresh_from_db()
        assert timezone.now() - api_token.last_used_at < timedelta(minutes=1)
        if change == "save":
            api_token.revoked_at = timezone.now()
            api_token.save()
        elif change == "bulk":
            ApiToken.objects.filter(pk=api_token.pk).update(revoked_at=timezone.now())
        elif change == "expired":
            ApiToken.objects.filter(pk=api_token.pk).update(
                expires_at=timezone.now() - timedelta(seconds=1)
            )
        elif change == "delete":
            api_token.delete()
        else:
            User.objects.filter(pk=world.reporter_a.pk).update(is_active=False)
        assert client.get(url, **headers).status_code == 401, change


@pytest.mark.django_db
def test_rounds_kept_between_requests_follow_every_change(world, client, reporter_api):
    """The round the API reads by its slug comes from the cache while nothing changes; the
    call after the round is closed (by a save), renamed in bulk or deleted reads it again."""
    from binhdang.reporting import services
    from binhdang.reporting.models import ReportingRound

    reporting_round = make_round(world)
    url = _api(reporting_round, world.commune_a)
    assert client.get(url, **reporter_api).status_code == 200
    assert _queries_with('FROM "reporting_reportinground"', client, url, **reporter_api) == 0

    def first_save(at):
        body = {"version": 0, "values": {"participants": "12"}}
        return client.put(at + "/draft", body, content_type="application/json", **reporter_api)

    services.round_close(actor=world.standing_office, reporting_round=reporting_round)
    refused = first_save(url)
    assert refused.status_code == 409, refused.content
    assert not Submission.objects.filter(round=reporting_round).exists()

    ReportingRound.objects.filter(pk=reporting_round.pk).update(status="open", slug="bdg-moi")
    assert client.get(url, **reporter_api).status_code == 404
    renamed = url.replace(reporting_round.slug, "bdg-moi")
    assert first_save(renamed).status_code == 200
    assert Submission.objects.filter(round=reporting_round).count() == 1

    ReportingRound.objects.get(pk=reporting_round.pk).delete()
    assert client.get(renamed, **reporter_api).status_code == 404


@pytest.mark.django_db
def test_what_a_transaction_reads_after_its_own_write_is_kept_only_once_committed(world):
    """A membership given in a transaction that then rolls back was never there: what the
    transaction read after giving it must not stay in the cache for the next request."""
    from django.db import transaction

    from binhdang.accounts.models import User
    from binhdang.accounts.scoping import has_permission
    from binhdang.reporting.permissions import SUBMISSION_EDIT

    def may_write():  # a fresh user object, as each request has
        return has_permission(
            User.objects.get(pk=world.outsider.pk), SUBMISSION_EDIT, world.commune_a
        )

    assert not may_write()
    with pytest.raises(RuntimeError), transaction.atomic():
        Membership.objects.create(user=world.outsider, org_unit=world.commune_a, role="reporter")
        assert may_write()  # the transaction sees its own write
        raise RuntimeError("rolled back")
    assert not Membership.objects.filter(user=world.outsider, org_unit=world.commune_a).exists()
    assert not may_write()

    with transaction.atomic():
        Membership.objects.create(user=world.outsider, org_unit=world.commune_a, role="reporter")
        assert may_write()
    assert may_write()
    assert _membership_queries_of(world.outsider) == 0  # kept once the block is over


def _membership_queries_of(user) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from binhdang.accounts.models import User
    from binhdang.accounts.scoping import has_permission
    from binhdang.reporting.permissions import SUBMISSION_EDIT

    fresh, unit = User.objects.get(pk=user.pk), user.memberships.first().org_unit
    with CaptureQueriesContext(connection) as queries:
        has_permission(fresh, SUBMISSION_EDIT, unit)
    return sum('"accounts_membership"' in q["sql"] for q in queries.captured_queries)
