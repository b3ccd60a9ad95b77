"""Reads of the leadership records, given the user: the overview of units' figures for a year
and the trend of women in key leadership against the strategy's targets."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from binhdang.accounts.scoping import units_for

from . import figures
from .models import LeadershipPost
from .permissions import LEADERSHIP_VIEW

# The strategy's targets for state agencies and local governments with a woman key leader
# (QĐ 2282/QĐ-TTg, NQ 28/NQ-CP): used when the indicator catalogue is not loaded.
TARGETS = {2025: Decimal(60), 2030: Decimal(75)}
TARGET_CODE = "QD2282-1"
MAX_UNITS = 300


def leadership_units(user):
    return units_for(user, LEADERSHIP_VIEW)


def share(part, whole) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"))


@dataclass
class UnitFigures:
    unit: object
    key_posts: Decimal
    key_posts_women: Decimal
    bodies: Decimal
    bodies_with_woman: Decimal
    deputies: Decimal
    deputies_women: Decimal

    @property
    def women_share(self):
        return share(self.key_posts_women, self.key_posts)

    @property
    def bodies_share(self):
        return share(self.bodies_with_woman, self.bodies)

    @property
    def deputies_share(self):
        return share(self.deputies_women, self.deputies)


def _compute(unit_ids, start, end) -> dict[str, dict[int, Decimal]]:
    return {
        "key_posts": figures.key_posts(unit_ids, start, end),
        "key_posts_women": figures.key_posts_women(unit_ids, start, end),
        "bodies": figures.state_bodies(unit_ids, start, end),
        "bodies_with_woman": figures.state_bodies_with_woman(unit_ids, start, end),
        "deputies": figures.deputies(unit_ids, start, end),
        "deputies_women": figures.deputies_women(unit_ids, start, end),
    }


def overview(user, year: int, root=None) -> tuple[list[UnitFigures], UnitFigures | None]:
    """Each visible unit with leadership records up to the end of `year` (under `root` when
    given), its own figures as of its latest date, and their sum."""
    units = leadership_units(user)
    if root is not None:
        units = units.filter(path__startswith=root.path)
    end = date(year, 12, 31)
    with_records = LeadershipPost.objects.filter(as_of__lte=end).values("org_unit")
    units = list(units.filter(pk__in=with_records).order_by("path")[:MAX_UNITS])
    if not units:
        return [], None
    computed = _compute([u.pk for u in units], None, end)
    zero = Decimal(0)
    rows = [
        UnitFigures(unit=u, **{k: v.get(u.pk, zero) for k, v in computed.items()}) for u in units
    ]
    total = UnitFigures(
        unit=None, **{k: sum((getattr(r, k) for r in rows), zero) for k in computed}
    )
    return rows, total


def trend(user, root, years) -> list[tuple[int, UnitFigures]]:
    """For each year, the sum over the visible units under `root` of their figures as of
    their latest date up to the end of that year."""
    ids = list(
        leadership_units(user).filter(path__startswith=root.path).values_list("pk", flat=True)
    )
    out = []
    zero = Decimal(0)
    for year in years:
        computed = _compute(ids, None, date(year, 12, 31))
        out.append(
            (
                year,
                UnitFigures(unit=root, **{k: sum(v.values(), zero) for k, v in computed.items()}),
            )
        )
    return out


def targets() -> dict[int, Decimal]:
    """The 2025 and 2030 targets of women in key leadership (the catalogue's, else the
    strategy's)."""
    from binhdang.indicators.models import Indicator

    indicator = Indicator.objects.filter(code=TARGET_CODE).first()
    if indicator is None:
        return dict(TARGETS)
    found = {2025: indicator.target_2025, 2030: indicator.target_2030}
    return {y: v for y, v in found.items() if v is not None} or dict(TARGETS)
