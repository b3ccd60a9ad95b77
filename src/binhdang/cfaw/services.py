"""Every change to a committee: creating and editing it, and reconstituting it (kiện toàn) by a
decision that closes and opens memberships in one transaction. Members, programme items and
meetings one by one go through `leadership.records.save_record` (`types.py`)."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext as _

from binhdang.accounts.scoping import placed_on, units_for
from binhdang.audit.services import record
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.dates import format_date
from binhdang.formats.text import clean_text
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, Kind

from .models import FILE_EXTENSIONS, Committee, CommitteePost, Decision, Level, Member, Sex
from .permissions import CFAW_MANAGE

DISTRICT_ENDS = date(2025, 7, 1)
COMMITTEE_KINDS = [Kind.PROVINCE, Kind.DISTRICT, *COMMUNE_LEVEL_KINDS]


class CommitteeError(Exception):
    """A change that cannot be made; `str(exc)` is for the user, `errors` per field."""

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.errors = errors or {}


def managed_units(user):
    """The units whose committee the user keeps: the ones they are placed on."""
    return placed_on(user, units_for(user, CFAW_MANAGE)).order_by("path")


def may_manage(user, unit) -> bool:
    return managed_units(user).filter(pk=unit.pk).exists()


def units_without_committee(user) -> list:
    """The units the user keeps that may set up a committee and have none yet."""
    units = managed_units(user).exclude(pk__in=Committee.objects.values("org_unit"))
    return list(units.filter(kind__in=COMMITTEE_KINDS)[:500])


def level_of(unit) -> str:
    if unit.kind == Kind.PROVINCE:
        return Level.PROVINCE
    if unit.kind == Kind.DISTRICT:
        return Level.DISTRICT
    if unit.kind in COMMUNE_LEVEL_KINDS:
        return Level.COMMUNE
    return ""


def committee_create(*, actor, unit, name: str = "", note: str = "") -> Committee:
    """The committee of a province, district or commune the actor keeps (one per unit)."""
    if not may_manage(actor, unit):
        raise CommitteeError(_("You may not keep the committee of this unit."))
    level = level_of(unit)
    if not level:
        raise CommitteeError(
            _("A committee is set up by a province, a district or a commune."), {"unit": ""}
        )
    if Committee.objects.filter(org_unit=unit).exists():
        raise CommitteeError(_("The unit already has its committee."), {"unit": ""})
    name = clean_text(name or "", max_length=255) or f"Ban vì sự tiến bộ của phụ nữ {unit.name}"
    with transaction.atomic():
        committee = Committee.objects.create(
            org_unit=unit, name=name, level=level, note=clean_text(note or "")
        )
        record(
            actor=actor,
            action="cfaw.committee.create",
            obj=committee,
            org_unit=unit,
            changes={"name": name, "level": level},
        )
    return committee


def committee_update(*, actor, committee: Committee, name: str, note: str) -> Committee:
    if not may_manage(actor, committee.org_unit):
        raise CommitteeError(_("You may not keep the committee of this unit."))
    name = clean_text(name or "", max_length=255)
    if not name:
        raise CommitteeError(
            _("Write the committee's name."), {"name": _("This field is required.")}
        )
    changes = {}
    for field, value in (("name", name), ("note", clean_text(note or ""))):
        if getattr(committee, field) != value:
            changes[field] = [getattr(committee, field), value]
            setattr(committee, field, value)
    with transaction.atomic():
        committee.save(update_fields=["name", "note", "updated_at"])
        record(
            actor=actor,
            action="cfaw.committee.update",
            obj=committee,
            org_unit=committee.org_unit,
            changes=changes,
        )
    return committee


@dataclass
class NewMember:
    full_name: str
    post: str
    from_body: str
    sex: str
    job_title: str = ""


def members_on(committee: Committee, on: date):
    """The memberships running on `on`: started by then and not ended before it."""
    rank = Case(
        *[When(post=p, then=Value(n)) for n, p in enumerate(CommitteePost.values)],
        default=Value(99),
    )
    return (
        committee.members.filter(starts_on__lte=on)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on))
        .order_by(rank, "full_name")
    )


def reconstitute(
    *,
    actor,
    committee: Committee,
    number: str,
    signed_on: date | None,
    signer: str = "",
    summary: str = "",
    uploaded=None,
    leave: list[int] = (),
    join: list[NewMember] = (),
) -> Decision:
    """Record a kiện toàn decision: the memberships in `leave` end the day before it was
    signed and those of `join` start on that day, all or nothing, with one audit entry naming
    who left and who joined. Raises CommitteeError with every problem at once."""
    unit = committee.org_unit
    if not may_manage(actor, unit):
        raise CommitteeError(_("You may not keep the committee of this unit."))
    errors: dict[str, str] = {}
    number = clean_text(number or "", max_length=80)
    if not number:
        errors["number"] = _("Write the decision's number and symbol.")
    elif committee.decisions.filter(number=number).exists():
        errors["number"] = _("A decision with this number is already recorded.")
    if signed_on is None:
        errors["signed_on"] = _("Write the date the decision was signed (dd/mm/yyyy).")
    elif committee.level == Level.DISTRICT and signed_on >= DISTRICT_ENDS:
        errors["signed_on"] = _("There is no district level from 1/7/2025.")
    checked = None
    if uploaded:
        try:
            checked = check_upload(uploaded, FILE_EXTENSIONS)
        except UploadRejected as exc:
            errors["file"] = str(exc)
    leaving = list(committee.members.filter(pk__in=list(leave)))
    if len(leaving) != len(set(leave)):
        errors["close"] = _("Choose members of this committee.")
    if signed_on is not None:
        for member in leaving:
            running = member.starts_on < signed_on and (
                member.ends_on is None or member.ends_on >= signed_on
            )
            if not running:
                errors["close"] = _(
                    "%(name)s is not a member on %(date)s: only a running membership ends."
                ) % {"name": member.full_name, "date": format_date(signed_on)}
    joining = []
    for n, new in enumerate(join, start=1):
        name = clean_text(new.full_name or "", max_length=120)
        body = clean_text(new.from_body or "", max_length=200)
        if (
            new.post not in CommitteePost.values
            or new.sex not in Sex.values
            or not name
            or not body
        ):
            errors[f"new-{n}"] = _(
                "New member %(n)s: write the full name and the body, choose the post and the sex."
            ) % {"n": n}
            continue
        joining.append(
            NewMember(
                name, new.post, body, new.sex, clean_text(new.job_title or "", max_length=200)
            )
        )
    if not leaving and not joining and not errors:
        errors["close"] = _("Choose the members who leave or add those who join.")
    if errors:
        raise CommitteeError(_("The decision was not recorded; nothing was changed."), errors)
    with transaction.atomic():
        decision = Decision(
            committee=committee,
            number=number,
            signed_on=signed_on,
            signer=clean_text(signer or "", max_length=200),
            summary=clean_text(summary or "", max_length=500),
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
        )
        if checked is not None:
            decision.original_name = checked.name
            decision.file.save(checked.name, uploaded, save=False)
        try:
            decision.save()
        except Exception:
            if checked is not None:
                decision.file.delete(save=False)
            raise
        day_before = signed_on - timedelta(days=1)
        Member.objects.filter(pk__in=[m.pk for m in leaving]).update(
            ends_on=day_before, closed_by=decision
        )
        Member.objects.bulk_create(
            [
                Member(
                    committee=committee,
                    full_name=m.full_name,
                    post=m.post,
                    from_body=m.from_body,
                    job_title=m.job_title,
                    sex=m.sex,
                    starts_on=signed_on,
                    opened_by=decision,
                    updated_by=decision.created_by,
                )
                for m in joining
            ]
        )
        record(
            actor=actor,
            action="cfaw.decision.create",
            obj=decision,
            org_unit=unit,
            changes={
                "number": number,
                "signed_on": format_date(signed_on),
                "closed": [m.full_name for m in leaving],
                "opened": [m.full_name for m in joining],
                "file": checked.name if checked else "",
            },
        )
    return decision
