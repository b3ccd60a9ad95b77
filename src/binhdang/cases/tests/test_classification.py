"""Tests 1, 2, 3 and 10 of issue 14: GBVIMS type, one survivor, derived flags, delay buckets."""

from datetime import date, timedelta

import pytest

from binhdang.cases import services
from binhdang.cases.classification import classify, delay_bucket
from binhdang.cases.models import Incident

from .conftest import incident_values


def test_it_classifies_penetration_as_rape_and_attempted_rape_as_sexual_assault():
    assert (
        classify({"penetration": True, "sexual_contact": True, "physical_assault": True}) == "rape"
    )
    assert classify({"sexual_contact": True, "physical_assault": True}) == "sexual_assault"
    assert classify({}) == "non_gbv"


def test_an_incident_takes_exactly_one_core_type(cw, open_case):
    case = open_case()
    incident = services.incident_record(
        actor=cw.worker_a,
        case=case,
        **incident_values(answers={"penetration": True, "physical_assault": True,
                                   "psychological": True}),
    )  # fmt: skip
    incident.refresh_from_db()
    assert incident.core_type == "rape"
    assert incident.answers["physical_assault"] is True


def test_an_incident_with_two_survivors_is_refused_with_a_prompt_to_split(cw, open_case):
    case = open_case()
    with pytest.raises(services.CaseError, match="tách"):
        services.incident_record(actor=cw.worker_a, case=case, **incident_values(survivors=2))
    assert not Incident.objects.filter(case=case).exists()


@pytest.mark.parametrize(
    ("age", "answers", "relationship", "flag"),
    [
        (15, {"penetration": True}, "stranger", "child_sexual_abuse"),
        (16, {"forced_marriage": True}, "family", "early_marriage"),
        (30, {"physical_assault": True}, "partner", "intimate_partner"),
    ],
)
def test_it_derives_the_context_flags(cw, open_case, age, answers, relationship, flag):
    case = open_case(age=age, birth_year=2026 - age)
    incident = services.incident_record(
        actor=cw.worker_a, case=case,
        **incident_values(answers=answers, perpetrator_relationship=relationship),
    )  # fmt: skip
    incident.refresh_from_db()
    flags = {
        f: getattr(incident, f)
        for f in ("child_sexual_abuse", "early_marriage", "intimate_partner")
    }
    assert flags == {f: f == flag for f in flags}


def test_an_adult_raped_is_not_flagged_as_child_abuse(cw, open_case):
    case = open_case(age=18)
    incident = services.incident_record(
        actor=cw.worker_a, case=case, **incident_values(answers={"penetration": True})
    )
    assert incident.child_sexual_abuse is False


@pytest.mark.parametrize(
    ("days", "bucket"),
    [(0, "0-3"), (3, "0-3"), (4, "4-5"), (5, "4-5"), (6, "6-14"), (14, "6-14"), (15, "2w-1m"),
     (30, "2w-1m"), (31, "1m+")],
)  # fmt: skip
def test_the_reporting_delay_falls_in_its_bucket(days, bucket):
    incident = date(2026, 10, 1)
    assert delay_bucket(incident, incident + timedelta(days=days)) == bucket


def test_the_stored_incident_carries_its_delay_bucket(cw, open_case):
    case = open_case()
    incident = services.incident_record(
        actor=cw.worker_a, case=case,
        **incident_values(incident_date=date(2026, 11, 1), first_report_date=date(2026, 11, 5)),
    )  # fmt: skip
    incident.refresh_from_db()
    assert incident.delay_bucket == "4-5"


def test_a_first_report_before_the_incident_is_refused(cw, open_case):
    case = open_case()
    with pytest.raises(services.CaseError):
        services.incident_record(
            actor=cw.worker_a, case=case,
            **incident_values(incident_date=date(2026, 11, 5), first_report_date=date(2026, 11, 1)),
        )  # fmt: skip
    assert not case.incidents.exists()
