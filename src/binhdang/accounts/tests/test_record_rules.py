"""Rules an app registers for its own records, applied with the unit scope, in the
database, failing closed."""

import pytest
from django.db.models import Q
from django.http import Http404

from binhdang.accounts.models import ApiToken
from binhdang.accounts.scoping import (
    record_rules,
    register_record_rule,
    require_record,
    unregister_record_rule,
    visible,
)
from binhdang.orgunits.models import OrgUnit
from binhdang.orgunits.permissions import ORGUNIT_VIEW

TOKEN_READ = "token.read"


def own_tokens(user) -> Q:
    return Q(user=user)


@pytest.fixture
def token_rule():
    register_record_rule(ApiToken, TOKEN_READ, own_tokens)
    yield
    unregister_record_rule(ApiToken, TOKEN_READ, own_tokens)


@pytest.mark.django_db
def test_a_rule_that_is_not_unit_based_decides_alone(world, token_rule):
    mine = ApiToken.objects.get(digest=ApiToken.hash(ApiToken.issue(world.reporter_a, "a")))
    theirs = ApiToken.objects.get(digest=ApiToken.hash(ApiToken.issue(world.reporter_b, "b")))
    every = ApiToken.objects.all()
    assert list(visible(world.reporter_a, TOKEN_READ, every, unit_field=None)) == [mine]
    assert list(visible(world.reporter_b, TOKEN_READ, every, unit_field=None)) == [theirs]
    # A user the rule matches nothing of sees nothing, an administrator included.
    assert not visible(world.standing_office, TOKEN_READ, every, unit_field=None).exists()
    assert not visible(world.admin, TOKEN_READ, every, unit_field=None).exists()
    require_record(world.reporter_a, TOKEN_READ, mine, unit_field=None)
    with pytest.raises(Http404):
        require_record(world.reporter_a, TOKEN_READ, theirs, unit_field=None)


@pytest.mark.django_db
def test_it_fails_closed_without_a_rule_or_a_user(world, token_rule):
    ApiToken.issue(world.reporter_a, "a")
    every = ApiToken.objects.all()
    # No rule for this permission: with no unit field there is nothing to decide by.
    assert not visible(world.reporter_a, "token.other", every, unit_field=None).exists()
    assert not visible(world.nobody, TOKEN_READ, every, unit_field=None).exists()
    world.reporter_a.is_active = False
    assert not visible(world.reporter_a, TOKEN_READ, every, unit_field=None).exists()


@pytest.mark.django_db
def test_a_rule_narrows_the_unit_scope_and_never_widens_it(world):
    def communes_only(user) -> Q:
        return Q(kind="commune")

    register_record_rule(OrgUnit, ORGUNIT_VIEW, communes_only)
    try:
        assert record_rules(OrgUnit, ORGUNIT_VIEW) == [communes_only]
        seen = set(
            visible(world.standing_office, ORGUNIT_VIEW, OrgUnit.objects.all(), unit_field="pk")
        )
        assert seen == {world.commune_a, world.commune_b}  # not commune C of the other district
        assert set(
            visible(world.reporter_a, ORGUNIT_VIEW, OrgUnit.objects.all(), unit_field="pk")
        ) == {world.commune_a}
        with pytest.raises(Http404):
            require_record(world.standing_office, ORGUNIT_VIEW, world.district, unit_field="pk")
    finally:
        unregister_record_rule(OrgUnit, ORGUNIT_VIEW, communes_only)
    assert world.district in visible(
        world.standing_office, ORGUNIT_VIEW, OrgUnit.objects.all(), unit_field="pk"
    )


def test_the_reporting_app_registers_its_draft_rule():
    from binhdang.reporting.models import SubmissionAnswer, SubmissionAttachment
    from binhdang.reporting.permissions import SUBMISSION_VIEW
    from binhdang.reporting.rules import answer_rule, attachment_rule

    assert record_rules(SubmissionAnswer, SUBMISSION_VIEW) == [answer_rule]
    assert record_rules(SubmissionAttachment, SUBMISSION_VIEW) == [attachment_rule]
