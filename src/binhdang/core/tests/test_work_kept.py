"""A provider's items kept between requests (`core.views.provider_items`): only for a
provider that names its generations, per user, language and day, and worked out again when
one of its generations or the user's scope moves on."""

import pytest
from django.utils import translation

from binhdang.accounts.models import Membership
from binhdang.core import views
from binhdang.core.registry import WorkItem, WorkKind
from binhdang.memo import next_generation

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("shared_cache")]
KIND = WorkKind("visits", "Visits", 5)
GENERATION = "tests:visits:generation"


def _provider(calls):
    def visits(user):
        calls.append(user.pk)
        return [WorkItem(title=translation.gettext("Open"), url="/", kind=KIND)]

    return visits


def test_a_named_provider_is_kept_per_user_and_language_until_a_generation_moves(
    world, monkeypatch
):
    calls = []
    kept, asked = _provider(calls), []
    monkeypatch.setattr(views, "WORK_PROVIDERS", [kept, _provider(asked)])
    monkeypatch.setattr(views, "WORK_KEPT_UNDER", {kept: (GENERATION,)})
    user, other = world.reporter_a, world.reporter_b

    def titles(who):
        return [row.item.title for group in views.work_groups(who) for row in group.rows]

    with translation.override("vi"):
        assert titles(user) == ["Mở", "Mở"]
        assert titles(user) == ["Mở", "Mở"]
    assert calls == [user.pk] and asked == [user.pk, user.pk]  # the other is never kept
    with translation.override("vi"):
        titles(other)
    with translation.override("en"):
        assert titles(user) == ["Open", "Open"]
    assert calls == [user.pk, other.pk, user.pk]
    next_generation(GENERATION)
    with translation.override("en"):
        titles(user)
    assert calls[-1] == user.pk and len(calls) == 4
    Membership.objects.create(user=user, org_unit=world.commune_b, role="reporter")
    with translation.override("en"):
        titles(user)
    assert len(calls) == 5


def test_nothing_is_kept_without_a_shared_cache(world, monkeypatch, settings):
    settings.BINHDANG_SHARED_CACHE = False
    calls = []
    kept = _provider(calls)
    monkeypatch.setattr(views, "WORK_PROVIDERS", [kept])
    monkeypatch.setattr(views, "WORK_KEPT_UNDER", {kept: (GENERATION,)})
    views.work_groups(world.reporter_a)
    views.work_groups(world.reporter_a)
    assert calls == [world.reporter_a.pk] * 2
