"""The demo's 2023 in records: the Action Month with most communes and the district bodies,
courses, role models; the same on every run, and a second run adds nothing."""

import io
from datetime import date

import pytest

from binhdang.communication.models import Activity, Campaign, RoleModel
from binhdang.core.registry import figure
from binhdang.demo.steps import s10_units, s20_directive, s25_communication, s26_training
from binhdang.training.models import Course, Participant

pytestmark = pytest.mark.django_db


def test_the_demo_records_vi_xuyen_2023():
    for step in (s10_units, s20_directive, s25_communication, s26_training):
        step.run(io.StringIO())
    month = Campaign.objects.get(kind="action_month", year=2023)
    in_month = Activity.objects.filter(campaign=month)
    communes = in_month.filter(org_unit__kind__in=["commune", "township"]).values("org_unit")
    assert communes.order_by().distinct().count() == 21  # 24 communes, 3 recorded nothing
    bodies = in_month.exclude(org_unit__kind__in=["commune", "township"]).values("org_unit")
    assert bodies.order_by().distinct().count() == 11
    assert Activity.objects.filter(task__number="1.1").exists()
    assert RoleModel.objects.count() == 10
    assert Course.objects.count() == 12
    listed = Course.objects.filter(from_list=True)
    assert listed.count() == 2
    for course in listed:
        assert course.participants_total == Participant.objects.filter(course=course).count()
    # Deterministic and idempotent.
    before = list(
        Activity.objects.order_by("id").values_list("title", "starts_on", "audience_total")
    )
    s25_communication.run(io.StringIO())
    s26_training.run(io.StringIO())
    after = list(
        Activity.objects.order_by("id").values_list("title", "starts_on", "audience_total")
    )
    assert before == after and Course.objects.count() == 12
    # The round's window leaves out what happened on 15/12.
    ids = list(Activity.objects.values_list("org_unit", flat=True).distinct())
    window = figure("communication.sessions").compute(ids, date(2022, 12, 15), date(2023, 12, 14))
    whole = figure("communication.sessions").compute(ids, date(2022, 12, 15), date(2023, 12, 31))
    assert sum(window.values()) < sum(whole.values())
