"""Journeys in a browser on a 360 px phone: a commune's reporter enters each kind of leadership
record through its form, the unit's head keeps the list of leaders."""

import pytest

PHONE = {"width": 360, "height": 740}


def _sign_in(page, user):
    page.set_viewport_size(PHONE)
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


def _fill(page, values: dict) -> None:
    for name, value in values.items():
        field = page.locator(f"form.stacked [name={name}]")
        if field.evaluate("e => e.tagName") == "SELECT":
            field.select_option(value)
        elif field.get_attribute("type") == "checkbox":
            field.check() if value else field.uncheck()
        else:
            field.fill(value)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


RECORDS = [
    ("Chức danh lãnh đạo, quản lý", {"as_of": "30/11/2023", "level": "commune", "body_kind": "peoples_committee", "body_name": "Ủy ban nhân dân xã Phú Linh", "post": "deputy", "total": "2", "women": "1", "ethnic_minority": "2"}),
    ("Đại biểu Hội đồng nhân dân", {"term": "2021-2026", "as_of": "30/11/2023", "level": "commune", "total": "25", "women": "8", "ethnic_minority": "20"}),
    ("Cán bộ trong diện quy hoạch", {"term": "2025-2030", "as_of": "30/11/2023", "level": "commune", "body_kind": "peoples_committee", "post": "head", "total": "3", "women": "1", "young": "1", "ethnic_minority": "2"}),
    ("Bồi dưỡng nữ lãnh đạo, quản lý", {"held_on": "15/09/2023", "title": "Bồi dưỡng kỹ năng cho nữ cán bộ", "audience": "leaders", "participants": "45", "women": "40"}),
]  # fmt: skip


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_reporter_enters_each_kind_of_record_on_a_phone(page, world):
    from binhdang.leadership.models import (
        CouncilDeputies,
        LeadershipPost,
        LeaderTraining,
        PlanningCadre,
    )

    _sign_in(page, world.reporter_a)
    for tab, values in RECORDS:
        page.goto(page.base_url + "/leadership/")
        page.click(f"nav.tabs >> text={tab}")
        page.click("text=Thêm mới")
        _fill(page, values)
        assert page.locator(".messages").inner_text().strip() == "Đã lưu hồ sơ."
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"] + 1
    assert LeadershipPost.objects.get().women == 1
    assert CouncilDeputies.objects.get().women == 8
    assert PlanningCadre.objects.get().young == 1
    assert LeaderTraining.objects.get().participants == 45
    page.goto(page.base_url + "/leadership/?year=2023")
    assert "Xã Phú Linh" in page.locator("#leadership-overview").inner_text()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_head_keeps_the_list_of_leaders_and_the_counts_follow(page, world):
    from binhdang.leadership.models import Leader, LeadershipPost

    _sign_in(page, world.head_a)
    page.goto(page.base_url + "/leadership/people/")
    page.click("text=Thêm mới")
    _fill(page, {"as_of": "30/11/2023", "level": "commune", "body_kind": "peoples_council",
                 "body_name": "Hội đồng nhân dân xã Phú Linh", "post": "head",
                 "full_name": "Lò Thị Mai", "sex": "female", "ethnic_minority": True,
                 "birth_year": "1980"})  # fmt: skip
    assert Leader.objects.get().full_name == "Lò Thị Mai"
    counted = LeadershipPost.objects.get()
    assert (counted.total, counted.women, counted.ethnic_minority, counted.from_list) == (
        1,
        1,
        1,
        True,
    )
