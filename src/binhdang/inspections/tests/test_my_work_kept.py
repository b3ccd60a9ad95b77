"""The complaints' steps and the follow-up items of "my work", kept in the shared cache per
user, language and day: the second load is the kept one, and each write of a complaint, its
handlers, an inspection, a follow-up item or a unit shows in the load after it."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from binhdang.core.views import provider_items, work_groups, work_key
from binhdang.inspections.models import FollowUp
from binhdang.inspections.services import (
    ComplaintData,
    InspectionData,
    ProgressData,
    complaint_progress,
    complaint_update,
    follow_up_add,
    follow_up_set_status,
    handler_add,
    handler_remove,
    inspection_update,
)
from binhdang.inspections.work import (
    COMPLAINTS,
    FOLLOW_UPS,
    complaint_steps,
    follow_up_items,
)
from tests.html_forms import form

from .factories import COMPLAINANT, make_complaint, make_follow_up, make_inspection

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]

RECEIVED = "Khiếu nại nhận ngày 20/11/2023"
FOLLOW_UP = "Bố trí kinh phí cho công tác bình đẳng giới"


def _items(user, kind) -> list[tuple]:
    """The items of one kind of the user's work: (title, due, status, detail, unit's name)."""
    return [
        (row.item.title, row.item.due, row.item.status, row.item.detail, row.item.unit.name)
        for group in work_groups(user)
        if group.kind.key == kind.key
        for row in group.rows
    ]


def _loaded_twice(user, kind, provider) -> list[tuple]:
    """Load the user's work twice: the second load of the provider's items is the kept one (no
    query) and says the same."""
    first = _items(user, kind)
    with CaptureQueriesContext(connection) as queries:
        provider_items(provider, user)
    assert len(queries) == 0, [q["sql"] for q in queries]
    assert _items(user, kind) == first
    return first


def _complaint_data(complaint, **changes) -> ComplaintData:
    values = {
        "org_unit": complaint.org_unit,
        "kind": complaint.kind,
        "received_on": complaint.received_on,
        "channel": complaint.channel,
        "respondent": complaint.respondent,
        "content": complaint.content,
        "complexity": complaint.complexity,
        "remote_area": complaint.remote_area,
    }
    return ComplaintData(**{**values, **changes})


# ---------------------------------------------------------------- complaints


def test_a_next_step_recorded_moves_the_complaints_item(world):
    complaint = make_complaint(world, received_on=date(2023, 11, 20))
    before = _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps)
    assert [(t, due) for t, due, *_rest in before] == [(RECEIVED, date(2023, 11, 30))]
    assert "thụ lý" in before[0][3]

    complaint_progress(actor=world.reporter_a, complaint=complaint, data=ProgressData(
        acceptance="accepted", decided_on=date(2023, 11, 27), verification_due=date(2023, 12, 15),
    ))  # fmt: skip
    after = _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps)
    assert [(t, due) for t, due, *_rest in after] == [(RECEIVED, date(2023, 12, 15))]
    assert after[0][3] == "Hoàn thành xác minh"


def test_a_closed_complaint_leaves_the_handlers_work(world):
    refused = make_complaint(world, received_on=date(2023, 11, 20))
    concluded = make_complaint(world, kind="denunciation", received_on=date(2023, 11, 21))
    complaint_progress(actor=world.reporter_a, complaint=concluded, data=ProgressData(
        acceptance="accepted", decided_on=date(2023, 11, 27),
    ))  # fmt: skip
    titles = [t for t, *_rest in _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps)]
    assert titles == [RECEIVED, "Tố cáo nhận ngày 21/11/2023"]

    complaint_progress(actor=world.reporter_a, complaint=refused, data=ProgressData(
        acceptance="refused", decided_on=date(2023, 11, 25),
        refusal_reason="Không thuộc thẩm quyền giải quyết.",
    ))  # fmt: skip
    titles = [t for t, *_rest in _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps)]
    assert titles == ["Tố cáo nhận ngày 21/11/2023"]

    complaint_progress(actor=world.reporter_a, complaint=concluded, data=ProgressData(
        acceptance="accepted", decided_on=date(2023, 11, 27), concluded_on=date(2023, 12, 20),
        outcome="upheld",
    ))  # fmt: skip
    assert _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps) == []


def test_a_complaint_changed_shows_in_the_next_load(world):
    complaint = make_complaint(world, received_on=date(2023, 11, 20))
    assert _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps)[0][:2] == (
        RECEIVED,
        date(2023, 11, 30),
    )
    complaint_update(
        actor=world.reporter_a,
        complaint=complaint,
        data=_complaint_data(complaint, kind="denunciation"),
    )
    # A denunciation is accepted within 7 working days: by 29/11/2023.
    assert _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps)[0][:2] == (
        "Tố cáo nhận ngày 20/11/2023",
        date(2023, 11, 29),
    )


def test_a_handler_added_or_removed_shows_in_their_work(world):
    complaint = make_complaint(world, received_on=date(2023, 11, 20))
    assert _loaded_twice(world.head_a, COMPLAINTS, complaint_steps) == []
    assert len(_loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps)) == 1

    handler_add(actor=world.reporter_a, complaint=complaint, user=world.head_a)
    assert [t for t, *_rest in _loaded_twice(world.head_a, COMPLAINTS, complaint_steps)] == [
        RECEIVED
    ]

    handler_remove(actor=world.head_a, complaint=complaint, user=world.reporter_a)
    assert _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps) == []


def test_the_home_page_shows_the_step_recorded_and_no_complainant(world, login):
    complaint = make_complaint(world, received_on=date(2023, 11, 20))
    client = login(world.reporter_a)

    def home() -> str:
        return " ".join(client.get(reverse("core:home")).content.decode().split())

    first = home()
    assert RECEIVED in first and "Quyết định thụ lý" in first
    assert COMPLAINANT not in first
    second = home()
    assert RECEIVED in second and "Quyết định thụ lý" in second
    # The kept items name the complaint by its kind and date, never by who made it.
    with translation.override("vi"):  # the page's language
        kept = cache.get(work_key(complaint_steps, world.reporter_a))
    assert kept is not None and RECEIVED in repr(kept)
    assert COMPLAINANT not in repr(kept) and "Thôn Nậm Am" not in repr(kept)

    progress_url = reverse("inspections:complaint_progress", args=[complaint.pk])
    progress = form(client.get(progress_url).content.decode(), has="acceptance")
    response = client.post(progress_url, progress.data(
        "Lưu", acceptance="refused", decided_on="25/11/2023",
        refusal_reason="Không thuộc thẩm quyền giải quyết.",
    ))  # fmt: skip
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.acceptance == "refused"
    assert RECEIVED not in home()


# ---------------------------------------------------------------- follow-up items


def test_a_follow_up_added_or_done_shows_in_the_responsible_units_work(world):
    inspection = make_inspection(world)
    assert _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items) == []

    item = make_follow_up(world, inspection, due_on=date(2023, 12, 31))
    found = _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)
    assert [(t, due, unit) for t, due, _s, _d, unit in found] == [
        (FOLLOW_UP, date(2023, 12, 31), "Xã Phú Linh")
    ]

    follow_up_set_status(
        actor=world.reporter_a, item=item, status="done", done_on=date(2023, 12, 20)
    )
    assert _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items) == []


def test_a_follow_ups_due_date_changed_shows_in_the_next_load(world):
    inspection = make_inspection(world)
    item = make_follow_up(world, inspection, due_on=date(2023, 12, 31))
    assert _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)[0][1] == date(2023, 12, 31)

    item.due_on = date(2024, 3, 31)
    item.save(update_fields=["due_on"])
    assert _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)[0][1] == date(2024, 3, 31)

    FollowUp.objects.filter(pk=item.pk).update(due_on=date(2024, 6, 30))
    assert _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)[0][1] == date(2024, 6, 30)


def test_an_inspection_renamed_shows_in_its_follow_ups(world):
    inspection = make_inspection(world)
    make_follow_up(world, inspection)
    assert _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)[0][3] == inspection.title

    title = "Kiểm tra liên ngành về bình đẳng giới năm 2023"
    inspection_update(actor=world.standing_office, inspection=inspection, data=InspectionData(
        org_unit=inspection.org_unit, title=title, started_on=inspection.started_on,
        ended_on=inspection.ended_on, inspected_units=[world.commune_a], kind=inspection.kind,
        plan=inspection.plan, scope_law=True, scope_dv=True,
    ))  # fmt: skip
    assert _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)[0][3] == title


def test_a_follow_up_added_by_the_office_reaches_the_units_kept_work(world):
    inspection = make_inspection(world)
    make_follow_up(world, inspection)
    assert len(_loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)) == 1
    follow_up_add(
        actor=world.standing_office, inspection=inspection, text="Tập huấn cho cán bộ thôn",
        responsible_unit=world.commune_a, due_on=date(2023, 11, 30),
    )  # fmt: skip
    titles = [t for t, *_rest in _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)]
    assert titles == ["Tập huấn cho cán bộ thôn", FOLLOW_UP]


# ---------------------------------------------------------------- units


def test_a_unit_closed_takes_its_complaints_and_follow_ups_out_of_the_work(world):
    make_complaint(world, received_on=date(2023, 11, 20))
    make_follow_up(world, make_inspection(world))
    assert len(_loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps)) == 1
    assert len(_loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items)) == 1

    world.commune_a.valid_to = date(2025, 6, 30)
    world.commune_a.save()
    assert _loaded_twice(world.reporter_a, COMPLAINTS, complaint_steps) == []
    assert _loaded_twice(world.reporter_a, FOLLOW_UPS, follow_up_items) == []
