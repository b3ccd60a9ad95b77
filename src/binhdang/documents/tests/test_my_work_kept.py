"""The consolidated reports of "my work", kept in the shared cache between requests: the next
load after a report is drafted, dated, signed, reopened or sent (or its round renamed) shows
the change."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from binhdang.core.views import work_groups
from binhdang.documents import services
from binhdang.documents.models import ConsolidatedReport

from .fixtures import make_round

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]


def _reports(user) -> list[tuple[str, str, date | None]]:
    """(title, address, due) of the consolidated reports in `user`'s work."""
    return [
        (row.item.title, row.item.url, row.item.due)
        for group in work_groups(user)
        if group.kind.key == "consolidated-reports"
        for row in group.rows
    ]


def _kept(user) -> list[tuple[str, str, date | None]]:
    """`_reports(user)` loaded twice: the second from the cache, without reading any report."""
    first = _reports(user)
    with CaptureQueriesContext(connection) as queries:
        second = _reports(user)
    assert second == first
    assert not [q for q in queries if "documents_consolidatedreport" in q["sql"]]
    return second


def test_my_work_shows_each_change_of_a_consolidated_report(world, login):
    office, leader = world.standing_office, world.leader
    rnd = make_round(world)
    url = reverse("documents:round", args=[rnd.pk])
    assert _kept(leader) == [] and _kept(office) == []

    # Drafted: the office compiles the report; it is the office's and the leader's to finish.
    report = services.compile_report(actor=office, round=rnd)
    assert [item[1] for item in _kept(leader)] == [url]
    assert [item[1] for item in _kept(office)] == [url]
    assert url in login(leader).get(reverse("core:home")).content.decode()

    # Dated: the header's date is the item's due date.
    services.report_update_header(actor=office, report=report, values={"date": date(2023, 12, 20)})
    assert [item[2] for item in _kept(leader)] == [date(2023, 12, 20)]

    # The round renamed: the item names it.
    rnd.title = "Báo cáo công tác bình đẳng giới năm 2023 (bổ sung)"
    rnd.save()
    assert "(bổ sung)" in _kept(leader)[0][0]

    # Signed: the leader finalises it; nobody has it to finish any more.
    services.report_finalise(actor=leader, report=ConsolidatedReport.objects.get(pk=report.pk))
    assert _kept(leader) == [] and _kept(office) == []
    assert url not in login(leader).get(reverse("core:home")).content.decode()

    # Reopened for a correction: a draft again.
    services.report_reopen(actor=office, report=report, reason="Sửa số liệu xã Phú Linh")
    assert [item[1] for item in _kept(leader)] == [url]

    # Signed again and sent: out of the work for good.
    services.report_finalise(actor=leader, report=ConsolidatedReport.objects.get(pk=report.pk))
    services.send_record_add(
        actor=office, report=report, sent_on=date(2023, 12, 21), channel="email"
    )
    assert _kept(leader) == [] and _kept(office) == []
