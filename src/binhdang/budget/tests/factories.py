"""Budget lines for tests, made through the service as a unit's reporter would."""

from binhdang.budget.models import SpendingLine
from binhdang.budget.services import EntryData, entry_create


def line(code: str = "TT191-03") -> SpendingLine:
    return SpendingLine.objects.get(code=code)


def make_entry(world, *, unit=None, actor=None, year=2023, source="commune", code="TT191-03",
               planned=15_000_000, spent=12_500_000, description="Tuyên truyền Luật Bình đẳng giới"):  # fmt: skip
    unit = unit or world.commune_a
    return entry_create(
        actor=actor or world.admin,
        data=EntryData(
            org_unit=unit, year=year, source=source, spending_line=line(code),
            planned=planned, spent=spent, description=description,
        ),
    )  # fmt: skip
