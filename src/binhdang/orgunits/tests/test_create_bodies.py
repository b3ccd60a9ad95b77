"""`binhdang create-bodies`: a territorial unit gets its bodies from a shipped, editable
template; a second run creates nothing; a bad template is refused whole; a dry run writes
nothing."""

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from binhdang.audit.models import AuditEntry
from binhdang.orgunits.body_templates import load_template, shipped_templates
from binhdang.orgunits.models import AdminSet, Kind, OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def province_2025():
    unit = OrgUnit(
        external_id="2025:province:08", code="08", name="Tỉnh Tuyên Quang",
        short_name="Tuyên Quang", kind=Kind.PROVINCE, division_type="tỉnh",
        admin_set=AdminSet.Y2025, valid_from=date(2025, 7, 1),
    )  # fmt: skip
    unit.save()
    return unit


@pytest.fixture
def commune_2025(province_2025):
    unit = OrgUnit(
        external_id="2025:ward:00706", code="00706", name="Xã Phú Linh", short_name="Phú Linh",
        kind=Kind.COMMUNE, division_type="xã", admin_set=AdminSet.Y2025, parent=province_2025,
        valid_from=date(2025, 7, 1),
    )  # fmt: skip
    unit.save()
    return unit


def _run(*args) -> str:
    out = StringIO()
    call_command("create-bodies", *args, stdout=out)
    return out.getvalue()


def test_it_ships_a_template_for_the_province_and_the_commune_of_2025():
    assert {"province-2025", "commune-2025"} <= set(shipped_templates())
    commune = load_template("commune-2025")
    assert commune.standing_office_key == "vhxh"
    assert load_template("province-2025").standing_office_key == "noivu"


def test_it_creates_the_commune_bodies_once_with_the_standing_office(commune_2025):
    out = _run("--template", "commune-2025", "--under", "2025:ward:00706")
    bodies = OrgUnit.objects.filter(parent=commune_2025)
    names = set(bodies.values_list("name", flat=True))
    assert "Phòng Văn hóa - Xã hội xã Phú Linh" in names
    assert "Công an xã Phú Linh" in names
    assert "Hội Liên hiệp Phụ nữ xã Phú Linh" in names
    assert bodies.get(name="Công an xã Phú Linh").kind == Kind.ARMED_FORCES
    assert all(b.valid_from == date(2025, 7, 1) for b in bodies)
    assert "Phòng Văn hóa - Xã hội xã Phú Linh" in out and "7" in out
    created = bodies.count()
    assert AuditEntry.objects.filter(action="orgunit.create_from_template").count() == created

    again = _run("--template", "commune-2025", "--under", "2025:ward:00706")
    assert OrgUnit.objects.filter(parent=commune_2025).count() == created
    assert AuditEntry.objects.filter(action="orgunit.create_from_template").count() == created
    assert "0" in again


def test_it_finds_the_unit_by_its_code_and_fills_the_province_names(province_2025):
    _run("--template", "province-2025", "--under", "08")
    names = set(OrgUnit.objects.filter(parent=province_2025).values_list("name", flat=True))
    assert {"Sở Nội vụ tỉnh Tuyên Quang", "Công an tỉnh Tuyên Quang",
            "Ban vì sự tiến bộ của phụ nữ tỉnh Tuyên Quang"} <= names  # fmt: skip


def test_a_dry_run_changes_nothing(commune_2025):
    before = OrgUnit.objects.count()
    out = _run("--template", "commune-2025", "--under", str(commune_2025.pk), "--dry-run")
    assert OrgUnit.objects.count() == before
    assert not AuditEntry.objects.filter(action="orgunit.create_from_template").exists()
    assert "Phòng Văn hóa - Xã hội xã Phú Linh" in out


@pytest.mark.parametrize(
    "content, message",
    [
        ("{not json", "JSON"),
        (json.dumps({"applies_to": ["commune"], "bodies": []}), "bodies"),
        (json.dumps({"applies_to": ["commune"], "bodies": [
            {"key": "a", "name": "Phòng A {locality}", "kind": "department"},
            {"key": "b", "name": "Phòng B {tinh}", "kind": "department"}]}), "{tinh}"),
        (json.dumps({"applies_to": ["commune"], "bodies": [
            {"key": "a", "name": "Phòng A", "kind": "province"}]}), "kind"),
        (json.dumps({"applies_to": ["commune"], "bodies": [
            {"key": "a", "name": "Phòng A", "kind": "department"},
            {"key": "a", "name": "Phòng B", "kind": "department"}]}), "a"),
        (json.dumps({"applies_to": ["province"], "bodies": [
            {"key": "a", "name": "Phòng A", "kind": "department"}]}), "Tỉnh"),
    ],
)  # fmt: skip
def test_it_refuses_a_bad_template_and_creates_nothing(commune_2025, tmp_path, content, message):
    path = tmp_path / "mau.json"
    path.write_text(content, encoding="utf-8")
    before = OrgUnit.objects.count()
    with pytest.raises(CommandError) as refused:
        _run("--template", str(path), "--under", "2025:ward:00706")
    assert message in str(refused.value)
    assert "Mẫu" in str(refused.value) or "mẫu" in str(refused.value)
    assert OrgUnit.objects.count() == before


def test_it_refuses_an_unknown_template_or_unit(commune_2025):
    with pytest.raises(CommandError, match="commune-2025"):
        _run("--template", "huyen-1990", "--under", "2025:ward:00706")
    with pytest.raises(CommandError):
        _run("--template", "commune-2025", "--under", "99999")
