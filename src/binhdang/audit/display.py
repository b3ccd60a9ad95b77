"""The audit log as a person reads it: each action as a Vietnamese phrase, and each change as
a "field: old → new" line with the field's own label.

Action codes stay as they are stored (`submission.accept`): they are the log's stable keys.
Only their display is translated here, so an action added later without a phrase still shows,
as "Other action (code)", instead of breaking the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from binhdang.formats.numbers import format_number

# (group prefix, group label, [(action, label)]), in the order the filter lists them.
ACTION_GROUPS = [
    (
        "auth.",
        gettext_lazy("Signing in"),
        [
            ("auth.login", gettext_lazy("Signed in")),
            ("auth.logout", gettext_lazy("Signed out")),
            ("auth.login_failed", gettext_lazy("Failed sign-in")),
            ("auth.password_reset_request", gettext_lazy("Asked for a password reset")),
            ("auth.password_reset", gettext_lazy("Set a new password from an e-mailed link")),
        ],
    ),
    (
        "access.",
        gettext_lazy("Access to sensitive records"),
        [
            ("access.read", gettext_lazy("Looked at a sensitive record")),
            ("access.audit_log", gettext_lazy("Read the audit log")),
        ],
    ),
    (
        "user.",
        gettext_lazy("Users"),
        [
            ("user.create", gettext_lazy("Created a user")),
            ("membership.delete", gettext_lazy("Removed a user's role in a unit")),
            ("api_token.create", gettext_lazy("Created an API key")),
            ("api_token.revoke", gettext_lazy("Revoked an API key")),
        ],
    ),
    (
        "directive.",
        gettext_lazy("Directives"),
        [
            ("directive.create", gettext_lazy("Created a directive")),
            ("directive.update", gettext_lazy("Edited a directive")),
            ("directive.issue", gettext_lazy("Issued a directive")),
            ("directive.close", gettext_lazy("Closed a directive")),
            ("directive.carry_down", gettext_lazy("Carried a directive down")),
            ("directive.attachment_add", gettext_lazy("Attached a file to a directive")),
            ("directive.attachment_delete", gettext_lazy("Removed a file from a directive")),
            ("task_assignment.status", gettext_lazy("Updated the progress of a task")),
        ],
    ),
    (
        "round.",
        gettext_lazy("Reporting rounds"),
        [
            ("round.create", gettext_lazy("Created a reporting round")),
            ("round.setup", gettext_lazy("Set up a reporting round")),
            ("round.section_add", gettext_lazy("Added a section to a report form")),
            ("round.field_add", gettext_lazy("Added a figure to a report form")),
            ("round.open", gettext_lazy("Opened a reporting round")),
            ("round.close", gettext_lazy("Closed a reporting round")),
            ("round.remind", gettext_lazy("Reminded the units")),
            ("round.remind_scheduled", gettext_lazy("Sent the scheduled reminders")),
        ],
    ),
    (
        "submission.",
        gettext_lazy("Units' reports"),
        [
            ("submission.start", gettext_lazy("Started a report")),
            ("submission.save_draft", gettext_lazy("Saved a report draft")),
            ("submission.attach", gettext_lazy("Attached a file to a report")),
            ("submission.submit", gettext_lazy("Sent a report")),
            ("submission.approve", gettext_lazy("Approved a report (unit head)")),
            ("submission.send_back", gettext_lazy("Sent a report back to the reporter")),
            ("submission.return", gettext_lazy("Returned a report for correction")),
            ("submission.accept", gettext_lazy("Accepted a report")),
            ("submission.reopen", gettext_lazy("Reopened a report")),
            (
                "submission.indicators_not_recorded",
                gettext_lazy("Could not record a report's figures as indicator values"),
            ),
        ],
    ),
    (
        "consolidated_report.",
        gettext_lazy("Consolidated reports"),
        [
            ("consolidated_report.create", gettext_lazy("Created a consolidated report")),
            ("consolidated_report.compile", gettext_lazy("Compiled a consolidated report")),
            ("consolidated_report.update", gettext_lazy("Edited a consolidated report")),
            ("consolidated_report.section_edit", gettext_lazy("Edited a section of a report")),
            (
                "consolidated_report.section_insert",
                gettext_lazy("Inserted a section into a report"),
            ),
            (
                "consolidated_report.section_reset",
                gettext_lazy("Restored a section to the compiled text"),
            ),
            ("consolidated_report.finalise", gettext_lazy("Finalised a consolidated report")),
            ("consolidated_report.reopen", gettext_lazy("Reopened a consolidated report")),
            ("consolidated_report.sent", gettext_lazy("Recorded a report as sent")),
            ("consolidated_report.submit_upward", gettext_lazy("Sent a report to the level above")),
            ("document_job.create", gettext_lazy("Requested a document")),
        ],
    ),
    (
        "indicators.",
        gettext_lazy("Indicators"),
        [
            ("indicators.values_saved", gettext_lazy("Saved indicator values")),
            ("indicators.assessment_saved", gettext_lazy("Saved an indicator assessment")),
        ],
    ),
]
ACTION_LABELS = {
    code: label for _prefix, _group, actions in ACTION_GROUPS for code, label in actions
}

# Labels of details that are not fields of the logged object.
DETAIL_LABELS = {
    "status": gettext_lazy("status"),
    "note": gettext_lazy("note"),
    "reason": gettext_lazy("reason"),
    "comments": gettext_lazy("comments"),
    "file": gettext_lazy("file"),
    "kind": gettext_lazy("kind"),
    "size": gettext_lazy("size (bytes)"),
    "units": gettext_lazy("units"),
    "unit": gettext_lazy("unit"),
    "message": gettext_lazy("message"),
    "sent": gettext_lazy("sent"),
    "step": gettext_lazy("step"),
    "role": gettext_lazy("role"),
    "scope": gettext_lazy("scope"),
    "username": gettext_lazy("user name"),
    "error": gettext_lazy("error"),
    "late": gettext_lazy("late"),
    "on_behalf": gettext_lazy("entered on behalf of the unit"),
    "number": gettext_lazy("number"),
    "title": gettext_lazy("title"),
    "code": gettext_lazy("code"),
    "label": gettext_lazy("label"),
    "year": gettext_lazy("year"),
    "source": gettext_lazy("source"),
    "changed": gettext_lazy("values changed"),
    "tasks": gettext_lazy("tasks"),
    "answers": gettext_lazy("answers"),
    "values": gettext_lazy("figures"),
    "version": gettext_lazy("version"),
    "fmt": gettext_lazy("format"),
    "target": gettext_lazy("document"),
    "assignments": gettext_lazy("task assignments"),
    "created": gettext_lazy("created"),
    "role_changed": gettext_lazy("role changed"),
    "removed": gettext_lazy("removed"),
    "email": gettext_lazy("e-mail"),
    "throttled": gettext_lazy("held back (too many requests)"),
    "unlocked": gettext_lazy("sign-in locks lifted"),
    "filters": gettext_lazy("filters"),
    "page": gettext_lazy("page"),
    "owner": gettext_lazy("owner"),
    "via": gettext_lazy("created through"),
}
# Values whose meaning is a code of the accounts app, not of the logged object.
CODED_DETAILS = {
    "role": ("accounts", "Membership", "role"),
    "scope": ("accounts", "Membership", "scope"),
}
# Numbers that are identifiers or years are printed as they are, not grouped.
PLAIN_NUMBERS = {"year", "number", "code", "version", "target", "implements", "page"}
# Details that hold ids of a model: shown by the rows' names (a list of ids is how a service
# records the units it acted on).
ID_DETAILS = {"units": ("orgunits", "OrgUnit"), "unit_ids": ("orgunits", "OrgUnit")}
MAX_ITEMS = 10


def action_label(action: str) -> str:
    label = ACTION_LABELS.get(action)
    if label is not None:
        return str(label)
    return _("Other action (%(code)s)") % {"code": action}


def action_choices(extra: list[str] = ()) -> list:
    """Grouped choices for the filter: the whole group, then each action; actions found in
    the log without a phrase are listed at the end under their fallback label."""
    choices: list = [("", _("All actions"))]
    for prefix, group, actions in ACTION_GROUPS:
        choices.append(
            (
                str(group),
                [(prefix, _("All: %(group)s") % {"group": group})]
                + [(code, str(label)) for code, label in actions],
            )
        )
    unknown = sorted(set(extra) - set(ACTION_LABELS))
    if unknown:
        choices.append((_("Other actions"), [(code, action_label(code)) for code in unknown]))
    return choices


@dataclass
class ChangeLine:
    label: str
    old: str | None  # None: not a change, just a detail
    new: str


def _model(object_type: str) -> type[models.Model] | None:
    try:
        return apps.get_model(object_type) if "." in object_type else None
    except LookupError:
        return None


def _field(model, name: str) -> models.Field | None:
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    return field if isinstance(field, models.Field) else None


def _detail_label(key: str) -> str:
    return str(DETAIL_LABELS.get(key, key.replace("_", " ")))


def _label(field: models.Field | None, key: str) -> str:
    # A field without a verbose name of its own is labelled like any other detail.
    if field is None or field.verbose_name == field.name.replace("_", " "):
        return _detail_label(key)
    return str(field.verbose_name)


def _value(value, *, field: models.Field | None = None, key: str = "") -> str:
    if value is None or value == "" or value == [] or value == {}:
        return "—"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if field is not None and field.choices and not isinstance(value, (list, dict)):
        display = dict(field.flatchoices).get(value)
        if display is not None:
            return str(display)
    if field is not None and (field.many_to_one or field.one_to_one) and field.related_model:
        related = field.related_model.objects.filter(pk=value).first()
        if related is not None:
            return str(related)
    if key in ID_DETAILS and isinstance(value, list) and all(type(v) is int for v in value):
        return _names(ID_DETAILS[key], value)
    if isinstance(value, (int, float)) and not _is_identifier(key):
        return format_number(value)
    if isinstance(value, list):
        shown = [_value(v, field=field, key=key) for v in value[:MAX_ITEMS]]
        if len(value) > MAX_ITEMS:
            shown.append(_("… and %(n)s more") % {"n": format_number(len(value) - MAX_ITEMS)})
        return ", ".join(shown)
    if isinstance(value, dict):
        return "; ".join(f"{_detail_label(k)}: {_value(v, key=k)}" for k, v in value.items())
    return Truncator(str(value)).chars(200)


def _is_identifier(key: str) -> bool:
    return key in PLAIN_NUMBERS or key == "id" or key.endswith(("_id", "_ids", "_pk"))


def _names(model_ref: tuple[str, str], ids: list[int]) -> str:
    model = apps.get_model(*model_ref)
    names = dict(model.objects.filter(pk__in=ids[:MAX_ITEMS]).values_list("pk", "name"))
    shown = [names.get(pk, str(pk)) for pk in ids[:MAX_ITEMS]]
    if len(ids) > MAX_ITEMS:
        shown.append(_("… and %(n)s more") % {"n": format_number(len(ids) - MAX_ITEMS)})
    return ", ".join(shown)


def change_lines(entry) -> list[ChangeLine]:
    """The entry's `changes` as lines: a model field's verbose name as the label, its choices
    shown by their display, an [old, new] pair of a field (or a status) as old → new."""
    changes = entry.changes
    if not isinstance(changes, dict):
        return [ChangeLine(_("details"), None, _value(changes))] if changes else []
    model = _model(entry.object_type)
    lines = []
    for key, value in changes.items():
        field = _field(model, key)
        if field is None and key in CODED_DETAILS:
            field = _field(apps.get_model(*CODED_DETAILS[key][:2]), CODED_DETAILS[key][2])
        label = _label(field, key)
        is_pair = (
            isinstance(value, list) and len(value) == 2 and (field is not None or key == "status")
        )
        if is_pair:
            lines.append(
                ChangeLine(
                    label,
                    _value(value[0], field=field, key=key),
                    _value(value[1], field=field, key=key),
                )
            )
        else:
            lines.append(ChangeLine(label, None, _value(value, field=field, key=key)))
    return lines
