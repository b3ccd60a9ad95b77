"""The shared cache on a real Redis (a private `redis-server` on a socket, as in production
with BINHDANG_REDIS_URL): Django's backend with one client per pool (`core/cache.py`), and
the rule that nothing it keeps lets a removed member or a revoked token in."""

import shutil
import subprocess
import time

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from binhdang.accounts.models import ApiToken, Membership
from binhdang.memo import forget_local
from binhdang.reporting.tests.factories import fill, make_round


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory):
    server = shutil.which("redis-server")
    if server is None:
        pytest.skip("redis-server is not installed (apt-get install redis-server)")
    socket = tmp_path_factory.mktemp("redis") / "redis.sock"
    process = subprocess.Popen(  # noqa: S603 - a fixed program with fixed arguments
        [server, "--port", "0", "--unixsocket", str(socket), "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    for _ in range(100):
        if socket.exists():
            break
        time.sleep(0.05)
    yield f"unix://{socket}"
    process.terminate()
    process.wait(10)


@pytest.fixture(autouse=True)
def on_redis(settings, redis_url):
    settings.CACHES = {
        "default": {"BACKEND": "binhdang.core.cache.RedisCache", "LOCATION": redis_url}
    }
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.BINHDANG_SHARED_CACHE = True
    cache.clear()
    forget_local()


def test_it_keeps_one_client_per_pool_and_stores_through_it():
    client = cache._cache.get_client()
    assert cache._cache.get_client(write=True) is client
    cache.set("binhdang:test:a", {"đơn vị": "Xã Kim Thạch"}, 60)
    assert cache.add("binhdang:test:b", 12.5, 60)
    assert not cache.add("binhdang:test:b", 1, 60)
    assert cache.get_many(["binhdang:test:a", "binhdang:test:b", "binhdang:test:c"]) == {
        "binhdang:test:a": {"đơn vị": "Xã Kim Thạch"},
        "binhdang:test:b": 12.5,
    }
    cache.delete("binhdang:test:a")
    assert cache.get("binhdang:test:a") is None
    assert cache._cache.get_client() is client


@pytest.mark.django_db
def test_a_removed_member_and_a_revoked_token_are_refused_at_the_next_request(world, login):
    client = Client()  # the API's, with no session
    reporting_round = make_round(world)
    fill(world, reporting_round)
    page = reverse(
        "reporting:submission",
        kwargs={"slug": reporting_round.slug, "unit_id": world.commune_a.pk},
    )
    api = f"/api/v1/reporting/rounds/{reporting_round.slug}/units/{world.commune_a.pk}"
    api_token, secret = ApiToken.issue_token(world.reporter_a, "redis")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    signed_in = login(world.reporter_a)
    for _ in range(2):  # the second time from what Redis keeps
        assert signed_in.get(page).status_code == 200
        assert client.get(api, **bearer).status_code == 200

    api_token.revoked_at = timezone.now()
    api_token.save()
    assert client.get(api, **bearer).status_code == 401

    Membership.objects.filter(user=world.reporter_a, org_unit=world.commune_a).delete()
    assert signed_in.get(page).status_code == 404


def test_the_office_told_of_each_arrival_is_the_office_as_it_is_then(world):
    """The standing office's members are kept between sends (`scoping.member_ids`): a member
    removed is not told of the next arrival, a member deactivated neither, a member added is."""
    from binhdang.accounts.models import User
    from binhdang.notifications.models import Notification
    from binhdang.reporting import services

    reporting_round = make_round(world)
    office = world.standing_office
    second = User.objects.create_user(username="thuong_truc_2", password="pw-thuong-truc-2")
    Membership.objects.create(user=second, org_unit=world.labour_office, role="standing_office")

    def send(unit, reporter):
        submission = fill(world, reporting_round, unit=unit, user=reporter)
        services.submission_submit(actor=reporter, submission=submission)
        return set(
            Notification.objects.filter(
                dedupe_key__startswith=f"submission:{submission.pk}:arrived:"
            ).values_list("user_id", flat=True)
        )

    assert send(world.commune_a, world.reporter_a) == {office.pk, second.pk}

    Membership.objects.filter(user=second).delete()
    office.is_active = False
    office.save()
    third = User.objects.create_user(username="thuong_truc_3", password="pw-thuong-truc-3")
    Membership.objects.create(user=third, org_unit=world.district, role="standing_office")
    assert send(world.commune_b, world.reporter_b) == {third.pk}


def _redis_calls() -> dict[str, int]:
    stats = cache._cache.get_client().info("commandstats")
    return {name.removeprefix("cmdstat_"): row["calls"] for name, row in stats.items()}


@pytest.mark.django_db
def test_a_process_copy_serves_a_request_only_under_the_tokens_it_read(world):
    """What Redis keeps is copied in the process (`memo._Local`): a request reads the
    generations' tokens once and takes the values kept under them from the copy. A membership
    removed by another process (its row deleted, its generation counted on in Redis alone) is
    seen by the next request all the same."""
    from uuid import uuid4

    from django.db import connection

    from binhdang.accounts.models import MEMBERSHIPS_GENERATION

    client = Client()
    reporting_round = make_round(world)
    fill(world, reporting_round)
    api = f"/api/v1/reporting/rounds/{reporting_round.slug}/units/{world.commune_a.pk}"
    _token, secret = ApiToken.issue_token(world.reporter_a, "redis")
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    for _ in range(2):
        assert client.get(api, **bearer).status_code == 200

    before = _redis_calls()
    assert client.get(api, **bearer).status_code == 200
    after = _redis_calls()
    # The token's row with every generation's token, then the user's row with its own
    # generation's: the memberships, the round and the rest come from the process's copy.
    assert after.get("mget", 0) - before.get("mget", 0) == 2
    assert after.get("get", 0) == before.get("get", 0)

    membership = Membership.objects.get(user=world.reporter_a, org_unit=world.commune_a)
    with connection.cursor() as cursor:  # as another process would, where this one sees nothing
        cursor.execute("DELETE FROM accounts_membership WHERE id = %s", [membership.pk])
    assert client.get(api, **bearer).status_code == 200  # the process's copy: nothing counted
    cache.set(MEMBERSHIPS_GENERATION, uuid4().hex, None)  # the other process's count
    assert client.get(api, **bearer).status_code == 404


@pytest.mark.django_db
def test_each_reader_of_a_copy_gets_objects_of_its_own(world):
    """A value taken from the process's copy is unpickled for each request: what one request
    marks on it (a round's `_visible_to`, for one) is not seen by the next."""
    from binhdang import memo
    from binhdang.reporting.models import ROUNDS_GENERATION

    reporting_round = make_round(world)
    computed = []

    def read():
        computed.append(1)
        return type(reporting_round).objects.get(pk=reporting_round.pk)

    def in_a_request():
        with memo.request_memo():
            # The request's first value reads the tokens (and comes from Redis); the next one
            # under them comes from the process's copy.
            memo.kept("test:first", (ROUNDS_GENERATION,), lambda: 1, 60)
            return memo.kept(f"test:round:{reporting_round.pk}", (ROUNDS_GENERATION,), read, 60)

    first = in_a_request()
    first._visible_to = world.reporter_a.pk
    second = in_a_request()
    assert len(computed) == 1  # the second from the copy
    assert second is not first
    assert not hasattr(second, "_visible_to")
    assert second.pk == reporting_round.pk


@pytest.mark.django_db(transaction=True)
def test_a_transactions_counts_at_commit_are_one_round_trip_and_follow_its_savepoints():
    """Two generations written in one transaction are counted on at once each and, at commit,
    together in one MSET; one written under a savepoint rolled back is not counted at commit
    (its rows were not written), the other still is."""
    from django.db import transaction

    from binhdang.memo import next_generation

    first, second = "binhdang:test:first:generation", "binhdang:test:second:generation"
    before = _redis_calls()
    with transaction.atomic():
        next_generation(first)
        next_generation(second)
        next_generation(first)
        written = cache.get_many([first, second])
    after = _redis_calls()
    assert after.get("set", 0) - before.get("set", 0) == 3  # each write at once
    assert after.get("mset", 0) - before.get("mset", 0) == 1  # and the commit's, together
    committed = cache.get_many([first, second])
    assert committed[first] != written[first] and committed[second] != written[second]

    with transaction.atomic():
        next_generation(first)
        try:
            with transaction.atomic():
                next_generation(second)
                raise RuntimeError
        except RuntimeError:
            pass
        written = cache.get_many([first, second])
    committed = cache.get_many([first, second])
    assert committed[first] != written[first]
    assert committed[second] == written[second]


def test_the_process_copy_holds_at_most_its_bytes_the_least_used_dropped_first():
    from binhdang.memo import _NOTHING, _Local

    local = _Local(size=3 * 1024)
    until = time.time() + 60
    for name in ("xã Kim Thạch", "xã Thanh Thủy", "xã Phú Linh"):
        local.put(name, ("t",), until, name * 60)  # about 1 KB each
    assert local.get("xã Kim Thạch", ("t",)) == "xã Kim Thạch" * 60  # now the most used
    local.put("xã Vị Xuyên", ("t",), until, "xã Vị Xuyên" * 60)
    assert local.get("xã Thanh Thủy", ("t",)) is _NOTHING  # the least used, dropped
    assert local.get("xã Kim Thạch", ("t",)) == "xã Kim Thạch" * 60
    assert local.get("xã Vị Xuyên", ("t",)) == "xã Vị Xuyên" * 60
    assert local.get("xã Vị Xuyên", ("other",)) is _NOTHING  # under other tokens: never
