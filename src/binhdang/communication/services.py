"""Every change to communication records: checked, in one transaction, with an audit entry;
a refusal is a CommunicationError with a Vietnamese message and nothing changed."""

from datetime import date
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from binhdang.accounts.scoping import has_permission
from binhdang.audit.services import diff, record
from binhdang.core.uploads import UploadRejected, check_upload
from binhdang.formats.numbers import NumberError, parse_number
from binhdang.formats.text import TextError, clean_text
from binhdang.orgunits.models import COMMUNE_LEVEL_KINDS, OrgUnit

from . import selectors
from .errors import CommunicationError
from .models import (
    Activity,
    ActivityFile,
    Campaign,
    CampaignKind,
    CampaignTemplate,
    Channel,
    CostSource,
    FileKind,
    RoleModel,
    RoleModelKind,
    Topic,
)
from .permissions import CAMPAIGN_MANAGE, COMMUNICATION_EDIT

FILE_EXTENSIONS = {"jpg", "jpeg", "png", "pdf", "docx", "doc"}
MAX_COUNT = 10_000_000  # more people or products than a province has is a typing error
MAX_COST = 1_000_000_000_000  # one thousand billion đồng
COUNT_FIELDS = (
    "audience_total",
    "audience_women",
    "audience_ethnic",
    "leaflets",
    "banners",
    "broadcasts",
    "articles",
    "other_products",
)
TEXT_FIELDS = {
    "title": 300,
    "place_detail": 200,
    "other_products_note": 200,
    "result": 20_000,
}
ACTIVITY_FIELDS = (
    ("org_unit", "starts_on", "ends_on", "place", "channel", "topics", "task", "campaign")
    + COUNT_FIELDS
    + ("cost", "cost_source")
    + tuple(TEXT_FIELDS)
)


def _whole(value, field: str, maximum: int) -> int:
    try:
        number = parse_number(value, integer=True)
    except NumberError as exc:
        raise CommunicationError(exc.message, field) from exc
    if number is None:
        return 0
    if number < 0:
        raise CommunicationError(_("Enter zero or a positive number."), field)
    if number > maximum:
        raise CommunicationError(_("This number is too large."), field)
    return int(number)


def _text(value, field: str, max_length: int) -> str:
    try:
        return clean_text(value or "", max_length=max_length).strip()
    except TextError as exc:
        raise CommunicationError(exc.message, field) from exc


def _require_edit(actor, unit: OrgUnit | None) -> None:
    if unit is None or not has_permission(actor, COMMUNICATION_EDIT, unit):
        raise CommunicationError(_("You may not record activities for this unit."), "org_unit")


def _unit_valid_on(unit: OrgUnit, day: date) -> None:
    if not OrgUnit.objects.active(day).filter(pk=unit.pk).exists():
        raise CommunicationError(
            _("%(unit)s did not exist on %(day)s.")
            % {"unit": unit.name, "day": day.strftime("%d/%m/%Y")},
            "org_unit",
        )


def clean_activity(actor, data: dict[str, Any]) -> dict[str, Any]:
    """The checked values of an activity, from a form, the API or a spreadsheet row:
    numbers read as "1.234", text NFC, women and ethnic-minority people within the total.
    Raises CommunicationError naming the field."""
    values: dict[str, Any] = {}
    unit = data.get("org_unit")
    _require_edit(actor, unit)
    values["org_unit"] = unit
    starts_on = data.get("starts_on")
    if not isinstance(starts_on, date):
        raise CommunicationError(_("Enter the date of the activity."), "starts_on")
    ends_on = data.get("ends_on") or None
    if ends_on is not None and ends_on < starts_on:
        raise CommunicationError(_("The end date is before the start date."), "ends_on")
    if ends_on == starts_on:
        ends_on = None
    values["starts_on"], values["ends_on"] = starts_on, ends_on
    _unit_valid_on(unit, starts_on)
    for field, max_length in TEXT_FIELDS.items():
        values[field] = _text(data.get(field, ""), field, max_length)
    if not values["title"]:
        raise CommunicationError(_("Name the activity."), "title")
    channel = data.get("channel") or ""
    if channel not in Channel.values:
        raise CommunicationError(_("Choose a channel."), "channel")
    values["channel"] = channel
    topics = [t for t in (data.get("topics") or []) if t]
    unknown = [t for t in topics if t not in Topic.values]
    if unknown:
        raise CommunicationError(_("Choose topics from the list."), "topics")
    values["topics"] = (
        ("," + ",".join(t for t in Topic.values if t in topics) + ",") if topics else ""
    )
    place = data.get("place")
    if place is not None and place.kind not in COMMUNE_LEVEL_KINDS:
        raise CommunicationError(_("The place must be a commune, ward or township."), "place")
    values["place"] = place
    task = data.get("task")
    if task is not None and not selectors.task_allowed(actor, task):
        raise CommunicationError(_("Choose a task of a directive you can read."), "task")
    values["task"] = task
    for field in COUNT_FIELDS:
        values[field] = _whole(data.get(field), field, MAX_COUNT)
    if values["audience_women"] > values["audience_total"]:
        raise CommunicationError(
            _("Women reached (%(women)s) cannot be more than the people reached (%(total)s).")
            % {"women": values["audience_women"], "total": values["audience_total"]},
            "audience_women",
        )
    if values["audience_ethnic"] > values["audience_total"]:
        raise CommunicationError(
            _(
                "Ethnic-minority people reached (%(ethnic)s) cannot be more than the people "
                "reached (%(total)s)."
            )
            % {"ethnic": values["audience_ethnic"], "total": values["audience_total"]},
            "audience_ethnic",
        )
    values["cost"] = _whole(data.get("cost"), "cost", MAX_COST)
    source = data.get("cost_source") or ""
    if source not in CostSource.values:
        raise CommunicationError(_("Choose a source of funds from the list."), "cost_source")
    values["cost_source"] = source
    campaign = data.get("campaign")
    if campaign is not None:
        if not selectors.visible_campaigns(actor).filter(pk=campaign.pk).exists():
            raise CommunicationError(_("Choose a campaign from the list."), "campaign")
        if not (campaign.starts_on <= starts_on <= campaign.ends_on):
            raise CommunicationError(
                _("The activity is not within the campaign (%(start)s - %(end)s).")
                % {
                    "start": campaign.starts_on.strftime("%d/%m/%Y"),
                    "end": campaign.ends_on.strftime("%d/%m/%Y"),
                },
                "campaign",
            )
    else:
        # An activity held during the Action Month is part of it unless filed elsewhere.
        campaign = selectors.action_month_on(starts_on)
    values["campaign"] = campaign
    return values


def activity_create(*, actor, data: dict[str, Any]) -> Activity:
    """Record an activity of `data["org_unit"]`, which the actor must record for."""
    values = clean_activity(actor, data)
    with transaction.atomic():
        activity = Activity(**values, created_by=actor)
        try:
            activity.save()
        except IntegrityError as exc:  # the database's checks, should the above be bypassed
            raise CommunicationError(_("These figures do not add up.")) from exc
        record(
            actor=actor,
            action="communication.activity_create",
            obj=activity,
            org_unit=activity.org_unit,
            changes={k: v for k, v in values.items() if v not in ("", 0, None)},
        )
    return activity


def activity_update(*, actor, activity: Activity, data: dict[str, Any]) -> Activity:
    """Change an activity; the actor must record for its unit before and after."""
    _require_edit(actor, activity.org_unit)
    values = clean_activity(actor, data)
    with transaction.atomic():
        changes = diff(activity, values)
        for field, value in values.items():
            setattr(activity, field, value)
        activity.save()
        record(
            actor=actor,
            action="communication.activity_update",
            obj=activity,
            org_unit=activity.org_unit,
            changes=changes,
        )
    return activity


def activity_delete(*, actor, activity: Activity) -> None:
    _require_edit(actor, activity.org_unit)
    with transaction.atomic():
        names = [f.file.name for f in activity.files.all()]
        record(
            actor=actor,
            action="communication.activity_delete",
            obj=activity,
            org_unit=activity.org_unit,
            changes={"title": activity.title, "starts_on": activity.starts_on},
        )
        storage = ActivityFile._meta.get_field("file").storage
        activity.delete()
        transaction.on_commit(lambda: [storage.delete(n) for n in names])


def file_add(*, actor, activity: Activity, uploaded, kind: str) -> ActivityFile:
    """Attach a photo, the programme or another file (checked by core.uploads)."""
    _require_edit(actor, activity.org_unit)
    if kind not in FileKind.values:
        raise CommunicationError(_("Choose a valid kind of file."), "kind")
    try:
        checked = check_upload(uploaded, FILE_EXTENSIONS)
    except UploadRejected as exc:
        raise CommunicationError(str(exc), "file") from exc
    attachment = ActivityFile(
        activity=activity,
        original_name=checked.name,
        kind=kind,
        size=checked.size,
        uploaded_by=actor,
    )
    with transaction.atomic():
        attachment.file.save(checked.name, uploaded, save=False)
        try:
            attachment.save()
            record(
                actor=actor,
                action="communication.file_add",
                obj=activity,
                org_unit=activity.org_unit,
                changes={"file": checked.name, "size": checked.size, "kind": kind},
            )
        except Exception:
            attachment.file.delete(save=False)
            raise
    return attachment


def file_delete(*, actor, attachment: ActivityFile) -> None:
    activity = attachment.activity
    _require_edit(actor, activity.org_unit)
    with transaction.atomic():
        name = attachment.file.name
        storage = attachment.file.storage
        record(
            actor=actor,
            action="communication.file_delete",
            obj=activity,
            org_unit=activity.org_unit,
            changes={"file": attachment.original_name},
        )
        attachment.delete()
        transaction.on_commit(lambda: storage.delete(name))


# ---------------------------------------------------------------- campaigns

ACTION_MONTH_KEY = "action-month"
ACTION_MONTH_TITLE = (
    "Tháng hành động vì bình đẳng giới và phòng ngừa, ứng phó với bạo lực trên cơ sở giới"
)


def action_month_template() -> CampaignTemplate:
    template, _created = CampaignTemplate.objects.get_or_create(
        key=ACTION_MONTH_KEY,
        defaults={
            "title": ACTION_MONTH_TITLE,
            "kind": CampaignKind.ACTION_MONTH,
            "start_day": 15,
            "start_month": 11,
            "end_day": 15,
            "end_month": 12,
        },
    )
    return template


def ensure_recurring_campaigns(year: int | None = None) -> list[Campaign]:
    """This year's campaign of every recurring template (the Action Month), created when
    missing; safe to run any number of times on any number of workers. Returns the new ones."""
    year = year or timezone.localdate().year
    action_month_template()
    created = []
    for template in CampaignTemplate.objects.filter(active=True, first_year__lte=year):
        if Campaign.objects.filter(template=template, year=year).exists():
            continue
        try:
            with transaction.atomic():
                campaign = Campaign.objects.create(
                    template=template,
                    year=year,
                    kind=template.kind,
                    title=f"{template.title} năm {year}",
                    starts_on=date(year, template.start_month, template.start_day),
                    ends_on=date(year, template.end_month, template.end_day),
                )
                record(
                    actor=None,
                    action="communication.campaign_create",
                    obj=campaign,
                    changes={"template": template.key, "year": year},
                )
        except IntegrityError:  # another worker made it first
            continue
        created.append(campaign)
    return created


def campaign_create(*, actor, data: dict[str, Any]) -> Campaign:
    """A local campaign launched by a unit the actor manages campaigns for."""
    unit = data.get("org_unit")
    if unit is None or not has_permission(actor, CAMPAIGN_MANAGE, unit):
        raise CommunicationError(_("You may not launch a campaign for this unit."), "org_unit")
    title = _text(data.get("title"), "title", 300)
    if not title:
        raise CommunicationError(_("Name the campaign."), "title")
    starts_on, ends_on = data.get("starts_on"), data.get("ends_on")
    if not isinstance(starts_on, date) or not isinstance(ends_on, date):
        raise CommunicationError(_("Enter the dates of the campaign."), "starts_on")
    if ends_on < starts_on:
        raise CommunicationError(_("The end date is before the start date."), "ends_on")
    with transaction.atomic():
        campaign = Campaign.objects.create(
            title=title,
            kind=CampaignKind.LOCAL,
            year=starts_on.year,
            org_unit=unit,
            starts_on=starts_on,
            ends_on=ends_on,
            description=_text(data.get("description"), "description", 5000),
        )
        record(
            actor=actor,
            action="communication.campaign_create",
            obj=campaign,
            org_unit=unit,
            changes={"title": title, "starts_on": starts_on, "ends_on": ends_on},
        )
    return campaign


# ---------------------------------------------------------------- role models

ROLE_MODEL_TEXT = {"name": 200, "ethnicity": 60, "village": 200, "role": 5000, "recognised_by": 300}


def clean_role_model(actor, data: dict[str, Any]) -> dict[str, Any]:
    unit = data.get("org_unit")
    if unit is None or not has_permission(actor, COMMUNICATION_EDIT, unit):
        raise CommunicationError(_("You may not record for this unit."), "org_unit")
    values: dict[str, Any] = {"org_unit": unit}
    kind = data.get("kind") or ""
    if kind not in RoleModelKind.values:
        raise CommunicationError(_("Choose person or household."), "kind")
    values["kind"] = kind
    for field, max_length in ROLE_MODEL_TEXT.items():
        values[field] = _text(data.get(field, ""), field, max_length)
    if not values["name"]:
        raise CommunicationError(_("Enter the name."), "name")
    if not values["role"]:
        raise CommunicationError(_("Say what they do."), "role")
    commune = data.get("commune")
    if commune is not None and commune.kind not in COMMUNE_LEVEL_KINDS:
        raise CommunicationError(_("The place must be a commune, ward or township."), "commune")
    values["commune"] = commune
    recognised_on = data.get("recognised_on") or None
    if recognised_on is not None and recognised_on > timezone.localdate():
        raise CommunicationError(_("The date of recognition is in the future."), "recognised_on")
    values["recognised_on"] = recognised_on
    return values


def role_model_create(*, actor, data: dict[str, Any]) -> RoleModel:
    values = clean_role_model(actor, data)
    with transaction.atomic():
        found = RoleModel.objects.create(**values, created_by=actor)
        record(
            actor=actor,
            action="communication.role_model_create",
            obj=found,
            org_unit=found.org_unit,
            changes={k: v for k, v in values.items() if v not in ("", None)},
        )
    return found


def role_model_update(*, actor, role_model: RoleModel, data: dict[str, Any]) -> RoleModel:
    if not has_permission(actor, COMMUNICATION_EDIT, role_model.org_unit):
        raise CommunicationError(_("You may not record for this unit."), "org_unit")
    values = clean_role_model(actor, data)
    with transaction.atomic():
        changes = diff(role_model, values)
        for field, value in values.items():
            setattr(role_model, field, value)
        role_model.save()
        record(
            actor=actor,
            action="communication.role_model_update",
            obj=role_model,
            org_unit=role_model.org_unit,
            changes=changes,
        )
    return role_model


def role_model_delete(*, actor, role_model: RoleModel) -> None:
    if not has_permission(actor, COMMUNICATION_EDIT, role_model.org_unit):
        raise CommunicationError(_("You may not record for this unit."), "org_unit")
    with transaction.atomic():
        record(
            actor=actor,
            action="communication.role_model_delete",
            obj=role_model,
            org_unit=role_model.org_unit,
            changes={"name": role_model.name},
        )
        role_model.delete()
