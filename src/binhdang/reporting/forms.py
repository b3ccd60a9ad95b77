"""Forms of the standing office: a new round and the pieces of its report form."""

import re

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from binhdang.accounts.scoping import units_for
from binhdang.core import registry
from binhdang.directives.permissions import DIRECTIVE_MANAGE
from binhdang.directives.selectors import visible_directives
from binhdang.formats.numbers import parse_id
from binhdang.formats.text import fold
from binhdang.orgunits.models import OrgUnit, UnitGroup

from . import selectors
from .models import PeriodType, ReportingRound, ReportType, ValueType
from .permissions import ROUND_MANAGE
from .regime import cutoff_window

DATE_FORMATS = ["%d/%m/%Y", "%d-%m-%Y", "%Y-%m-%d"]
PERIOD_MAX = {PeriodType.HALF: 2, PeriodType.QUARTER: 4, PeriodType.MONTH: 12}


def _date_field(label, **kwargs):
    return forms.DateField(
        label=label,
        **kwargs,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}),
        error_messages={"invalid": _("Enter a date as dd/mm/yyyy, for example 05/12/2023.")},
    )


# The reporting regime's fields (Decree 09/2019/NĐ-CP), on the new round's form and on the
# round's own page.
def _report_type_field():
    return forms.ChoiceField(
        label=_("Report type"),
        choices=ReportType.choices,
        initial=ReportType.PERIODIC,
        required=False,
        help_text=_("Periodic, thematic or ad hoc (Decree 09/2019/NĐ-CP)."),
    )


def _cutoff_from_field():
    return _date_field(
        _("Data counted from"),
        required=False,
        help_text=_(
            "Empty: the window of the period (a year counts from 15/12 of the year before "
            "to 14/12; a quarter or a month from the 15th to the 14th)."
        ),
    )


def _cutoff_to_field():
    return _date_field(_("Data counted until"), required=False)


def _report_template_field():
    return forms.CharField(
        label=_("Report outline and data forms"),
        max_length=500,
        required=False,
        help_text=_("For example: the outline and the data forms attached to the dispatch."),
    )


def _delivery_method_field():
    return forms.CharField(
        label=_("How reports are sent"),
        max_length=500,
        required=False,
        help_text=_("For example: a paper copy, and a soft copy to the office's e-mail."),
    )


class RoundCreateForm(forms.Form):
    directive = forms.ModelChoiceField(
        label=_("Directive"),
        queryset=None,
        required=False,
        empty_label=_("(none)"),
        help_text=_("The form gets one section per top-level task of the directive."),
    )
    title = forms.CharField(label=_("Title"), max_length=500)
    report_type = _report_type_field()
    period_type = forms.ChoiceField(
        label=_("Frequency"),
        choices=PeriodType.choices,
        help_text=_("For a thematic or ad hoc report: the period it covers."),
    )
    period_year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period_number = forms.IntegerField(
        label=_("Period number"),
        required=False,
        min_value=1,
        max_value=12,
        help_text=_("Half-year 1-2, quarter 1-4, month 1-12; empty for a year."),
    )
    cutoff_from = _cutoff_from_field()
    cutoff_to = _cutoff_to_field()
    opens_on = _date_field(_("Opens on"))
    deadline = _date_field(_("Deadline"))
    report_template = _report_template_field()
    delivery_method = _delivery_method_field()
    soft_copy_email = forms.EmailField(label=_("E-mail for soft copies"), required=False)
    requires_head_approval = forms.BooleanField(
        label=_("The unit head must approve"), required=False
    )
    owner_unit = forms.ModelChoiceField(label=_("Issued by"), queryset=None)
    standing_office = forms.ModelChoiceField(label=_("Standing office"), queryset=None)
    groups = forms.ModelMultipleChoiceField(
        label=_("Expected unit groups"), queryset=None, required=False
    )
    units = forms.ModelMultipleChoiceField(label=_("Expected units"), queryset=None, required=False)
    reminder_days = forms.CharField(
        label=_("Remind ... days before the deadline"),
        required=False,
        initial="7, 2",
        help_text=_("Numbers separated by commas, for example 7, 2."),
    )
    remind_every_days_after = forms.IntegerField(
        label=_("Then remind every N days after the deadline"),
        min_value=0,
        max_value=60,
        initial=3,
        help_text=_("0: no reminders after the deadline."),
    )
    copy_fields_from = forms.ModelChoiceField(
        label=_("Copy the numeric fields of an earlier round"),
        queryset=None,
        required=False,
        empty_label=_("(none)"),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        scope = units_for(user, ROUND_MANAGE)
        self.fields["directive"].queryset = (
            visible_directives(user)
            .filter(issuing_unit__in=units_for(user, DIRECTIVE_MANAGE))
            .order_by("-issued_on", "-id")
        )
        units = scope.current().order_by("level", "name")
        self.fields["owner_unit"].queryset = units
        self.fields["standing_office"].queryset = units
        self.fields["units"].queryset = units
        self.fields["groups"].queryset = UnitGroup.objects.filter(owner__in=units).order_by("name")
        self.fields["copy_fields_from"].queryset = selectors.visible_rounds(user).order_by(
            "-deadline", "-id"
        )
        self.fields["owner_unit"].label_from_instance = _unit_label
        self.fields["standing_office"].label_from_instance = _unit_label
        self.fields["units"].label_from_instance = _unit_label

    def clean_reminder_days(self) -> list[int]:
        text = self.cleaned_data.get("reminder_days") or ""
        days = []
        for part in re.split(r"[,;\s]+", text.strip()):
            if not part:
                continue
            day = parse_id(part)
            if day is None or day > 365:
                raise forms.ValidationError(
                    _("Enter whole numbers of days separated by commas, for example 7, 2.")
                )
            days.append(-day)
        return sorted(set(days))

    def clean(self):
        data = super().clean()
        period_type, number = data.get("period_type"), data.get("period_number")
        if period_type and period_type != PeriodType.YEAR:
            if not number:
                self.add_error("period_number", _("Enter the period number."))
            elif number > PERIOD_MAX[period_type]:
                self.add_error(
                    "period_number",
                    _("At most %(max)s for this period.") % {"max": PERIOD_MAX[period_type]},
                )
        elif period_type == PeriodType.YEAR:
            data["period_number"] = None
        opens_on, deadline = data.get("opens_on"), data.get("deadline")
        if opens_on and deadline and deadline < opens_on:
            self.add_error("deadline", _("The deadline cannot be before the opening date."))
        data["report_type"] = data.get("report_type") or ReportType.PERIODIC
        self._clean_window(data)
        if not data.get("groups") and not data.get("units") and not self.has_error("units"):
            self.add_error("units", _("Choose at least one unit group or unit to report."))
        return data

    def _clean_window(self, data) -> None:
        """Fill an empty end of the cut-off window from the period's default window."""
        year, period_type = data.get("period_year"), data.get("period_type")
        if self.has_error("period_number") or not year or not period_type:
            return
        default_from, default_to = cutoff_window(period_type, year, data.get("period_number"))
        data["cutoff_from"] = data.get("cutoff_from") or default_from
        data["cutoff_to"] = data.get("cutoff_to") or default_to
        if data["cutoff_to"] < data["cutoff_from"] and not self.has_error("cutoff_to"):
            self.add_error("cutoff_to", _("The data cut-off window ends before it starts."))

    def service_values(self) -> dict:
        data = self.cleaned_data
        return {
            "directive": data["directive"],
            "copy_fields_from": data["copy_fields_from"],
            "title": data["title"],
            "slug": unique_slug(data["title"], data["period_year"]),
            "owner_unit": data["owner_unit"],
            "standing_office": data["standing_office"],
            "opens_on": data["opens_on"],
            "deadline": data["deadline"],
            "period_year": data["period_year"],
            "period_type": data["period_type"],
            "period_number": data["period_number"],
            "report_type": data["report_type"],
            "cutoff_from": data["cutoff_from"],
            "cutoff_to": data["cutoff_to"],
            "report_template": data["report_template"],
            "delivery_method": data["delivery_method"],
            "soft_copy_email": data["soft_copy_email"],
            "requires_head_approval": data["requires_head_approval"],
            "reminder_offsets": data["reminder_days"],
            "remind_every_days_after": data["remind_every_days_after"],
            "groups": list(data["groups"]),
            "units": list(data["units"]),
        }


def _unit_label(unit: OrgUnit) -> str:
    return unit.name


def unique_slug(title: str, year: int) -> str:
    """A free short name for the round's address, from its title (accents removed)."""
    base = slugify(fold(title))[:80].strip("-") or "dot-bao-cao"
    if str(year) not in base:
        base = f"{base}-{year}"
    slug, n = base, 2
    while ReportingRound.objects.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class RoundRegimeForm(forms.Form):
    """What a round states of its reporting regime, changed on the round's page."""

    report_type = _report_type_field()
    cutoff_from = _cutoff_from_field()
    cutoff_to = _cutoff_to_field()
    report_template = _report_template_field()
    delivery_method = _delivery_method_field()

    def __init__(self, *args, reporting_round: ReportingRound, **kwargs):
        start, end = reporting_round.cutoff_window
        kwargs.setdefault(
            "initial",
            {
                "report_type": reporting_round.report_type,
                "cutoff_from": start,
                "cutoff_to": end,
                "report_template": reporting_round.report_template,
                "delivery_method": reporting_round.delivery_method,
            },
        )
        super().__init__(*args, **kwargs)
        self.reporting_round = reporting_round

    def clean(self):
        data = super().clean()
        data["report_type"] = data.get("report_type") or ReportType.PERIODIC
        start, end = data.get("cutoff_from"), data.get("cutoff_to")
        if start and end and end < start:
            self.add_error("cutoff_to", _("The data cut-off window ends before it starts."))
        return data


class SectionAddForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=500)


class FieldAddForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=60,
        help_text=_("Latin letters, digits, - and _, for example participants_women."),
        error_messages={
            "invalid": _("Use only Latin letters, digits, - and _ (no spaces or accents).")
        },
    )
    label = forms.CharField(label=_("Label"), max_length=300)
    unit_of_measure = forms.CharField(label=_("Unit of measure"), max_length=40, required=False)
    value_type = forms.ChoiceField(label=_("Value type"), choices=ValueType.choices)
    section = forms.ModelChoiceField(
        label=_("Section"), queryset=None, required=False, empty_label=_("(none)")
    )
    computed_from = forms.ChoiceField(
        label=_("Counted from the records"),
        required=False,
        help_text=_(
            "The units' forms show this count beside the field, filled in; a different number "
            "needs an explanation."
        ),
    )

    def __init__(self, *args, reporting_round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = reporting_round.sections.all()
        self.fields["computed_from"].choices = [("", _("(typed by the unit)"))] + [
            (item.key, item.label) for item in registry.figures()
        ]
