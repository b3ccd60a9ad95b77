"""The demo's leadership and committee steps: every commune of Vị Xuyên has its 2023 counts and
its committee with a 2023 kiện toàn decision; a second run changes nothing."""

import io
from datetime import date

import pytest

pytestmark = pytest.mark.django_db


def test_the_demo_steps_give_every_commune_its_records_once():
    from binhdang.cfaw.models import Committee, Decision, Member
    from binhdang.demo.steps import s10_units, s25_leadership, s26_cfaw
    from binhdang.leadership import figures
    from binhdang.leadership.models import Leader, LeadershipPost

    s10_units.run(io.StringIO())
    s25_leadership.run(io.StringIO())
    s26_cfaw.run(io.StringIO())
    units = s10_units.district_units()
    communes = [units[code] for code, _name in s10_units.COMMUNES]
    as_of = date(2023, 11, 30)
    with_counts = set(LeadershipPost.objects.filter(as_of=as_of).values_list("org_unit", flat=True))
    assert {u.pk for u in communes} <= with_counts
    phu_linh = units[s25_leadership.LIST_KEEPER]
    counted = LeadershipPost.objects.filter(org_unit=phu_linh, as_of=as_of)
    assert counted.exists() and all(p.from_list for p in counted)
    assert sum(p.total for p in counted) == Leader.objects.filter(org_unit=phu_linh).count()
    ids = [u.pk for u in communes]
    bodies = figures.state_bodies(ids, date(2023, 1, 1), date(2023, 12, 31))
    assert set(bodies.values()) == {2}  # each commune's People's Council and Committee
    committees = Committee.objects.filter(org_unit__in=[*communes, units["district"]])
    assert committees.count() == len(communes) + 1
    decided = set(Decision.objects.filter(signed_on__year=2023).values_list("committee", flat=True))
    assert decided == set(committees.values_list("pk", flat=True))
    before = (LeadershipPost.objects.count(), Member.objects.count(), Decision.objects.count())
    s25_leadership.run(io.StringIO())
    s26_cfaw.run(io.StringIO())
    after = (LeadershipPost.objects.count(), Member.objects.count(), Decision.objects.count())
    assert after == before
