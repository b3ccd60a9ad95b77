"""The published table of cases by commune: a commune whose counts would all be suppressed is
rolled up into "Các xã, đơn vị khác"; complementary suppression still applies."""

import unicodedata

from django.urls import reverse

from binhdang.cases import statistics

OTHER = statistics.OTHER_COMMUNES


def _commune(cw, name):
    from binhdang.orgunits.models import Kind, OrgUnit

    unit = OrgUnit(name=name, kind=Kind.COMMUNE, parent=cw.world.district)
    unit.save()
    return unit


def _cases(open_case, unit, n, start, **kwargs):
    for i in range(n):
        open_case(unit=unit, name=f"Người {start + i}", phone=f"09140{start + i:05d}",
                  id_number="", **kwargs)  # fmt: skip


def _district_ids(cw):
    from binhdang.orgunits.models import OrgUnit

    return list(OrgUnit.objects.subtree_of(cw.world.district).values_list("pk", flat=True))


def _worker(cw, unit):
    from .conftest import _member

    return _member(f"worker_{unit.pk}", unit, "case_worker")


def test_small_communes_are_rolled_up_and_named_communes_show_their_true_counts(cw, open_case):
    dao_duc = _commune(cw, unicodedata.normalize("NFD", "Xã Đạo Đức"))
    viet_lam = _commune(cw, "Xã Việt Lâm")
    _cases(open_case, cw.world.commune_a, 7, 0)
    _cases(open_case, cw.world.commune_b, 6, 10, actor=cw.worker_b)
    _cases(open_case, dao_duc, 3, 20, actor=_worker(cw, dao_duc))
    _cases(open_case, viet_lam, 2, 30, actor=_worker(cw, viet_lam))
    table = statistics.cases_by_commune(_district_ids(cw))
    assert table.row_labels == ["Xã Kim Thạch", "Xã Phú Linh", OTHER]
    assert table.cells == [[6, 0, 0, 0], [7, 0, 0, 0], [5, 0, 0, 0]]
    assert table.column_labels[0] == "Bạo lực gia đình"
    for name in ("Xã Đạo Đức", "Việt Lâm"):
        assert not any(unicodedata.normalize("NFC", name) in label for label in table.row_labels)


def test_a_small_rolled_up_row_is_suppressed_with_a_complementary_cell(cw, open_case, login):
    dao_duc = _commune(cw, "Xã Đạo Đức")
    _cases(open_case, cw.world.commune_a, 7, 0)
    _cases(open_case, cw.world.commune_b, 6, 10, actor=cw.worker_b)
    _cases(open_case, dao_duc, 3, 20, actor=_worker(cw, dao_duc))
    table = statistics.cases_by_commune(_district_ids(cw))
    assert table.row_labels == ["Xã Kim Thạch", "Xã Phú Linh", OTHER]
    # 3 is under 5; the 6 is hidden with it, else 16 - 7 - 6 would tell it
    assert table.cells == [[None, 0, 0, 0], [7, 0, 0, 0], [None, 0, 0, 0]]
    html = login(cw.stats).get(reverse("cases:statistics")).content.decode()
    assert "Số ca theo xã và khung pháp lý" in html and OTHER in html
    assert "Xã Đạo Đức" not in html


def test_a_commune_with_one_large_cell_keeps_its_row(cw, open_case):
    _cases(open_case, cw.world.commune_a, 5, 0)
    _cases(open_case, cw.world.commune_a, 2, 10, legal_frame="other_gbv")
    _cases(open_case, cw.world.commune_b, 1, 20, actor=cw.worker_b)
    table = statistics.cases_by_commune(_district_ids(cw))
    assert table.row_labels == ["Xã Phú Linh", OTHER]
    # the 2 and the 1 hidden; the 5 beside the 2 and the 0 row keep the rest from telling
    assert table.cells == [[None, None, 0, 0], [None, 0, 0, 0]]


def test_a_single_commune_scope_has_no_commune_table(cw, open_case):
    _cases(open_case, cw.world.commune_a, 6, 0)
    assert statistics.cases_by_commune([cw.world.commune_a.pk]) is None
    titles = [t.title for t in statistics.tables([cw.world.commune_a.pk])]
    assert "Số ca theo xã và khung pháp lý" not in titles
