"""The case app's figures for the reporting rounds' number fields and the strategy's
indicators: survivors detected (GBV_DETECTED, a round's "gbv_cases") and survivors who accessed
at least one basic service (GBV_SERVED, "survivors_supported"), counted from every case of a
unit, whatever its consent (statistics.py)."""

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


def register() -> None:
    register_figure(DETECTED)
    register_figure(SERVED)
