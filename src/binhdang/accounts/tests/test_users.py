import pytest
from django.core import mail
from django.urls import reverse

from binhdang.accounts.models import Membership, User


@pytest.mark.django_db
def test_it_lets_the_standing_office_add_a_user_to_its_units(
    world, login, django_capture_on_commit_callbacks
):
    client = login(world.standing_office)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("accounts:users"),
            {
                "username": "xem.kimthach2",
                "full_name": "Vàng Thị Hoa",
                "email": "hoa@example.org",
                "org_unit": world.commune_b.pk,
                "role": "viewer",
                "scope": "unit",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(username="xem.kimthach2")
    assert not user.has_usable_password()
    assert Membership.objects.filter(user=user, org_unit=world.commune_b, role="viewer").exists()
    assert len(mail.outbox) == 1 and "hoa@example.org" in mail.outbox[0].to
    assert "/accounts/password/reset/" in mail.outbox[0].body


@pytest.mark.django_db
def test_it_refuses_a_unit_outside_the_standing_offices_scope(world, login):
    client = login(world.standing_office)
    response = client.post(
        reverse("accounts:users"),
        {
            "username": "x1",
            "full_name": "X",
            "email": "x@example.org",
            "org_unit": world.commune_c.pk,
            "role": "reporter",
            "scope": "unit",
        },
    )
    assert response.status_code == 200
    assert "org_unit" in response.context["form"].errors
    assert not User.objects.filter(username="x1").exists()
