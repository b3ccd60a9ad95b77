"""The indicators' section of the consolidated report comes through the shell's report-section
registry: documents asks, the indicators app answers from its own data."""

import pytest
from django.http import Http404

from binhdang.core.registry import report_sections
from binhdang.documents import builders
from binhdang.documents import services as documents
from binhdang.documents.tests import fixtures as consolidation
from binhdang.indicators.services import record_values

pytestmark = pytest.mark.django_db
TITLE = "Kết quả thực hiện các mục tiêu, chỉ tiêu về bình đẳng giới"


def _results(report, user):
    document, _annexes = builders.report_document(report, user=user, with_charts=False)
    return {child.title: child for child in document.sections[0].children}


def test_the_indicators_app_registers_its_section_of_the_consolidated_report():
    section = next(s for s in report_sections() if s.key == "indicators")
    assert section.title == TITLE
    assert section.build_consolidated is not None and section.build_for_unit is None


def test_the_consolidated_report_carries_the_indicators_of_its_unit(world, catalogue):
    rnd = consolidation.make_round(world)
    report = documents.compile_report(actor=world.standing_office, round=rnd)
    assert TITLE not in _results(report, world.standing_office)  # no value for 2023 yet
    record_values(
        actor=world.standing_office, unit=world.district, year=2023,
        raw={("GBV_DETECTED", "total"): "12", ("GBV_SERVED", "total"): "9"},
    )  # fmt: skip
    results = _results(report, world.standing_office)
    text = " ".join(str(p) for p in results[TITLE].paragraphs)
    assert "năm 2023 đạt" in text
    # A reader whose scope does not hold the round gets no report at all, section or not.
    for reader in (None, world.outsider):
        with pytest.raises(Http404):
            _results(report, reader)
