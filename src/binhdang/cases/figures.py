"""The case app's figures for the reporting rounds' number fields and the strategy's
indicators: survivors detected (GBV_DETECTED, a round's "gbv_cases") and survivors who accessed
at least one basic service (GBV_SERVED, "survivors_supported"), trafficking victims with
support needs and those supported (TRAFFICKING_NEED_SUPPORT, TRAFFICKING_SUPPORTED), perpetrators
not prosecuted and those of them counselled (PERP_NOT_PROSECUTED, PERP_COUNSELLED: NQ28-3.3),
counted from every case of a unit, whatever its consent (statistics.py)."""

from django.utils.translation import gettext_lazy as _

from binhdang.core.registry import Figure, register_figure

from . import statistics

DETECTED = Figure(
    key="cases.detected",
    label=_("Survivors detected (from the case records)"),
    compute=statistics.detected_by_unit,
    unit_of_measure="người",
    data_element="GBV_DETECTED",
    order=40,
)
SERVED = Figure(
    key="cases.served",
    label=_("Survivors who accessed a basic service (from the case records)"),
    compute=statistics.served_by_unit,
    unit_of_measure="người",
    data_element="GBV_SERVED",
    order=41,
)

TRAFFICKING_NEEDING = Figure(
    key="cases.trafficking_needing",
    label=_("Trafficking victims with support needs (from the case records)"),
    compute=statistics.trafficking_needing_by_unit,
    unit_of_measure="người",
    data_element="TRAFFICKING_NEED_SUPPORT",
    order=42,
)
TRAFFICKING_SUPPORTED = Figure(
    key="cases.trafficking_supported",
    label=_("Trafficking victims supported (from the case records)"),
    compute=statistics.trafficking_supported_by_unit,
    unit_of_measure="người",
    data_element="TRAFFICKING_SUPPORTED",
    order=43,
)
PERPETRATORS_NOT_PROSECUTED = Figure(
    key="cases.perpetrators_not_prosecuted",
    label=_("Perpetrators detected and not prosecuted (from the case records)"),
    compute=statistics.not_prosecuted_by_unit,
    unit_of_measure="người",
    data_element="PERP_NOT_PROSECUTED",
    order=44,
)
PERPETRATORS_COUNSELLED = Figure(
    key="cases.perpetrators_counselled",
    label=_("Perpetrators not prosecuted who were counselled (from the case records)"),
    compute=statistics.counselled_by_unit,
    unit_of_measure="người",
    data_element="PERP_COUNSELLED",
    order=45,
)


def register() -> None:
    for item in (
        DETECTED,
        SERVED,
        TRAFFICKING_NEEDING,
        TRAFFICKING_SUPPORTED,
        PERPETRATORS_NOT_PROSECUTED,
        PERPETRATORS_COUNSELLED,
    ):
        register_figure(item)
