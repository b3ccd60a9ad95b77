"""NQ28-3.3: perpetrators detected and not prosecuted who were counselled (the measure g)
"education and support to change violent behaviour"), as figures for the indicators, on the
statistics page and in the report part."""

from django.urls import reverse
from django.utils import timezone

from binhdang.cases import report_section, services, statistics
from binhdang.cases.models import Measure, MeasureKind, MeasureState

from .conftest import incident_values


def _case_with_incident(cw, open_case, i):
    case = open_case(name=f"Người gây {i}", phone=f"09130000{i:02d}", id_number="")
    services.incident_record(actor=cw.worker_a, case=case, **incident_values())
    return case


def _measure(cw, case, kind, state=MeasureState.IN_FORCE):
    measure = services.measure_request(actor=cw.worker_a, case=case, kind=kind)
    Measure.objects.filter(pk=measure.pk).update(state=state)


def _fixture(cw, open_case):
    """8 cases: 0-3 counselled (one of them ended); 4 counselled but prosecuted; 5 with a
    criminal measure only asked for (not prosecuted); 6 with counselling only asked for;
    7 without an incident (no perpetrator recorded)."""
    cases = [_case_with_incident(cw, open_case, i) for i in range(7)]
    for case in cases[:4]:
        _measure(cw, case, MeasureKind.BEHAVIOUR)
    Measure.objects.filter(case=cases[3]).update(state=MeasureState.ENDED)
    _measure(cw, cases[4], MeasureKind.BEHAVIOUR)
    _measure(cw, cases[4], MeasureKind.CRIMINAL)
    _measure(cw, cases[5], MeasureKind.CRIMINAL, MeasureState.REQUESTED)
    _measure(cw, cases[6], MeasureKind.BEHAVIOUR, MeasureState.REQUESTED)
    cases.append(open_case(name="Không vụ việc", phone="0913999999", id_number=""))
    _measure(cw, cases[7], MeasureKind.BEHAVIOUR)
    return cases


def test_it_counts_four_counselled_of_six_not_prosecuted(cw, open_case):
    _fixture(cw, open_case)
    unit_ids = [cw.world.commune_a.pk]
    assert statistics.perpetrator_counselling(unit_ids) == (4, 6)
    assert str(statistics.percent(4, 6)) == "66.7"
    assert statistics.perpetrator_counselling([cw.world.commune_b.pk]) == (0, 0)


def test_the_figures_feed_the_strategys_indicator(cw, open_case):
    from binhdang.core.registry import figure
    from binhdang.indicators.computed import computed_values
    from binhdang.indicators.models import Indicator

    _fixture(cw, open_case)
    unit = cw.world.commune_a
    counselled = figure("cases.perpetrators_counselled")
    not_prosecuted = figure("cases.perpetrators_not_prosecuted")
    assert (counselled.data_element, not_prosecuted.data_element) == (
        "PERP_COUNSELLED",
        "PERP_NOT_PROSECUTED",
    )
    assert counselled.compute([unit.pk], None, None) == {unit.pk: 4}
    assert not_prosecuted.compute([unit.pk], None, None) == {unit.pk: 6}
    indicator = Indicator.objects.get(code="NQ28-3.3")
    assert (indicator.numerator.code, indicator.denominator.code) == (
        "PERP_COUNSELLED",
        "PERP_NOT_PROSECUTED",
    )
    values = computed_values(unit, timezone.localdate().year)
    assert values[("PERP_COUNSELLED", "total")].value == 4
    assert values[("PERP_NOT_PROSECUTED", "total")].value == 6
    assert computed_values(unit, 2020).get(("PERP_COUNSELLED", "total")) is None


def test_the_statistics_page_and_the_report_part_show_it(cw, open_case, login):
    cases = _fixture(cw, open_case)
    html = login(cw.stats).get(reverse("cases:statistics")).content.decode()
    assert "66,7%" in html and "(4/6)" in html
    part = report_section.build_part(cw.world.district, timezone.localdate().year)
    assert (
        "66,7% người gây bạo lực không bị truy cứu trách nhiệm hình sự được tư vấn"
        in part.paragraphs[0]
    )
    for case in cases:
        assert case.code not in html and case.code not in part.paragraphs[0]
    assert "Trần Văn Nam" not in html and "Người gây 1" not in html


def test_under_five_perpetrators_the_share_is_not_shown(cw, open_case, login):
    for i in range(3):
        _measure(cw, _case_with_incident(cw, open_case, i), MeasureKind.BEHAVIOUR)
    html = login(cw.stats).get(reverse("cases:statistics")).content.decode()
    assert "dưới 5 người gây bạo lực: không hiển thị" in html and "(3/3)" not in html
    part = report_section.build_part(cw.world.district, timezone.localdate().year)
    assert "người gây bạo lực" not in part.paragraphs[0]
