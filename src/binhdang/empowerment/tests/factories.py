"""Support records on the `world` fixture."""

from datetime import date
from decimal import Decimal

from binhdang.empowerment import services


def make_support(
    world, *, unit=None, given_on=date(2023, 9, 12), title="Mở lớp dạy nghề dệt thổ cẩm", **extra
):
    unit = unit or world.commune_a
    actor = extra.pop("actor", None) or (
        world.reporter_a if unit == world.commune_a else world.standing_office
    )
    total = extra.pop("total", 30)
    data = services.SupportData(
        org_unit=unit,
        programme=extra.pop("programme", "ntp_ethnic_p8"),
        kind=extra.pop("kind", "vocational"),
        title=title,
        given_on=given_on,
        beneficiaries_total=total,
        women=extra.pop("women", 28),
        ethnic=extra.pop("ethnic", min(total, 25)),
        poor=extra.pop("poor", min(total, 12)),
        violence_victims=extra.pop("victims", 1),
        other_vulnerable=extra.pop("other", 2),
        amount=extra.pop("amount", Decimal("45000000")),
        commune=extra.pop("commune", None),
    )
    return services.support_create(actor=actor, data=data)
