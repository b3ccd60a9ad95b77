from django.db import connections
from django.test import RequestFactory

from binhdang.core.db import ReplicaRouter, _use_replica, reading_from_replica, reads_from_replica
from binhdang.orgunits.models import OrgUnit


def test_it_sends_dashboard_reads_to_the_replica_only_when_one_is_configured(monkeypatch):
    router = ReplicaRouter()
    with reading_from_replica():
        assert router.db_for_read(OrgUnit) is None  # no replica configured: the primary
    monkeypatch.setitem(connections.databases, "replica", dict(connections.databases["default"]))
    with reading_from_replica():
        assert router.db_for_read(OrgUnit) == "replica"
        assert router.db_for_write(OrgUnit) is None
    assert router.db_for_read(OrgUnit) is None
    assert not router.allow_migrate("replica", "orgunits")


def test_it_marks_only_reading_requests():
    seen = []

    @reads_from_replica
    def view(request):
        seen.append(_use_replica.get())

    factory = RequestFactory()
    view(factory.get("/"))
    view(factory.post("/"))
    assert seen == [True, False]
