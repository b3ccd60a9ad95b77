"""The row locks of a send (`services.versions._lock`) on PostgreSQL: the units of one round
send side by side, while a change of the round waits for the sends under way."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from binhdang.reporting.models import ReportingRound, RoundStatus
from binhdang.reporting.services.versions import _lock

from .factories import fill, make_round


def _timeout(ms: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"SET LOCAL lock_timeout = '{ms}ms'")


@pytest.mark.django_db(transaction=True)
def test_units_of_one_round_send_side_by_side_and_a_close_waits_for_them(world):
    if connection.vendor == "sqlite":
        pytest.skip("SQLite runs one writing transaction at a time; no row locks to test")
    reporting_round = make_round(world)
    first = fill(world, reporting_round)
    second = fill(world, reporting_round, unit=world.commune_b, user=world.reporter_b)
    held, done = threading.Event(), threading.Event()

    def send_under_way():
        try:
            with transaction.atomic():
                _lock(first)
                held.set()
                done.wait(20)
        finally:
            connection.close()

    thread = threading.Thread(target=send_under_way)
    thread.start()
    try:
        assert held.wait(20)
        with transaction.atomic():
            _timeout(2000)
            locked = _lock(second)  # raises OperationalError if it waited for the first
        assert locked.round.status == RoundStatus.OPEN
        with pytest.raises(OperationalError), transaction.atomic():
            _timeout(300)
            ReportingRound.objects.filter(pk=reporting_round.pk).update(status=RoundStatus.CLOSED)
        with pytest.raises(OperationalError), transaction.atomic():
            _timeout(300)
            _lock(first)  # the same unit's second send waits for the first
    finally:
        done.set()
        thread.join()
    assert ReportingRound.objects.get(pk=reporting_round.pk).status == RoundStatus.OPEN
