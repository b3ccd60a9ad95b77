"""Placing a message: which round (the address it was sent to, then the subject) and which
unit (the sender's address registered on a unit or held by the unit's users, then the unit's
name in the subject or the file names). A place is given only when exactly one candidate is
left; otherwise the message goes to triage with the candidates as suggestions."""

import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q

from binhdang.accounts.scoping import report_writing_units
from binhdang.formats.text import fold
from binhdang.orgunits.models import OrgUnit
from binhdang.reporting.models import ExpectedUnit, ReportingRound, RoundStatus

from .models import TriageReason, UnitMailAddress
from .parsing import Parsed

# Leading words of a unit's name that do not tell units apart ("Xã Phú Linh" -> "phu linh").
UNIT_PREFIXES = (
    "uy ban nhan dan",
    "ubnd",
    "thi tran",
    "thi xa",
    "thanh pho",
    "xa",
    "phuong",
    "huyen",
    "quan",
    "tinh",
)


def _words(text: str) -> str:
    return " " + re.sub(r"[^a-z0-9]+", " ", fold(text)).strip() + " "


def short_name(name: str) -> str:
    words = _words(name).strip()
    for prefix in UNIT_PREFIXES:
        if words.startswith(prefix + " "):
            return words[len(prefix) + 1 :]
    return words


def named_in(units, text: str) -> list:
    """The units whose name (without "Xã", "Phường"...) appears in `text`."""
    haystack = _words(text)
    return [u for u in units if f" {short_name(u.name)} " in haystack]


@dataclass
class Placement:
    round: ReportingRound | None = None
    unit: OrgUnit | None = None
    office_unit: OrgUnit | None = None
    reason: str = TriageReason.NONE
    candidates: list = field(default_factory=list)
    # Who may attach for the unit: users holding the sender's address who write its report,
    # and the people who registered the address on the unit.
    sender_users: list = field(default_factory=list)
    registrars: list = field(default_factory=list)


def rounds_named(recipients: list[str]):
    condition = Q(pk__in=[])
    for address in recipients:
        condition |= Q(soft_copy_email__iexact=address)
    return ReportingRound.objects.filter(condition).select_related("owner_unit")


def sender_units(sender: str) -> tuple[dict[int, list], dict[int, list]]:
    """unit id -> registrars of the address, unit id -> users writing the unit's report."""
    by_address: dict[int, list] = {}
    by_user: dict[int, list] = {}
    if not sender:
        return by_address, by_user
    for row in UnitMailAddress.objects.filter(email=sender).select_related("added_by"):
        by_address.setdefault(row.org_unit_id, []).append(row.added_by)
    users = get_user_model().objects.filter(email__iexact=sender, is_active=True)
    for user in users:
        for unit_id in report_writing_units(user).exclude(pk=None).values_list("pk", flat=True):
            by_user.setdefault(unit_id, []).append(user)
    return by_address, by_user


def place(parsed: Parsed) -> Placement:
    named = list(rounds_named(parsed.recipients).order_by("-deadline", "-id"))
    open_rounds = [r for r in named if r.status == RoundStatus.OPEN]
    by_address, by_user = sender_units(parsed.sender)
    known = set(by_address) | set(by_user)
    text = " ".join([parsed.subject, *(p.name for p in parsed.parts)])
    placement = Placement(office_unit=named[0].owner_unit if named else None)

    expected: dict[int, set[int]] = {}
    for round_id, unit_id in ExpectedUnit.objects.filter(
        round__in=[r.pk for r in open_rounds]
    ).values_list("round_id", "org_unit_id"):
        expected.setdefault(round_id, set()).add(unit_id)

    chosen = open_rounds
    if len(chosen) > 1 and known:
        chosen = [r for r in chosen if expected.get(r.pk, set()) & known] or chosen
    if len(chosen) > 1:
        haystack = _words(text)
        chosen = [
            r
            for r in chosen
            if _words(r.title) in haystack or f" {_words(r.slug).strip()} " in haystack
        ] or chosen
    if not chosen:
        placement.reason = TriageReason.NO_ROUND
        placement.candidates = list(OrgUnit.objects.filter(pk__in=known))
        return placement
    if len(chosen) > 1:
        placement.reason = TriageReason.UNCLEAR_ROUND
        placement.office_unit = chosen[0].owner_unit
        placement.candidates = list(OrgUnit.objects.filter(pk__in=known))
        return placement
    reporting_round = chosen[0]
    placement.round = reporting_round
    placement.office_unit = reporting_round.owner_unit
    in_round = expected.get(reporting_round.pk, set())

    if not known:
        placement.reason = TriageReason.UNKNOWN_SENDER
        placement.candidates = named_in(OrgUnit.objects.filter(pk__in=in_round), text)
        return placement
    candidates = list(OrgUnit.objects.filter(pk__in=known & in_round))
    if not candidates:
        placement.reason = TriageReason.NOT_EXPECTED
        placement.candidates = list(OrgUnit.objects.filter(pk__in=known))
        return placement
    if len(candidates) > 1:
        mentioned = named_in(candidates, text)
        if len(mentioned) != 1:
            placement.reason = TriageReason.UNCLEAR_UNIT
            placement.candidates = candidates
            return placement
        candidates = mentioned
    unit = candidates[0]
    placement.unit = unit
    placement.sender_users = by_user.get(unit.pk, [])
    placement.registrars = [u for u in by_address.get(unit.pk, []) if u is not None]
    return placement
