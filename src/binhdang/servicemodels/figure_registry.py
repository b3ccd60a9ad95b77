"""The figures of the register, as the shell's registry holds them (see figures.py for the
date each is counted by)."""

from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from binhdang.core.registry import Figure

from . import figures


def _records_url(unit_id: int, start, end) -> str:
    return f"{reverse('servicemodels:list')}?{urlencode({'unit': unit_id})}"


FIGURES = [
    Figure(
        "servicemodels.active_models",
        _("Active service models (from the register)"),
        figures.active_models,
        _records_url,
        unit_of_measure="mô hình",
        order=60,
    ),
    Figure(
        "servicemodels.communes_with_model",
        _("Communes with an active service model (from the register)"),
        figures.communes_with_model,
        _records_url,
        unit_of_measure="xã",
        data_element="COMMUNES_DV_MODEL",
        order=61,
    ),
    Figure(
        "servicemodels.people_supported",
        _("People supported by the service models (from the register)"),
        figures.people_supported,
        _records_url,
        unit_of_measure="lượt người",
        order=62,
    ),
    Figure(
        "servicemodels.people_supported_women",
        _("Women supported by the service models (from the register)"),
        figures.people_supported_women,
        _records_url,
        unit_of_measure="lượt người",
        order=63,
    ),
    Figure(
        "servicemodels.people_supported_ethnic",
        _("Ethnic-minority people supported by the service models (from the register)"),
        figures.people_supported_ethnic,
        _records_url,
        unit_of_measure="lượt người",
        order=64,
    ),
    Figure(
        "servicemodels.referrals",
        _("Referrals received by the service models (from the register)"),
        figures.referrals,
        _records_url,
        unit_of_measure="trường hợp",
        order=65,
    ),
]
