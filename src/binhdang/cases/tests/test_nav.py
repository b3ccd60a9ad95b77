"""The "Cases" menu entry follows the rule of the case pages: shown to whoever has a unit for
cases, hidden from a system administrator (every case page is a 404 for them) and from a
statistics viewer, who has the statistics page only."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _menu(client) -> list[str]:
    html = client.get(reverse("core:home")).content.decode()
    return re.findall(r'<a href="([^"]+)"[^>]*>', html.split("</nav>", 1)[0])


def test_the_cases_entry_shows_exactly_where_the_cases_page_opens(cw, login):
    index = reverse("cases:index")
    for user, shown in ((cw.worker_a, True), (cw.police_a, True), (cw.keeper, True),
                        (cw.world.admin, False), (cw.stats, False)):  # fmt: skip
        client = login(user)
        assert (index in _menu(client)) is shown, user.username
        assert client.get(index).status_code == (200 if shown else 404), user.username
