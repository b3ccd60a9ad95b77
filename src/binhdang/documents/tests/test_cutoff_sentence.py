"""Both the unit's own report and the consolidated report state the round's data cut-off
window (Decree 09/2019/NĐ-CP) before their first section."""

from datetime import date

import pytest

from binhdang.documents import builders, services
from binhdang.reporting.models import Submission

from .fixtures import make_round

pytestmark = pytest.mark.django_db


def _texts(paragraphs):
    return [getattr(p, "text", p) for p in paragraphs]


def test_the_consolidated_report_states_the_window_of_an_annual_round(world):
    rnd = make_round(world)
    report = services.compile_report(actor=world.standing_office, round=rnd)
    doc, _annexes = builders.report_document(report, user=world.standing_office, with_charts=False)
    assert _texts(doc.intro_paragraphs)[-1] == (
        "Số liệu tính từ ngày 15/12/2022 đến ngày 14/12/2023."
    )


def test_the_unit_report_states_the_window_the_office_set(world):
    rnd = make_round(world)
    rnd.cutoff_from, rnd.cutoff_to = date(2023, 1, 1), date(2023, 11, 30)
    rnd.save(update_fields=["cutoff_from", "cutoff_to"])
    submission = Submission.objects.select_related("round").get(round=rnd, org_unit=world.commune_a)
    doc, _annexes = builders.submission_document(submission)
    assert "Số liệu tính từ ngày 01/01/2023 đến ngày 30/11/2023." in _texts(doc.intro_paragraphs)
