"""Sending notifications: each user once per dedupe key, in one statement, e-mail only for
the ones created."""

import pytest
from django.core import mail

from binhdang.notifications.models import Notification
from binhdang.notifications.services import notify


@pytest.mark.django_db(transaction=True)
def test_each_user_is_notified_once_per_key(world):
    users = [world.reporter_a, world.reporter_b, world.reporter_a]  # one of them twice
    first = notify(users=users, title="Nhắc hạn báo cáo quý", dedupe_key="round:9:remind:1")
    assert sorted(n.user_id for n in first) == sorted([world.reporter_a.pk, world.reporter_b.pk])
    assert all(n.pk and not n._state.adding for n in first)
    stored = Notification.objects.filter(dedupe_key="round:9:remind:1")
    assert stored.count() == 2
    assert {n.pk for n in first} == set(stored.values_list("pk", flat=True))
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.reporter_a.email, world.reporter_b.email]
    )

    # The same key again, with a new user: only the new user is notified and written to.
    again = notify(
        users=[world.reporter_b, world.head_a], title="Nhắc hạn báo cáo quý",
        dedupe_key="round:9:remind:1",
    )  # fmt: skip
    assert [n.user_id for n in again] == [world.head_a.pk]
    assert stored.count() == 3
    assert [m.to[0] for m in mail.outbox[2:]] == [world.head_a.email]

    # Without a key every call notifies.
    notify(users=[world.reporter_b], title="Báo cáo đã được tiếp nhận", email=False)
    notify(users=[world.reporter_b], title="Báo cáo đã được tiếp nhận", email=False)
    assert Notification.objects.filter(title="Báo cáo đã được tiếp nhận").count() == 2
    assert len(mail.outbox) == 3


@pytest.mark.django_db(transaction=True)
def test_users_given_by_id_are_told_and_mailed_and_the_inactive_skipped(world):
    world.reporter_b.is_active = False
    world.reporter_b.save()
    created = notify(
        users=[world.head_a.pk, world.reporter_b.pk, world.reporter_a],
        title="Xã Phú Linh đã gửi báo cáo",
        dedupe_key="submission:140001:arrived:2",
    )
    assert [n.user_id for n in created] == [world.head_a.pk, world.reporter_a.pk]
    assert created[1].user is world.reporter_a
    assert Notification.objects.filter(user=world.reporter_b).count() == 0
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [world.head_a.email, world.reporter_a.email]
    )
