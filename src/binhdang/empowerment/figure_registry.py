"""The figures of the support records, as the shell's registry holds them: each counted over
a unit's own records by the date the support was given (`given_on`)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binhdang.core.registry import Figure

from . import figures


def _records_url(unit_id: int, start, end) -> str:
    query = {"unit": unit_id}
    if start is not None:
        query["date_from"] = start.isoformat()
    if end is not None:
        query["date_to"] = end.isoformat()
    return f"{reverse('empowerment:list')}?{urlencode(query)}"


def _figure(key, label, compute, unit="lượt người", order=70):
    return Figure(
        f"empowerment.{key}", label, compute, _records_url, unit_of_measure=unit, order=order
    )


FIGURES = [
    _figure("beneficiaries", _("People given economic support (from the records)"), figures.beneficiaries, order=70),
    _figure("beneficiaries_women", _("Women given economic support (from the records)"), figures.beneficiaries_women, order=71),
    _figure("beneficiaries_ethnic", _("Ethnic-minority people given economic support (from the records)"), figures.beneficiaries_ethnic, order=72),
    _figure("beneficiaries_poor", _("Poor and near-poor people given economic support (from the records)"), figures.beneficiaries_poor, order=73),
    _figure("beneficiaries_violence_victims", _("Victims of violence given economic support (from the records)"), figures.beneficiaries_violence_victims, order=74),
    _figure("amount", _("Economic support given, in đồng (from the records)"), figures.amount, unit="đồng", order=75),
]  # fmt: skip
