"""The unread badge on every page: the count up to 99, "99+" beyond (counted no further)."""

import pytest
from django.urls import reverse

from binhdang.notifications.models import Notification
from binhdang.notifications.selectors import unread_count


def _tell(user, n):
    Notification.objects.bulk_create(
        Notification(user=user, title=f"Xã số {i} đã gửi báo cáo", dedupe_key=f"arrived:{i}")
        for i in range(n)
    )


@pytest.mark.django_db
def test_the_badge_counts_to_99_and_shows_99_plus_beyond(world, login):
    office = world.standing_office
    client = login(office)
    _tell(office, 3)
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'aria-label="3 chưa đọc">3</span>' in page

    _tell(world.leader, 150)
    assert unread_count(world.leader) == 100  # counted no further than one beyond 99
    page = login(world.leader).get(reverse("notifications:list")).content.decode()
    assert 'aria-label="hơn 99 thông báo chưa đọc">99+</span>' in page

    Notification.objects.filter(user=world.leader).exclude(
        pk__in=Notification.objects.filter(user=world.leader).values("pk")[:99]
    ).update(read_at=Notification.objects.first().created_at)
    page = login(world.leader).get(reverse("notifications:list")).content.decode()
    assert 'aria-label="99 chưa đọc">99</span>' in page
