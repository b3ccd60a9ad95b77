"""The admin's user page stays light with every unit of Vietnam loaded: memberships choose
their unit through a search box (autocomplete), not a list of 15,000 options."""

import pytest

from binhdang.orgunits.models import Kind, OrgUnit
from tests.html_forms import count_tags, forms


def _many_units(world, n=15000):
    OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                name=f"Xã Thử {i}",
                kind=Kind.COMMUNE,
                parent=world.district,
                level=world.district.level + 1,
                path=f"{world.district.path}t{i}/",
                search_text=f"xa thu {i}",
            )
            for i in range(n)
        ],
        batch_size=2000,
    )


def test_it_keeps_the_user_page_under_200_options_with_15000_units(world, login):
    _many_units(world)
    assert OrgUnit.objects.count() > 15000
    client = login(world.admin)
    page = client.get(f"/admin/accounts/user/{world.reporter_a.pk}/change/")
    assert page.status_code == 200
    assert count_tags(page.content, "option") < 200
    # The membership row still names its unit, and the field searches the units.
    html = page.content.decode()
    assert "Xã Phú Linh" in html
    assert 'data-ajax--url="/admin/autocomplete/"' in html


@pytest.mark.parametrize("term", ["phu linh", "Phú Linh", "Phu\u0301 Linh"])
def test_it_finds_a_unit_for_a_membership_by_search(world, login, term):
    client = login(world.admin)
    response = client.get(
        "/admin/autocomplete/",
        {
            "app_label": "accounts",
            "model_name": "membership",
            "field_name": "org_unit",
            "term": term,
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [str(world.commune_a)]


def test_it_saves_a_membership_chosen_through_the_search_box(world, login):
    from binhdang.accounts.models import Membership

    client = login(world.admin)
    url = f"/admin/accounts/user/{world.outsider.pk}/change/"
    (form,) = [f for f in forms(client.get(url).content) if "username" in f.names(tag="input")]
    data = form.data()
    prefix = next(k for k in form.names(tag="select") if k.endswith("-role")).rsplit("-", 1)[0]
    new = int(data["memberships-TOTAL_FORMS"]) - 1  # the empty "extra" row
    row = prefix.rsplit("-", 1)[0] + f"-{new}"
    data.update({f"{row}-org_unit": str(world.commune_b.pk), f"{row}-role": "viewer",
                 f"{row}-scope": "unit"})  # fmt: skip
    data = {k: v for k, v in data.items() if "__prefix__" not in k}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert Membership.objects.filter(user=world.outsider, org_unit=world.commune_b).exists()
