"""A final report whose sections and figures match nothing in the round above is not sent:
no submission appears there and the report stays as it was."""

from datetime import date

import pytest
from django.utils.translation import gettext

from binhdang.documents import services
from binhdang.documents.models import ReportStatus
from binhdang.reporting.models import Submission

from .fixtures import make_round
from .test_frozen_versions import _compile_and_finalise, _province_round, media  # noqa: F401

pytestmark = pytest.mark.django_db


def test_it_sends_nothing_upward_when_no_section_or_figure_matches(world, login, media):  # noqa: F811
    rnd = make_round(world)
    report = _compile_and_finalise(login, world, rnd)
    province, _office = _province_round(world, rnd)
    province.fields.all().delete()
    province.sections.all().delete()
    with pytest.raises(services.DocumentError) as refused:
        services.report_submit_upward(
            actor=world.standing_office, report=report, parent_round=province,
            sent_on=date(2023, 12, 8),
        )  # fmt: skip
    assert str(refused.value) == gettext(
        "No section or figure of this report matches the form of that round."
    )
    assert not Submission.objects.filter(round=province).exists()
    report.refresh_from_db()
    assert report.status != ReportStatus.SENT and not report.send_records.exists()
