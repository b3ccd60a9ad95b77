"""Typed text is never lost: autosave while typing, a stale second tab is told and keeps its
text, and text typed while the server cannot be reached comes back on the next visit."""

import pytest


def _sign_in(page, user):
    page.goto(page.base_url + "/accounts/login/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", "pw-" + user.username)
    page.locator("form.stacked button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_saves_while_typing_and_warns_a_stale_tab(page, world):
    from datetime import timedelta

    from django.utils import timezone

    from binhdang.reporting.models import Submission
    from binhdang.reporting.tests.factories import make_round

    today = timezone.localdate()
    reporting_round = make_round(
        world, opens_on=today - timedelta(days=3), deadline=today + timedelta(days=9)
    )
    section = reporting_round.sections.get(number="1")
    url = f"{page.base_url}/rounds/{reporting_round.slug}/units/{world.commune_a.pk}/"
    field = f"#a_{section.pk}_done"

    _sign_in(page, world.reporter_a)
    page.goto(url)
    page.fill(field, "Đã tổ chức 4 buổi tuyên truyền")
    page.wait_for_selector("#save-status:has-text('Đã lưu')", timeout=10000)
    answer = Submission.objects.get(org_unit=world.commune_a).answers.get(section=section)
    assert answer.text == "Đã tổ chức 4 buổi tuyên truyền"

    # A second tab opened earlier on the same draft saves on top of an old version.
    other = page.context.new_page()
    other.goto(url)
    page.fill(field, "Đã tổ chức 5 buổi tuyên truyền tại thôn Nặm Tiến")
    page.wait_for_selector("#save-status:has-text('Đã lưu')", timeout=10000)
    other.fill(field, "Bản cũ gõ ở tab khác")
    other.wait_for_selector("#save-status.stale", timeout=10000)
    assert other.input_value(field) == "Bản cũ gõ ở tab khác"  # the user's text stays
    answer.refresh_from_db()
    assert answer.text == "Đã tổ chức 5 buổi tuyên truyền tại thôn Nặm Tiến"  # newer work kept
    other.close()

    # The line drops: saves fail, the text is kept in the browser and saved on the next visit.
    page.context.set_offline(True)
    page.fill(field, "Gõ khi mất mạng: 7 buổi")
    page.wait_for_selector("#save-status.stale", timeout=10000)
    context = page.context
    page.close()  # the tab is closed while still offline: the save on leaving fails too
    page = context.new_page()
    page.wait_for_timeout(1000)
    context.set_offline(False)
    answer.refresh_from_db()
    assert answer.text == "Đã tổ chức 5 buổi tuyên truyền tại thôn Nặm Tiến"
    page.goto(url)
    assert page.input_value(field) == "Gõ khi mất mạng: 7 buổi"
    page.wait_for_selector("#save-status:has-text('Đã lưu')", timeout=10000)
    answer.refresh_from_db()
    assert answer.text == "Gõ khi mất mạng: 7 buổi"
