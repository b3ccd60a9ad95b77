"""The field-visits app, installed by its one INSTALLED_APPS line, is part of the site: its
API route, its permission, its navigation entry, its "my work" item and its report section.
Run by tests/test_plugin_app.py with `--ds=tests.plugin_app.settings`."""

import pytest
from django.apps import apps

from binhdang.accounts.permissions import ROLE_PERMISSIONS, Role, role_grants, roles_with
from binhdang.accounts.scoping import units_for
from binhdang.api import api
from binhdang.documents import builders
from binhdang.documents import services as documents
from binhdang.documents.tests import fixtures as consolidation
from binhdang.reporting import services as reporting
from binhdang.reporting.tests.factories import fill, make_round

from .permissions import VISIT_RECORD

pytestmark = pytest.mark.django_db


def test_it_runs_with_the_app_installed():
    assert apps.is_installed("tests.plugin_app")


def test_its_api_route_is_in_the_schema_and_answers_within_the_user_scope(world, client):
    schema = api.get_openapi_schema()
    assert "get" in schema["paths"]["/api/v1/visits/units"]
    client.force_login(world.reporter_a)
    assert client.get("/api/v1/visits/units").json() == ["Xã Phú Linh"]
    client.force_login(world.viewer)
    assert client.get("/api/v1/visits/units").json() == []
    client.logout()
    assert client.get("/api/v1/visits/units").status_code == 401


def test_its_permission_goes_to_the_role_it_names_and_no_other(world):
    assert roles_with(VISIT_RECORD) == [Role.REPORTER]
    assert role_grants(Role.REPORTER, VISIT_RECORD)
    assert not role_grants(Role.STANDING_OFFICE, VISIT_RECORD)
    assert VISIT_RECORD not in ROLE_PERMISSIONS[Role.VIEWER]
    assert list(units_for(world.reporter_a, VISIT_RECORD)) == [world.commune_a]
    assert not units_for(world.standing_office, VISIT_RECORD).exists()


def test_its_nav_entry_and_my_work_item_are_on_the_home_page(world, client):
    client.force_login(world.reporter_a)
    home = client.get("/").content.decode()
    assert 'href="/visits/"' in home
    assert "Thăm hộ gia đình: Xã Phú Linh" in home
    assert client.get("/visits/").status_code == 200
    client.force_login(world.viewer)
    home = client.get("/").content.decode()
    assert 'href="/visits/"' not in home and "Thăm hộ gia đình" not in home
    assert client.get("/visits/").status_code == 404


def _titles(document):
    return [child.title for child in document.sections[0].children]


def test_its_section_is_in_a_units_own_report(world):
    submission = fill(world, make_round(world))
    reporting.submission_submit(actor=world.reporter_a, submission=submission)
    document, _annexes = builders.submission_document(submission)
    results = document.sections[0].children
    assert results[-1].title == "Kết quả thăm hộ gia đình"
    assert results[-1].number == f"{len(results)}."
    assert results[-1].paragraphs == ["Xã Phú Linh đã thăm 12 hộ gia đình."]


def test_its_section_is_in_the_consolidated_report(world):
    rnd = consolidation.make_round(world)
    report = documents.compile_report(actor=world.standing_office, round=rnd)
    document, _annexes = builders.report_document(report, user=world.standing_office)
    # the consolidated report's results are its section II, after "Công tác lãnh đạo, chỉ đạo"
    results = next(s for s in document.sections if s.title == "KẾT QUẢ THỰC HIỆN")
    titles = [child.title for child in results.children]
    assert "Kết quả thăm hộ gia đình" in titles
    section = results.children[titles.index("Kết quả thăm hộ gia đình")]
    assert section.paragraphs == ["Các đơn vị của Huyện Vị Xuyên đã thăm 40 hộ gia đình."]
