"""The "Cases" and "Case statistics" menu entries follow the rule of their pages: shown to
whoever has a unit for them, hidden from a system administrator (every case page is a 404 for
them); a statistics viewer has the statistics only."""

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


def test_the_statistics_entry_shows_exactly_where_the_statistics_page_opens(cw, login):
    statistics = reverse("cases:statistics")
    for user, shown in ((cw.stats, True), (cw.supervisor, True), (cw.worker_a, False),
                        (cw.world.admin, False)):  # fmt: skip
        client = login(user)
        assert (statistics in _menu(client)) is shown, user.username
        assert client.get(statistics).status_code == (200 if shown else 404), user.username
