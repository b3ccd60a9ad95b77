"""Leadership records: entry through the real forms, checks, scoping, the list of leaders kept
by personnel officers, the figures computed for the indicators, the report section."""

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from binhdang.audit.models import AuditEntry
from binhdang.leadership import figures
from binhdang.leadership.models import (
    CouncilDeputies,
    Leader,
    LeadershipPost,
    LeaderTraining,
    PlanningCadre,
)
from binhdang.leadership.records import save_record
from binhdang.leadership.types import DEPUTIES, PEOPLE, PLANNING, POSTS, TRAINING
from tests.html_forms import form, forms, rows

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def post(world, unit=None, actor=None, **values):
    raw = {
        "as_of": "30/11/2023",
        "level": "commune",
        "body_kind": "peoples_committee",
        "body_name": "Ủy ban nhân dân xã Phú Linh",
        "post": "head",
        "total": "1",
        "women": "0",
        "ethnic_minority": "0",
    }
    raw.update(values)
    return save_record(
        actor=actor or world.reporter_a, rtype=POSTS, unit=unit or world.commune_a, raw=raw
    )


def _submit(client, url, **changes):
    """Open the page, fill the record's form as a person would and press Save."""
    page = client.get(url)
    assert page.status_code == 200
    f = next(x for x in forms(page.content) if x.attrs.get("class") == "stacked")
    return client.post(f.action or url, f.data(f.buttons[0], **changes))


def test_it_records_a_post_through_the_form_with_vietnamese_numbers_and_nfd_text(world, login):
    client = login(world.reporter_a)
    response = _submit(
        client,
        reverse("leadership:create", kwargs={"kind": "posts"}),
        as_of="30/11/2023",
        level="commune",
        body_kind="peoples_council",
        body_name=nfd("Hội đồng nhân dân xã Phú Linh"),
        post="deputy",
        total="1.234",
        women="617",
        ethnic_minority="12",
    )
    assert response.status_code == 302
    saved = LeadershipPost.objects.get()
    assert saved.org_unit == world.commune_a
    assert saved.body_name == "Hội đồng nhân dân xã Phú Linh"
    assert (saved.total, saved.women, saved.ethnic_minority) == (1234, 617, 12)
    assert saved.as_of == date(2023, 11, 30)
    assert AuditEntry.objects.filter(action="leadership.post.create", object_id=str(saved.pk))
    detail = client.get(response["Location"]).content.decode()
    assert "1.234" in detail


def test_it_refuses_more_women_than_holders_and_saves_nothing(world, login):
    client = login(world.reporter_a)
    response = _submit(
        client,
        reverse("leadership:create", kwargs={"kind": "posts"}),
        as_of="30/11/2023",
        level="commune",
        body_kind="peoples_committee",
        body_name="Ủy ban nhân dân xã Phú Linh",
        post="deputy",
        total="2",
        women="3",
        ethnic_minority="12,5",
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "không được lớn hơn" in page or "cannot be more than" in page
    assert not LeadershipPost.objects.exists()


def test_it_refuses_the_district_level_after_1_july_2025(world):
    from binhdang.leadership.records import RecordError

    with pytest.raises(RecordError) as caught:
        post(world, level="district", as_of="01/07/2025")
    assert "level" in caught.value.errors
    assert not LeadershipPost.objects.exists()
    post(world, level="district", as_of="30/06/2025")
    assert LeadershipPost.objects.count() == 1


def test_it_refuses_the_same_post_twice(world):
    from binhdang.leadership.records import RecordError

    post(world)
    with pytest.raises(RecordError):
        post(world, total="2", women="1")
    assert LeadershipPost.objects.count() == 1


def test_it_edits_and_deletes_through_the_buttons(world, login):
    record = post(world, total="2", women="1")
    client = login(world.reporter_a)
    response = _submit(
        client, reverse("leadership:edit", kwargs={"kind": "posts", "pk": record.pk}), women="2"
    )
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.women == 2
    detail = client.get(reverse("leadership:record", kwargs={"kind": "posts", "pk": record.pk}))
    delete = form(detail.content, action="/delete/")
    client.post(delete.action, delete.data(delete.buttons[0]))
    assert not LeadershipPost.objects.exists()
    assert AuditEntry.objects.filter(action="leadership.post.delete").exists()


def test_a_unit_records_its_own_and_sees_nothing_of_another_commune(world, login):
    a = post(world, body_name="UBND xã Phú Linh")
    b = post(world, unit=world.commune_b, actor=world.reporter_b, body_name="UBND xã Kim Thạch")
    client = login(world.reporter_b)
    listing = client.get(reverse("leadership:list", kwargs={"kind": "posts"})).content.decode()
    assert "UBND xã Kim Thạch" in listing and "UBND xã Phú Linh" not in listing
    assert (
        client.get(reverse("leadership:record", kwargs={"kind": "posts", "pk": a.pk})).status_code
        == 404
    )
    assert (
        client.get(reverse("leadership:edit", kwargs={"kind": "posts", "pk": a.pk})).status_code
        == 404
    )
    assert (
        client.post(reverse("leadership:delete", kwargs={"kind": "posts", "pk": a.pk})).status_code
        == 404
    )
    assert LeadershipPost.objects.filter(pk=a.pk).exists()
    # The district's standing office reads both communes, and records only the district's own.
    client = login(world.standing_office)
    listing = client.get(reverse("leadership:list", kwargs={"kind": "posts"})).content.decode()
    assert "UBND xã Kim Thạch" in listing and "UBND xã Phú Linh" in listing
    assert (
        client.get(reverse("leadership:edit", kwargs={"kind": "posts", "pk": b.pk})).status_code
        == 404
    )
    new = client.get(reverse("leadership:create", kwargs={"kind": "posts"})).content.decode()
    assert "Xã Phú Linh" not in new
    from binhdang.leadership.records import RecordError

    with pytest.raises(RecordError):
        post(world, actor=world.standing_office, body_name="UBND xã Phú Linh (2)")
    # Commune C of another district reads nothing.
    client = login(world.outsider)
    listing = client.get(reverse("leadership:list", kwargs={"kind": "posts"})).content.decode()
    assert "Phú Linh" not in listing and "Kim Thạch" not in listing


def test_the_list_of_leaders_is_read_by_the_units_head_only_and_gives_the_counts(world, login):
    def leader(
        name, sex, body="Ủy ban nhân dân xã Phú Linh", kind="peoples_committee", post="deputy"
    ):
        return save_record(
            actor=world.head_a,
            rtype=PEOPLE,
            unit=world.commune_a,
            raw={
                "as_of": "30/11/2023", "level": "commune", "body_kind": kind, "body_name": body,
                "post": post, "full_name": nfd(name), "sex": sex, "ethnic_minority": True,
                "birth_year": "1.982",
            },
        )  # fmt: skip

    leader("Nguyễn Thị Hoa", "female")
    leader("Lò Văn Sáng", "male")
    leader("Hoàng Văn Thắng", "male", post="head")
    counts = {
        (p.post, p.total, p.women, p.ethnic_minority, p.from_list)
        for p in LeadershipPost.objects.all()
    }
    assert counts == {("deputy", 2, 1, 2, True), ("head", 1, 0, 1, True)}
    assert Leader.objects.get(full_name="Nguyễn Thị Hoa").birth_year == 1982
    url = reverse("leadership:list", kwargs={"kind": "people"})
    assert "Nguyễn Thị Hoa" in login(world.head_a).get(url).content.decode()
    looked = AuditEntry.objects.filter(action="leadership.leader.list", sensitive_read=True)
    assert looked.get().actor == world.head_a
    for persona in (
        world.reporter_a,
        world.standing_office,
        world.leader,
        world.viewer,
        world.reporter_b,
    ):
        assert login(persona).get(url).status_code == 404
    # The counts from the list are not edited by hand; deleting a person recounts.
    counted = LeadershipPost.objects.get(post="head")
    client = login(world.reporter_a)
    assert (
        client.get(
            reverse("leadership:edit", kwargs={"kind": "posts", "pk": counted.pk})
        ).status_code
        == 200
    )
    from binhdang.leadership.records import RecordError, delete_record

    with pytest.raises(RecordError):
        post(world, body_name="Ủy ban nhân dân xã Phú Linh", post="head")  # duplicate of the count
    delete_record(actor=world.head_a, rtype=PEOPLE, obj=Leader.objects.get(full_name="Lò Văn Sáng"))
    assert LeadershipPost.objects.get(post="deputy").total == 1


def commune_a_posts(world):
    """Posts of commune A on 30/11/2023 (heads and deputies, women):
    People's Committee 1 head (man), 2 deputies (1 woman);
    People's Council 1 head (woman), 1 deputy (man);
    Party committee 1 head (man), 2 deputies (1 woman);
    Office (department) 1 head (man)."""
    rows = [
        ("peoples_committee", "Ủy ban nhân dân xã Phú Linh", "head", 1, 0),
        ("peoples_committee", "Ủy ban nhân dân xã Phú Linh", "deputy", 2, 1),
        ("peoples_council", "Hội đồng nhân dân xã Phú Linh", "head", 1, 1),
        ("peoples_council", "Hội đồng nhân dân xã Phú Linh", "deputy", 1, 0),
        ("party_committee", "Đảng ủy xã Phú Linh", "head", 1, 0),
        ("party_committee", "Đảng ủy xã Phú Linh", "deputy", 2, 1),
        ("department", "Văn phòng - Thống kê xã", "head", 1, 0),
    ]
    for kind, name, p, total, women in rows:
        post(world, body_kind=kind, body_name=name, post=p, total=str(total), women=str(women))


def test_the_share_of_women_in_key_posts_computed_from_post_counts_equals_the_hand_count(world):
    commune_a_posts(world)
    # An older date is not counted: the latest date in the window is.
    post(world, as_of="01/01/2023", total="9", women="9", body_name="Ủy ban nhân dân xã Phú Linh")
    start, end = date(2023, 1, 1), date(2023, 12, 31)
    ids = [world.commune_a.pk, world.commune_b.pk]
    posts = figures.key_posts(ids, start, end)
    women = figures.key_posts_women(ids, start, end)
    # By hand: 1 + 2 + 1 + 1 + 1 + 2 + 1 = 9 key leaders, 1 + 1 + 1 = 3 women: 33,3%.
    assert posts == {world.commune_a.pk: Decimal(9)}
    assert women == {world.commune_a.pk: Decimal(3)}
    assert round(women[world.commune_a.pk] * 100 / posts[world.commune_a.pk], 1) == Decimal("33.3")
    # State bodies (People's Committee, People's Council, the office): 3, with a woman: 2.
    assert figures.state_bodies(ids, start, end) == {world.commune_a.pk: Decimal(3)}
    assert figures.state_bodies_with_woman(ids, start, end) == {world.commune_a.pk: Decimal(2)}


def test_the_computed_values_become_the_indicator_values_when_the_unit_confirms(world, login):
    from binhdang.indicators.aggregation import unit_series
    from binhdang.indicators.models import DataValue, Indicator, Source
    from binhdang.indicators.services import load_catalogue

    load_catalogue()
    commune_a_posts(world)
    save_record(
        actor=world.reporter_a, rtype=DEPUTIES, unit=world.commune_a,
        raw={"term": "2021-2026", "as_of": "30/11/2023", "level": "commune", "total": "25",
             "women": "8", "ethnic_minority": "20"},
    )  # fmt: skip
    client = login(world.reporter_a)
    url = reverse("indicators:entry", kwargs={"pk": world.commune_a.pk, "year": 2023})
    page = client.get(url).content.decode()
    assert "computed-values" in page
    entry = next(f for f in forms(page) if any(b.name == "use_computed" for b in f.buttons))
    pressed = next(b for b in entry.buttons if b.name == "use_computed")
    response = client.post(url, entry.data(pressed))
    assert response.status_code == 302
    stored = {
        (v.element.code, v.disaggregation): v.value
        for v in DataValue.objects.filter(org_unit=world.commune_a, year=2023).select_related(
            "element"
        )
    }
    assert stored[("KEY_LEADERS", "total")] == 9
    assert stored[("KEY_LEADERS", "female")] == 3
    assert stored[("AGENCY_TOTAL", "total")] == 3
    assert stored[("AGENCY_WOMAN_LEADER", "total")] == 2
    assert stored[("COUNCIL_DEPUTIES", "female")] == 8
    assert set(DataValue.objects.values_list("source", flat=True)) == {Source.RECORDS}
    indicators = list(Indicator.objects.filter(code__in=["QD2282-1", "QD2282-2", "QD2282-3"]))
    series = unit_series(indicators, world.commune_a, [2023])
    by_code = {i.code: series[i.pk][2023].value for i in indicators}
    assert round(by_code["QD2282-2"], 1) == Decimal("33.3")
    assert round(by_code["QD2282-1"], 1) == Decimal("66.7")
    assert round(by_code["QD2282-3"], 1) == Decimal("32.0")


def test_the_other_record_kinds_are_entered_through_their_forms(world, login):
    client = login(world.reporter_a)
    cases = [
        (DEPUTIES, {"term": "2021-2026", "as_of": "30/11/2023", "level": "commune", "total": "25", "women": "8", "ethnic_minority": "20"}, CouncilDeputies),
        (PLANNING, {"term": "2025-2030", "as_of": "30/11/2023", "level": "commune", "body_kind": "peoples_committee", "post": "head", "total": "3", "women": "1", "young": "1", "ethnic_minority": "2"}, PlanningCadre),
        (TRAINING, {"held_on": "15/09/2023", "title": nfd("Bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ"), "audience": "leaders", "participants": "45", "women": "40", "course_ref": ""}, LeaderTraining),
    ]  # fmt: skip
    for rtype, values, model in cases:
        response = _submit(
            client, reverse("leadership:create", kwargs={"kind": rtype.slug}), **values
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        assert model.objects.filter(org_unit=world.commune_a).count() == 1
    assert LeaderTraining.objects.get().title == "Bồi dưỡng kỹ năng lãnh đạo cho cán bộ nữ"


def test_the_overview_shows_each_units_share_and_the_chart(world, login):
    commune_a_posts(world)
    client = login(world.standing_office)
    page = client.get(reverse("leadership:index") + "?year=2023").content.decode()
    table = rows(page, "leadership-overview")
    assert table[0][0] == "Xã Phú Linh"
    assert table[0][1:4] == ["9", "3", "33,3"]
    assert "<svg" in page


def test_its_section_is_in_a_units_own_report(world):
    from binhdang.leadership.sections import unit_part
    from binhdang.reporting.models import Submission
    from binhdang.reporting.tests.factories import make_round

    commune_a_posts(world)
    rnd = make_round(world)
    submission, _created = Submission.objects.get_or_create(round=rnd, org_unit=world.commune_a)
    part = unit_part(submission)
    assert part is not None
    assert "9 người giữ chức danh lãnh đạo chủ chốt" in part.paragraphs[0]
    assert "3 nữ (33,3%)" in part.paragraphs[0]
    assert "2/3 cơ quan" in part.paragraphs[0]
    posts = part.annexes[0]
    assert len(posts.rows) == 7 and sum(r[3] for r in posts.rows) == 9


def test_its_consolidated_section_sums_the_units_with_an_annex(world):
    from types import SimpleNamespace

    from binhdang.leadership.sections import consolidated_part
    from binhdang.reporting.tests.factories import make_round

    commune_a_posts(world)
    post(
        world,
        unit=world.commune_b,
        actor=world.reporter_b,
        body_name="UBND xã Kim Thạch",
        women="1",
    )
    report = SimpleNamespace(round=make_round(world))
    part = consolidated_part(report, user=world.standing_office, with_charts=True)
    assert "10 người giữ chức danh lãnh đạo chủ chốt" in part.paragraphs[0]
    annex = part.annexes[0]
    assert [r[1] for r in annex.rows] == ["Xã Phú Linh", "Xã Kim Thạch"]
    assert annex.totals[2] == 10
    assert part.images
    assert consolidated_part(report, user=world.outsider, with_charts=False) is None


def test_the_training_figures_count_the_courses_of_the_window(world):
    for held_on, people, women in (("15/09/2023", "45", "40"), ("10/01/2024", "30", "30")):
        save_record(
            actor=world.reporter_a, rtype=TRAINING, unit=world.commune_a,
            raw={"held_on": held_on, "title": "Bồi dưỡng nữ cán bộ", "audience": "leaders",
                 "participants": people, "women": women},
        )  # fmt: skip
    window = (date(2022, 12, 15), date(2023, 12, 14))
    assert figures.trainees([world.commune_a.pk], *window) == {world.commune_a.pk: Decimal(45)}
    assert figures.trainees_women([world.commune_a.pk], *window) == {
        world.commune_a.pk: Decimal(40)
    }
    assert figures.trainees([world.commune_b.pk], *window) == {}


def test_a_new_record_starts_at_the_level_of_the_unit(world, login):
    url = reverse("leadership:create", kwargs={"kind": "posts"})
    f = next(
        x
        for x in forms(login(world.reporter_a).get(url).content)
        if x.attrs.get("class") == "stacked"
    )
    assert f.value("level") == "commune"
    f = next(
        x
        for x in forms(login(world.standing_office).get(url).content)
        if x.attrs.get("class") == "stacked"
    )
    assert f.value("level") == "district"
