"""Reads of the mailbox, always given the user: the messages of the rounds whose standing
office (or issuing People's Committee) the user works for, under MAILBOX_TRIAGE."""

from django.http import Http404

from binhdang.accounts.scoping import has_permission, require_record, units_for, visible
from binhdang.formats.numbers import parse_id
from binhdang.reporting import selectors as reporting_selectors
from binhdang.reporting.models import ExpectedUnit, RoundStatus

from .matching import rounds_named
from .models import MailMessage, MessageStatus, UnitMailAddress
from .permissions import MAILBOX_TRIAGE


def messages_for(user, status: str | None = None):
    qs = visible(
        user, MAILBOX_TRIAGE, MailMessage.objects.all(), unit_field="office_unit"
    ).select_related("round", "org_unit", "office_unit")
    if status in MessageStatus.values:
        qs = qs.filter(status=status)
    return qs


def triage_count(user) -> int:
    return messages_for(user, MessageStatus.TRIAGE).count()


def message_for(user, pk) -> MailMessage:
    pk = parse_id(pk)
    message = messages_for(user).filter(pk=pk).first() if pk is not None else None
    if message is None:
        raise Http404
    return message


def require_message(user, message: MailMessage) -> None:
    require_record(user, MAILBOX_TRIAGE, message, unit_field="office_unit")


def rounds_for_assignment(user, message: MailMessage) -> list:
    """The rounds naming one of the message's addresses that the user reviews."""
    rounds = list(rounds_named(message.recipients).order_by("-deadline", "-id"))
    if message.round_id and all(r.pk != message.round_id for r in rounds):
        rounds.insert(0, message.round)
    return [r for r in rounds if reporting_selectors.can_review(user, r)]


def expected_units(reporting_round) -> list:
    return [
        row.org_unit
        for row in ExpectedUnit.objects.filter(round=reporting_round)
        .select_related("org_unit")
        .order_by("org_unit__name")
    ]


def round_choice(user, message: MailMessage, value):
    pk = parse_id(value)
    return next((r for r in rounds_for_assignment(user, message) if r.pk == pk), None)


def unit_choice(reporting_round, value):
    pk = parse_id(value)
    if reporting_round is None or pk is None:
        return None
    return next((u for u in expected_units(reporting_round) if u.pk == pk), None)


def may_register_for(user, unit) -> bool:
    return has_permission(user, MAILBOX_TRIAGE, unit)


def addresses_for(user):
    return visible(user, MAILBOX_TRIAGE, UnitMailAddress.objects.all()).select_related(
        "org_unit", "added_by"
    )


def address_for(user, pk) -> UnitMailAddress:
    pk = parse_id(pk)
    address = addresses_for(user).filter(pk=pk).first() if pk is not None else None
    if address is None:
        raise Http404
    return address


def registrable_units(user):
    """The units expected in the open rounds of the offices the user works for."""
    from binhdang.orgunits.models import OrgUnit

    expected = ExpectedUnit.objects.filter(
        round__status=RoundStatus.OPEN,
        round__owner_unit__in=units_for(user, MAILBOX_TRIAGE),
    ).values("org_unit")
    return OrgUnit.objects.filter(pk__in=expected).order_by("name")
