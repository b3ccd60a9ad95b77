"""Grants never exceed the granter: by the rule itself, by the users page and by the API."""

import pytest
from django.urls import reverse

from binhdang.accounts.models import ApiToken, Membership, User
from binhdang.accounts.scoping import grant_refusal, grantable, may_grant
from binhdang.audit.models import AuditEntry
from tests.html_forms import form

SUBTREE_REFUSAL = "không cho các đơn vị trực thuộc"
ADMIN_ONLY_REFUSAL = "Chỉ quản trị hệ thống mới có quyền cấp vai trò"
LACKING_REFUSAL = "có những quyền mà bạn không có trên đơn vị này"
UNIT_REFUSAL = "Bạn không được quản lý tài khoản của đơn vị này."


def _member(username, unit, role, scope="unit"):
    user = User.objects.create_user(username=username, email=f"{username}@example.org")
    Membership.objects.create(user=user, org_unit=unit, role=role, scope=scope)
    return user


@pytest.fixture
def office_of_district_only(world):
    """The issue's case: a standing-office member scoped to the district unit alone."""
    return _member("thuongtruc_huyen", world.district, "standing_office", "unit")


# --- the rule ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_it_lets_a_subtree_standing_office_grant_its_own_role_and_viewers(world):
    office = world.standing_office
    assert may_grant(office, role="standing_office", scope="subtree", unit=world.district)
    assert may_grant(office, role="standing_office", scope="subtree", unit=world.commune_a)
    assert may_grant(office, role="viewer", scope="unit", unit=world.commune_b)


@pytest.mark.django_db
def test_it_keeps_the_standing_office_from_roles_that_edit_approve_or_sign(world):
    office = world.standing_office
    for role in ("reporter", "unit_head", "leader", "admin"):
        assert not may_grant(office, role=role, scope="unit", unit=world.commune_a), role
    assert LACKING_REFUSAL in grant_refusal(
        office, role="reporter", scope="unit", unit=world.commune_a
    )
    assert ADMIN_ONLY_REFUSAL in grant_refusal(
        office, role="unit_head", scope="unit", unit=world.commune_a
    )


@pytest.mark.django_db
def test_it_refuses_any_unit_outside_the_granters_scope(world):
    office = world.standing_office
    assert grant_refusal(office, role="viewer", scope="unit", unit=world.commune_c) == UNIT_REFUSAL
    assert grant_refusal(office, role="viewer", scope="unit", unit=world.province) == UNIT_REFUSAL
    assert grant_refusal(world.head_a, role="viewer", scope="unit", unit=world.commune_b) == (
        UNIT_REFUSAL
    )


@pytest.mark.django_db
def test_it_refuses_a_subtree_wider_than_the_granters(world, office_of_district_only):
    actor = office_of_district_only
    refusal = grant_refusal(actor, role="standing_office", scope="subtree", unit=world.district)
    assert SUBTREE_REFUSAL in refusal
    assert may_grant(actor, role="standing_office", scope="unit", unit=world.district)
    assert not may_grant(actor, role="viewer", scope="unit", unit=world.commune_a)


@pytest.mark.django_db
def test_it_lets_a_unit_head_add_reporters_and_viewers_to_their_unit_only(world):
    head = world.head_a
    assert may_grant(head, role="reporter", scope="unit", unit=world.commune_a)
    assert may_grant(head, role="viewer", scope="unit", unit=world.commune_a)
    assert ADMIN_ONLY_REFUSAL in grant_refusal(
        head, role="unit_head", scope="unit", unit=world.commune_a
    )
    assert LACKING_REFUSAL in grant_refusal(
        head, role="standing_office", scope="unit", unit=world.commune_a
    )
    assert SUBTREE_REFUSAL in grant_refusal(
        head, role="reporter", scope="subtree", unit=world.commune_a
    )
    assert grantable(head) == {("reporter", "unit"), ("viewer", "unit")}


@pytest.mark.django_db
def test_it_needs_each_permission_over_the_whole_subtree_granted(world):
    # User management over the district's subtree, but reporting powers on commune A alone:
    # a reporter for commune A, yes; for commune A's subtree, no.
    actor = _member("hai_vai", world.district, "standing_office", "subtree")
    Membership.objects.create(user=actor, org_unit=world.commune_a, role="unit_head")
    assert may_grant(actor, role="reporter", scope="unit", unit=world.commune_a)
    assert LACKING_REFUSAL in grant_refusal(
        actor, role="reporter", scope="subtree", unit=world.commune_a
    )
    assert not may_grant(actor, role="reporter", scope="unit", unit=world.commune_b)


@pytest.mark.django_db
def test_it_gives_nothing_to_grant_to_users_without_user_management(world):
    for persona in (world.leader, world.reporter_a, world.viewer, world.nobody, world.outsider):
        assert grantable(persona) == set(), persona.username
        assert not may_grant(persona, role="viewer", scope="unit", unit=world.commune_a)


@pytest.mark.django_db
def test_it_exempts_the_system_administrator(world):
    assert may_grant(world.admin, role="unit_head", scope="subtree", unit=world.province)
    assert may_grant(world.admin, role="leader", scope="unit", unit=world.commune_c)


@pytest.mark.django_db
def test_it_refuses_unknown_roles_and_scopes(world):
    assert not may_grant(world.admin, role="owner", scope="unit", unit=world.district)
    assert not may_grant(world.admin, role="viewer", scope="everything", unit=world.district)


# --- the users page ----------------------------------------------------------------------


def _post(client, **fields):
    data = {"username": "moi", "full_name": "Người Mới", "email": "moi@example.org"}
    data.update({k: v.pk if hasattr(v, "pk") else v for k, v in fields.items()})
    return client.post(reverse("accounts:users"), data)


def _page_form(client):
    return form(client.get(reverse("accounts:users")).content, has="username")


@pytest.mark.django_db
def test_it_offers_a_unit_head_only_their_unit_reporters_and_viewers(world, login):
    add = _page_form(login(world.head_a))
    assert [o.value for o in add.control("role").options] == ["reporter", "viewer"]
    assert [o.value for o in add.control("scope").options] == ["unit"]
    assert [o.value for o in add.control("org_unit").options if o.value] == [
        str(world.commune_a.pk)
    ]


@pytest.mark.django_db
def test_it_offers_the_standing_office_its_own_role_and_viewers(world, login):
    add = _page_form(login(world.standing_office))
    # A standing office reads anonymised case statistics, so it may give that role too.
    assert [o.value for o in add.control("role").options] == [
        "standing_office",
        "viewer",
        "statistics_viewer",
    ]
    assert [o.value for o in add.control("scope").options] == ["unit", "subtree"]


@pytest.mark.django_db
def test_it_offers_a_district_only_office_no_subtree(world, login, office_of_district_only):
    add = _page_form(login(office_of_district_only))
    assert [o.value for o in add.control("scope").options] == ["unit"]


@pytest.mark.django_db
def test_it_lets_a_unit_head_add_a_reporter_to_their_unit(world, login):
    client = login(world.head_a)
    page = client.get(reverse("accounts:users")).content
    add = form(page, has="username")
    data = add.data(
        username="baocao2.phulinh",
        full_name="Lò Thị Mai",
        email="mai@example.org",
        org_unit=str(world.commune_a.pk),
        role="reporter",
        scope="unit",
    )
    response = client.post(reverse("accounts:users"), data)
    assert response.status_code == 302
    user = User.objects.get(username="baocao2.phulinh")
    assert list(user.memberships.values_list("org_unit", "role", "scope")) == [
        (world.commune_a.pk, "reporter", "unit")
    ]
    entry = AuditEntry.objects.get(action="user.create", object_id=str(user.pk))
    assert entry.actor == world.head_a


@pytest.mark.django_db
def test_it_lets_the_standing_office_add_a_colleague_over_its_subtree(world, login):
    response = _post(
        login(world.standing_office), org_unit=world.district, role="standing_office",
        scope="subtree",
    )  # fmt: skip
    assert response.status_code == 302
    membership = Membership.objects.get(user__username="moi")
    assert (membership.org_unit, membership.role, membership.scope) == (
        world.district,
        "standing_office",
        "subtree",
    )


@pytest.mark.parametrize(
    ("actor", "fields", "message"),
    [
        # the issue's case: a district-only office handing out the district's subtree
        (
            "office_of_district_only",
            {"role": "standing_office", "scope": "subtree"},
            SUBTREE_REFUSAL,
        ),
        ("office_of_district_only", {"role": "unit_head", "scope": "unit"}, ADMIN_ONLY_REFUSAL),
        ("standing_office", {"role": "reporter", "scope": "unit"}, LACKING_REFUSAL),
        ("standing_office", {"role": "leader", "scope": "unit"}, ADMIN_ONLY_REFUSAL),
        ("head_a", {"role": "unit_head", "scope": "unit"}, ADMIN_ONLY_REFUSAL),
        ("head_a", {"role": "reporter", "scope": "subtree"}, SUBTREE_REFUSAL),
        ("head_a", {"role": "standing_office", "scope": "unit"}, LACKING_REFUSAL),
    ],
)
@pytest.mark.django_db
def test_it_refuses_on_the_page_what_the_granter_may_not_give(
    world, login, office_of_district_only, actor, fields, message
):
    user = office_of_district_only if actor == "office_of_district_only" else getattr(world, actor)
    unit = world.district if actor == "office_of_district_only" else world.commune_a
    response = _post(login(user), org_unit=unit, **fields)
    assert response.status_code == 200
    assert any(message in e for e in response.context["form"].non_field_errors())
    assert message in response.content.decode()
    assert not User.objects.filter(username="moi").exists()
    assert not AuditEntry.objects.filter(action="user.create").exists()


@pytest.mark.django_db
def test_it_refuses_on_the_page_a_unit_outside_the_unit_heads_scope(world, login):
    response = _post(login(world.head_a), org_unit=world.commune_b, role="viewer", scope="unit")
    assert response.status_code == 200
    assert "org_unit" in response.context["form"].errors
    assert not User.objects.filter(username="moi").exists()


@pytest.mark.django_db
def test_it_refuses_a_role_that_is_not_one(world, login):
    response = _post(login(world.standing_office), org_unit=world.district, role="admin")
    assert response.status_code == 200
    assert "role" in response.context["form"].errors
    assert not User.objects.filter(username="moi").exists()


# --- the API -------------------------------------------------------------------------------


def _api_post(client, actor, **fields):
    token = ApiToken.issue(actor, "test")
    payload = {"username": "moi", "full_name": "Người Mới", "email": "moi@example.org"}
    payload.update(fields)
    return client.post(
        "/api/v1/me/users",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )


@pytest.mark.django_db
def test_it_lets_a_unit_head_add_a_reporter_through_the_api(world, client):
    response = _api_post(
        client, world.head_a, org_unit_id=world.commune_a.pk, role="reporter", scope="unit"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["memberships"] == [
        {
            "org_unit_id": world.commune_a.pk,
            "org_unit_name": world.commune_a.name,
            "role": "reporter",
            "scope": "unit",
        }
    ]
    user = User.objects.get(pk=body["id"])
    assert user.memberships.get().role == "reporter" and not user.has_usable_password()


@pytest.mark.parametrize(
    ("actor", "unit", "fields", "message"),
    [
        ("office_of_district_only", "district", {"role": "standing_office", "scope": "subtree"}, SUBTREE_REFUSAL),
        ("standing_office", "commune_a", {"role": "unit_head", "scope": "unit"}, ADMIN_ONLY_REFUSAL),
        ("standing_office", "commune_a", {"role": "reporter", "scope": "unit"}, LACKING_REFUSAL),
        ("head_a", "commune_a", {"role": "unit_head", "scope": "unit"}, ADMIN_ONLY_REFUSAL),
        ("head_a", "commune_a", {"role": "viewer", "scope": "subtree"}, SUBTREE_REFUSAL),
    ],
)  # fmt: skip
@pytest.mark.django_db
def test_it_refuses_through_the_api_what_the_granter_may_not_give(
    world, client, office_of_district_only, actor, unit, fields, message
):
    user = office_of_district_only if actor == "office_of_district_only" else getattr(world, actor)
    response = _api_post(client, user, org_unit_id=getattr(world, unit).pk, **fields)
    assert response.status_code == 403
    assert message in response.json()["detail"]
    assert not User.objects.filter(username="moi").exists()
    assert not Membership.objects.filter(user__username="moi").exists()


@pytest.mark.django_db
def test_it_refuses_through_the_api_a_unit_outside_the_scope_as_not_found(world, client):
    for unit in (world.commune_c, world.province):
        response = _api_post(
            client, world.standing_office, org_unit_id=unit.pk, role="viewer", scope="unit"
        )
        assert response.status_code == 404
        assert response.json()["detail"] == UNIT_REFUSAL
    assert not User.objects.filter(username="moi").exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"role": "admin"},
        {"role": "viewer", "scope": "country"},
        {"role": "viewer", "username": "có dấu cách"},
        {"role": "viewer", "username": "standing_office"},
        {"role": "viewer", "email": "not-an-address"},
        {"role": "viewer", "full_name": "  "},
    ],
)
@pytest.mark.django_db
def test_it_answers_bad_input_through_the_api_with_a_message(world, client, fields):
    before = User.objects.count()
    response = _api_post(client, world.standing_office, org_unit_id=world.district.pk, **fields)
    assert response.status_code == 400
    assert response.json()["detail"]
    assert User.objects.count() == before


@pytest.mark.django_db
def test_it_lets_a_unit_administrator_offer_viewers_only(world, login):
    unit_admin = _member("quantri_huyen", world.district, "admin", "subtree")
    assert not may_grant(unit_admin, role="standing_office", scope="unit", unit=world.district)
    assert may_grant(unit_admin, role="viewer", scope="subtree", unit=world.district)
    add = _page_form(login(unit_admin))
    assert [o.value for o in add.control("role").options] == ["viewer"]


# --- removing a membership ----------------------------------------------------------------


def _remove_on_page(client, membership):
    """Press the "remove" button the users page shows next to `membership`."""
    path = reverse("accounts:membership_remove", args=[membership.pk])
    page = client.get(reverse("accounts:users"))
    return client.post(path, form(page.content, action=path).data(), follow=True)


@pytest.mark.django_db
def test_a_higher_level_removes_a_units_own_staff(world, login):
    client = login(world.standing_office)
    membership = world.reporter_a.memberships.get()
    _remove_on_page(client, membership)
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert AuditEntry.objects.filter(action="membership.delete", object_id=str(world.reporter_a.pk))


@pytest.mark.django_db
def test_a_unit_head_removes_a_reporter_but_not_a_leader_placed_on_the_commune(world, login):
    leader_here = Membership.objects.create(
        user=world.leader, org_unit=world.commune_a, role="leader", scope="unit"
    )
    client = login(world.head_a)
    path = reverse("accounts:membership_remove", args=[leader_here.pk])
    page = client.get(reverse("accounts:users")).content.decode()
    assert path not in page  # no "remove" button where the rule refuses
    token = form(
        page,
        action=reverse("accounts:membership_remove", args=[world.reporter_a.memberships.get().pk]),
    )
    response = client.post(path, token.data(), follow=True)
    assert "chỉ người có quyền cấp vai trò này" in response.content.decode()
    assert Membership.objects.filter(pk=leader_here.pk).exists()
    assert not AuditEntry.objects.filter(action="membership.delete").exists()

    reporter = world.reporter_a.memberships.get()
    _remove_on_page(client, reporter)
    assert not Membership.objects.filter(pk=reporter.pk).exists()


@pytest.mark.django_db
def test_a_unit_scoped_office_does_not_remove_a_subtree_colleague(
    world, login, office_of_district_only
):
    colleague = world.standing_office.memberships.get()
    client = login(office_of_district_only)
    path = reverse("accounts:membership_remove", args=[colleague.pk])
    assert path not in client.get(reverse("accounts:users")).content.decode()
    client.post(path)
    assert Membership.objects.filter(pk=colleague.pk).exists()
