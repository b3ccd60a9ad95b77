"""Instances from rows of SQL written out (`core.rows`) equal the ORM's, field by field."""

import pytest
from django.db import connection
from django.utils import timezone

from binhdang.core.rows import columns, table
from binhdang.reporting import selectors, services
from binhdang.reporting.models import ExpectedUnit, Submission
from binhdang.reporting.tests.factories import make_round


def _fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def _started(world) -> Submission:
    """Commune A's report of a round, saved once with "1.234" typed for its participants."""
    return services.submission_save(
        actor=world.reporter_a,
        reporting_round=make_round(world),
        org_unit=world.commune_a,
        data={"values": {"participants": "1.234"}},
    )


@pytest.mark.django_db
def test_instances_built_from_a_row_equal_the_orms(world):
    submission = _started(world)
    Submission.objects.filter(pk=submission.pk).update(
        figure_notes={"participants": "Số liệu của Hội Phụ nữ xã"}, is_late=True,
        first_submitted_at=timezone.now(),
    )  # fmt: skip
    stored = Submission.objects.get(pk=submission.pk)
    shown = columns(Submission, "s")
    sql = f"SELECT {shown.sql} FROM {table(Submission)} s WHERE s.id = %s"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [stored.pk])
        built = shown.build(cursor.fetchone())
    assert _fields(built) == _fields(stored)
    assert built.figure_notes == {"participants": "Số liệu của Hội Phụ nữ xã"}
    assert built._state.adding is False and built._state.db == "default"


@pytest.mark.django_db
def test_the_expected_row_of_a_unit_is_the_orms(world):
    reporting_round = make_round(world)
    # Not started: no submission.
    row = selectors._expected_row(reporting_round.pk, world.commune_a.pk)
    orm = ExpectedUnit.objects.select_related("org_unit").get(
        round=reporting_round, org_unit=world.commune_a
    )
    assert _fields(row) == _fields(orm)
    assert _fields(row.org_unit) == _fields(orm.org_unit)
    assert row.submission is None and row._attached is False
    # Started: the submission as stored.
    services.submission_save(
        actor=world.reporter_a, reporting_round=reporting_round, org_unit=world.commune_a,
        data={"answers": {}, "values": {"participants": "1.250"}},
    )  # fmt: skip
    row = selectors._expected_row(reporting_round.pk, world.commune_a.pk)
    stored = Submission.objects.get(round=reporting_round, org_unit=world.commune_a)
    assert _fields(row.submission) == _fields(stored)
    # No such unit in the round.
    assert selectors._expected_row(reporting_round.pk, world.district.pk) is None


@pytest.mark.django_db
def test_a_row_inserted_and_updated_in_sql_reads_back_as_given(world):
    from binhdang.core.rows import insert, update
    from binhdang.reporting.models import SubmissionVersion

    submission = _started(world)
    moment = timezone.now()
    data = {"answers": {"1:done": "Tập huấn cho 45 cán bộ"}, "values": {"participants": "1234"}}
    pk = insert(
        SubmissionVersion,
        {"submission": submission.pk, "number": 7, "event": "submit", "data": data, "note": "",
         "actor": world.reporter_a.pk, "created_at": moment},
    )  # fmt: skip
    stored = SubmissionVersion.objects.get(pk=pk)
    assert (stored.submission_id, stored.number, stored.actor_id) == (
        submission.pk, 7, world.reporter_a.pk,
    )  # fmt: skip
    assert stored.data == data and stored.created_at == moment
    assert update(Submission, submission.pk, {"is_late": True, "submitted_at": moment}) == 1
    assert update(Submission, 10**12, {"is_late": True}) == 0
    again = Submission.objects.get(pk=submission.pk)
    assert again.is_late is True and again.submitted_at == moment


@pytest.mark.django_db
def test_the_hot_paths_sql_is_prepared_once_and_logged_each_time(world):
    """`prepared_cursor`: on PostgreSQL the statement is prepared by the server on its first
    run and only executed after; on SQLite it is Django's own cursor. Either way every run is
    in Django's query log (the query budgets count them) and reads the same row."""
    from django.test.utils import CaptureQueriesContext

    from binhdang.core.rows import prepared_cursor

    submission = _started(world)
    shown = columns(Submission, "s")
    sql = f"SELECT {shown.sql} FROM {table(Submission)} s WHERE s.id = %s"  # noqa: S608
    with CaptureQueriesContext(connection) as log:
        built = []
        for _ in range(2):
            with prepared_cursor() as cursor:
                cursor.execute(sql, [submission.pk])
                built.append(shown.build(cursor.fetchone()))
    assert len(log.captured_queries) == 2
    assert (
        _fields(built[0]) == _fields(built[1]) == _fields(Submission.objects.get(pk=submission.pk))
    )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT statement FROM pg_prepared_statements")
            assert sql.replace("%s", "$1") in [row[0] for row in cursor.fetchall()]
