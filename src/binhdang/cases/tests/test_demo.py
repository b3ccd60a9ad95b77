"""The demo's cases: a handful across the workflow in today's Vị Xuyên communes, the case
logins in the login table, each login sees what its role may, and a second load adds nothing."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from binhdang.accounts.models import User
from binhdang.cases.models import (
    ActionPlan,
    Case,
    CaseState,
    MeasureState,
    PlanState,
    ReferralState,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    out = StringIO()
    call_command("load-demo", stdout=out)
    return out.getvalue()


def test_the_demo_has_cases_across_the_workflow_and_their_logins(demo, client):
    for username in ("hotro.phulinh", "congan.phulinh", "dctc.phulinh", "giamsat.tuyenquang",
                     "thongke.tuyenquang", "chutich.phulinh"):  # fmt: skip
        assert username in demo
    assert Case.objects.count() == 6
    assert set(Case.objects.values_list("state", flat=True)) == {CaseState.OPEN, CaseState.CLOSED}
    worker = User.objects.get(username="hotro.phulinh")
    client.force_login(worker)
    page = client.get(reverse("cases:index")).content.decode()
    assert page.count("M** T** H***") == 1  # masked, never in clear
    assert "Ma Thị Hồng" not in page and "hư cấu" not in page
    assert all(c.code in page for c in Case.objects.filter(owner=worker))
    assert ActionPlan.objects.filter(state=PlanState.APPROVED).count() == 2
    waiting = ActionPlan.objects.get(state=PlanState.SUBMITTED)
    client.force_login(User.objects.get(username="giamsat.tuyenquang"))
    assert waiting.case.code in client.get("/").content.decode()
    client.force_login(User.objects.get(username="chutich.phulinh"))
    home = client.get("/").content.decode()
    first = Case.objects.filter(measures__state=MeasureState.REQUESTED).get()
    assert first.code in home
    client.force_login(User.objects.get(username="dctc.phulinh"))
    assert first.referrals.get().state == ReferralState.ACCEPTED
    assert client.get(reverse("cases:referral", args=[first.referrals.get().pk])).status_code == 200
    client.force_login(User.objects.get(username="thongke.tuyenquang"))
    assert client.get(reverse("cases:statistics")).status_code == 200
    assert client.get(reverse("cases:detail", args=[first.pk])).status_code == 404
    client.force_login(User.objects.get(username="admin"))
    assert client.get(reverse("cases:detail", args=[first.pk])).status_code == 404
    call_command("load-demo", stdout=StringIO())
    assert Case.objects.count() == 6
