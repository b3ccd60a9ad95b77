"""Test 15: the support of Luật 53/2024/QH15, Art. 37, as a ledger."""

import pytest

from binhdang.cases import services
from binhdang.cases.classification import POINTS, trafficking_entitlements
from binhdang.cases.models import SupportStatus

A_TO_D = ["a", "b", "c", "d"]
A_TO_G = ["a", "b", "c", "d", "đ", "e", "g"]
A_TO_H = [*A_TO_G, "h"]


@pytest.mark.parametrize(
    ("status", "place", "minor", "points"),
    [
        ("being_identified", "vietnam", False, A_TO_G),
        ("being_identified", "abroad", False, A_TO_D),
        ("confirmed", "vietnam", False, POINTS),
        ("confirmed", "abroad", False, POINTS),
        ("confirmed", "vietnam", True, A_TO_H),
        ("not_victim", "vietnam", False, []),
    ],
)
def test_the_entitlements_follow_article_37(status, place, minor, points):
    assert trafficking_entitlements(status, place, minor) == points


def test_article_37_lists_ten_points():
    assert POINTS == ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k"]


def test_the_ledger_follows_the_identification_and_keeps_what_was_provided(cw, open_case):
    case = open_case(legal_frame="trafficking")
    services.trafficking_identify(actor=cw.worker_a, case=case, status="being_identified",
                                  place="abroad")  # fmt: skip
    assert sorted(case.trafficking_support.values_list("point", flat=True)) == A_TO_D
    line = case.trafficking_support.get(point="b")
    services.trafficking_support_mark(actor=cw.worker_a, line=line, status="provided",
                                      provided_on=case.created_at.date(),
                                      provided_by="Bệnh viện Đa khoa Vị Xuyên")  # fmt: skip
    services.trafficking_identify(actor=cw.worker_a, case=case, status="confirmed", place="vietnam")
    assert sorted(case.trafficking_support.values_list("point", flat=True)) == sorted(POINTS)
    line.refresh_from_db()
    assert (
        line.status == SupportStatus.PROVIDED and line.provided_by == "Bệnh viện Đa khoa Vị Xuyên"
    )


def test_provided_needs_a_date(cw, open_case):
    case = open_case(legal_frame="trafficking")
    services.trafficking_identify(actor=cw.worker_a, case=case, status="confirmed", place="vietnam")
    line = case.trafficking_support.get(point="a")
    with pytest.raises(services.CaseError):
        services.trafficking_support_mark(actor=cw.worker_a, line=line, status="provided",
                                          provided_on=None, provided_by="")  # fmt: skip
    line.refresh_from_db()
    assert line.status == SupportStatus.ENTITLED


def test_the_trafficking_section_is_the_teams_only(cw, open_case, login):
    from django.urls import reverse

    case = open_case(legal_frame="trafficking")
    services.trafficking_identify(actor=cw.worker_a, case=case, status="confirmed", place="abroad")
    services.measure_request(actor=cw.worker_a, case=case, kind="stop")
    assert (
        'id="trafficking"'
        in login(cw.worker_a).get(reverse("cases:detail", args=[case.pk])).content.decode()
    )
    police_page = login(cw.police_a).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="trafficking"' not in police_page


def test_the_trafficking_figures_count_needing_and_supported(cw, open_case):
    from binhdang.cases import statistics

    needing = open_case(legal_frame="trafficking", name="A", phone="", id_number="")
    supported = open_case(legal_frame="trafficking", name="B", phone="", id_number="")
    not_victim = open_case(legal_frame="trafficking", name="C", phone="", id_number="")
    for case, status in ((needing, "confirmed"), (supported, "being_identified"),
                         (not_victim, "not_victim")):  # fmt: skip
        services.trafficking_identify(actor=cw.worker_a, case=case, status=status, place="vietnam")
    line = supported.trafficking_support.get(point="b")
    services.trafficking_support_mark(actor=cw.worker_a, line=line, status="provided",
                                      provided_on=supported.created_at.date(), provided_by="Trạm Y tế")  # fmt: skip
    unit = cw.world.commune_a.pk
    assert statistics.trafficking_needing_by_unit([unit], None, None) == {unit: 2}
    assert statistics.trafficking_supported_by_unit([unit], None, None) == {unit: 1}
