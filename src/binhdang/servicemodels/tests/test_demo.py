"""The demo's Vị Xuyên 2023 in records: about forty service models with a 2023 evaluation
each, a few hundred women given economic support; the same on a second run."""

import io
from datetime import date

import pytest
from django.db.models import Sum

from binhdang.demo.steps import s10_units, s25_servicemodels, s26_empowerment
from binhdang.empowerment.models import Support
from binhdang.servicemodels.models import Evaluation, PeriodRecord, ServiceModel

from .factories import ensure_criteria

pytestmark = pytest.mark.django_db


def _load():
    s10_units.run(io.StringIO())
    s25_servicemodels.run(io.StringIO())
    s26_empowerment.run(io.StringIO())


def test_the_demo_holds_vi_xuyens_2023_models_and_support_and_loads_twice_alike():
    ensure_criteria()
    _load()
    models = ServiceModel.objects.count()
    assert 36 <= models <= 45
    communes = set(ServiceModel.objects.values_list("commune__name", flat=True))
    assert len(communes) == 21 and "Xã Cao Bồ" not in communes
    assert Evaluation.objects.filter(year=2023).values("service_model").distinct().count() == models
    assert not PeriodRecord.objects.filter(period_end__gt=date(2023, 12, 6)).exists()
    women = Support.objects.aggregate(w=Sum("women"))["w"]
    assert 300 <= women <= 800
    assert Support.objects.filter(
        programme="ntp_ethnic_p8", org_unit__short_name="Hội LHPN huyện"
    ).exists()
    counts = (
        models,
        PeriodRecord.objects.count(),
        Evaluation.objects.count(),
        Support.objects.count(),
    )
    _load()
    assert counts == (
        ServiceModel.objects.count(), PeriodRecord.objects.count(), Evaluation.objects.count(),
        Support.objects.count(),
    )  # fmt: skip
