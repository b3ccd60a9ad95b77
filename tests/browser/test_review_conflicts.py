"""The reporting pages as a person meets them: two colleagues on the same draft choose and
merge their texts instead of one silently replacing the other, and the round's pages fit a
360 px phone even with the long names of real units."""

from datetime import timedelta
from pathlib import Path

import pytest

SCREENSHOTS = Path("var/screenshots")
LONG_NAMES = [
    "Xã Thượng Sơn thuộc vùng đặc biệt khó khăn của huyện Vị Xuyên tỉnh Hà Giang",
    "Trung tâm Văn hóa, Thông tin, Thể thao và Truyền thông huyện Vị Xuyên tỉnh Hà Giang",
]

LONG_GROUP = "Các cơ quan chuyên môn, đơn vị sự nghiệp và tổ chức chính trị - xã hội cấp huyện"


def _sign_in(page, user):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


def _open_round(world):
    from django.utils import timezone

    from binhdang.reporting.tests.factories import make_round

    today = timezone.localdate()
    return make_round(world, opens_on=today - timedelta(days=3), deadline=today + timedelta(days=9))


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_two_colleagues_on_one_draft_choose_and_merge(browser, live_server, world):
    from binhdang.reporting.models import Submission

    reporting_round = _open_round(world)
    section = reporting_round.sections.get(number="1")
    url = f"{live_server.url}/rounds/{reporting_round.slug}/units/{world.commune_a.pk}/"
    field = f"#a_{section.pk}_done"
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    contexts = [browser.new_context(locale="vi-VN") for _ in range(2)]
    try:
        reporter, head = (c.new_page() for c in contexts)
        for page, user in ((reporter, world.reporter_a), (head, world.head_a)):
            page.base_url = live_server.url
            _sign_in(page, user)
            page.goto(url)  # both open the same (empty) draft

        reporter.fill(field, "Đã tổ chức 4 buổi tuyên truyền tại thôn Nặm Tiến")
        reporter.wait_for_selector("#save-status:has-text('Đã lưu')", timeout=10000)

        # The head, on the version loaded before, types too: her save is refused and the
        # page shows both texts side by side.
        head.fill(field, "Có 120 người tham gia, trong đó 70 nữ")
        panel = head.locator("#conflict-form")
        panel.wait_for(timeout=10000)
        item = panel.locator(".conflict-item").first
        assert "thôn Nặm Tiến" in item.locator("[data-text=theirs]").inner_text()
        assert "120 người" in item.locator("[data-text=mine]").inner_text()
        answer = Submission.objects.get(org_unit=world.commune_a).answers.get(section=section)
        assert answer.text == "Đã tổ chức 4 buổi tuyên truyền tại thôn Nặm Tiến"
        head.screenshot(path=str(SCREENSHOTS / "draft-conflict.png"), full_page=True)

        # Saving without choosing keeps everything as it is and asks again.
        panel.locator("button[type=submit]").click()
        head.wait_for_load_state()
        assert head.locator(".conflict-item.field-error").count() == 1
        answer.refresh_from_db()
        assert answer.text == "Đã tổ chức 4 buổi tuyên truyền tại thôn Nặm Tiến"

        # She merges the two texts (typing in the box chooses the merged text) and saves.
        merged = "Đã tổ chức 4 buổi tuyên truyền tại thôn Nặm Tiến. Có 120 người, 70 nữ"
        head.fill(f"#conflict-form [name=a_{section.pk}_done]", merged)
        assert head.is_checked(f"#conflict-form input[name=pick_a_{section.pk}_done][value=edit]")
        head.locator("#conflict-form button[type=submit]").click()
        head.wait_for_load_state()
        assert head.input_value(field) == merged
        answer.refresh_from_db()
        assert answer.text == merged
    finally:
        for context in contexts:
            context.close()


PHONE_PAGES = [
    pytest.param("round", "/rounds/{slug}/", id="round"),
    pytest.param("round-filtered", "/rounds/{slug}/?bucket=missing#completeness", id="filtered"),
    pytest.param("remind", "/rounds/{slug}/remind/", id="remind"),
    pytest.param("by-unit", "/directives/by-unit/", id="by-unit"),
]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(("name", "path"), PHONE_PAGES)
def test_the_round_pages_fit_a_phone(page, world, name, path):
    from binhdang.directives.tests.factories import make_directive
    from binhdang.orgunits.models import Kind, OrgUnit, UnitGroup
    from binhdang.reporting import services

    units = [
        OrgUnit.objects.create(name=LONG_NAMES[0], kind=Kind.COMMUNE, parent=world.district),
        OrgUnit.objects.create(name=LONG_NAMES[1], kind=Kind.DEPARTMENT, parent=world.district),
    ]
    reporting_round = _open_round(world)
    # A unit group with a long name, as real ones have: it fills the group filter's select.
    group = UnitGroup.objects.create(
        owner=world.district, slug="co-quan-huyen", name=LONG_GROUP,
        rule_root=world.district, rule_kinds=["department", "mass_organisation"],
    )  # fmt: skip
    reporting_round.addressed_groups.add(group)
    services.round_open(actor=world.standing_office, reporting_round=reporting_round)
    make_directive(
        world,
        number="760/UBND-LĐTBXH",
        subject="triển khai công tác bình đẳng giới và vì sự tiến bộ của phụ nữ trên địa bàn "
        "huyện Vị Xuyên năm 2023 theo Kế hoạch của Ủy ban nhân dân tỉnh Hà Giang",
        lead=units,
        recipients=units,
    )
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    _sign_in(page, world.standing_office)
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(page.base_url + path.format(slug=reporting_round.slug))
    page.wait_for_load_state()
    assert LONG_NAMES[0] in page.content()
    width = page.evaluate("document.documentElement.scrollWidth")
    page.screenshot(path=str(SCREENSHOTS / f"phone-{name}.png"), full_page=True)
    assert width <= 360, f"{name}: {width} px wide on a 360 px phone"
