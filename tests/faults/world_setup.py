"""Set up a small reporting world in the database of the environment (used by the fault
tests, which run the app server as a separate process): a district with communes, a round
addressed to them, one reporter with an API token per commune. Prints JSON."""

import json
import os
import sys
from datetime import date, timedelta

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "binhdang.settings")
django.setup()

from binhdang.accounts.models import ApiToken, Membership, User  # noqa: E402
from binhdang.orgunits.models import Kind, OrgUnit  # noqa: E402
from binhdang.reporting import services  # noqa: E402


def main(communes: int) -> None:
    province = OrgUnit.objects.create(name="Tỉnh Thử", kind=Kind.PROVINCE, code="99")
    district = OrgUnit.objects.create(name="Huyện Thử", kind=Kind.DISTRICT, parent=province)
    office_unit = OrgUnit.objects.create(
        name="Phòng LĐ-TB&XH", kind=Kind.DEPARTMENT, parent=district
    )
    office = User.objects.create_user(username="office", password="x" * 12)
    Membership.objects.create(
        user=office, org_unit=district, role="standing_office", scope="subtree"
    )
    units = [
        OrgUnit.objects.create(name=f"Xã Thử {i}", kind=Kind.COMMUNE, parent=district)
        for i in range(communes)
    ]
    today = date.today()
    rnd = services.round_create(
        actor=office, title="Vòng thử lỗi", slug="faults", owner_unit=district,
        standing_office=office_unit, opens_on=today - timedelta(days=5), deadline=today,
        period_year=today.year, units=units,
    )  # fmt: skip
    s1 = services.section_add(reporting_round=rnd, number="1", title="Tuyên truyền")
    services.field_add(reporting_round=rnd, code="participants", label="Người tham gia", section=s1)
    services.round_open(actor=office, reporting_round=rnd)
    reporters = []
    for unit in units:
        user = User.objects.create_user(username=f"r{unit.pk}", password="x" * 12)
        Membership.objects.create(user=user, org_unit=unit, role="reporter", scope="unit")
        reporters.append({"unit_id": unit.pk, "token": ApiToken.issue(user, "faults")})
    json.dump(
        {"slug": rnd.slug, "section": s1.pk, "reporters": reporters,
         "office_token": ApiToken.issue(office, "faults")},
        sys.stdout,
    )  # fmt: skip


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20)
