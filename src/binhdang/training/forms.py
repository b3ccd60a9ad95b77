"""Forms of training records; numbers typed as text ("1.234", "12,5") are read by the services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from binhdang.communication.forms import (
    DATE_FORMATS,
    DATE_INPUT,
    MAX_CHOICES,
    TaskField,
    UnitField,
    count_field,
)
from binhdang.communication.selectors import task_choices
from binhdang.formats.numbers import input_value, parse_id

from . import selectors
from .models import POSITION_FIELDS, CourseFormat, CourseTopic, Position, Sex

COUNT_NAMES = ("participants_total", "participants_women", "participants_ethnic") + tuple(
    POSITION_FIELDS.values()
)
DECIMAL_NAMES = ("satisfaction_pct", "pre_test_mean", "post_test_mean")


class CourseForm(forms.Form):
    org_unit = UnitField(label=_("organiser"), queryset=None, empty_label=None)
    title = forms.CharField(label=_("title"), max_length=300)
    topic = forms.ChoiceField(label=_("topic"), choices=[("", "—"), *CourseTopic.choices])
    starts_on = forms.DateField(label=_("from"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    ends_on = forms.DateField(
        label=_("to"), widget=DATE_INPUT, input_formats=DATE_FORMATS, required=False
    )
    format = forms.ChoiceField(label=_("format"), choices=CourseFormat.choices)
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    trainers = forms.CharField(label=_("trainers"), max_length=300, required=False)
    task = TaskField(label=_("directive task"), queryset=None, required=False)
    participants_total = count_field(_("participants"))
    participants_women = count_field(_("of whom women"))
    participants_ethnic = count_field(_("of whom ethnic minority"))
    pos_gender_cadre = count_field(Position.GENDER_CADRE.label)
    pos_cfaw_district = count_field(Position.CFAW_DISTRICT.label)
    pos_cfaw_commune = count_field(Position.CFAW_COMMUNE.label)
    pos_council_deputy = count_field(Position.COUNCIL_DEPUTY.label)
    pos_women_leader = count_field(Position.WOMEN_LEADER.label)
    pos_other = count_field(Position.OTHER.label)
    satisfaction_pct = count_field(_("satisfied participants (%)"), _("e.g. 92,5"))
    pre_test_mean = count_field(_("mean score before (pre-test)"), _("e.g. 6,2"))
    post_test_mean = count_field(_("mean score after (post-test)"), _("e.g. 8,4"))
    notes = forms.CharField(
        label=_("notes"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, course=None, **kwargs):
        if course is not None and "initial" not in kwargs:
            kwargs["initial"] = initial_of(course)
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = selectors.editable_units(user)
        self.fields["task"].queryset = task_choices(user)
        for name in DECIMAL_NAMES:
            self.fields[name].widget.attrs["inputmode"] = "decimal"
        if course is not None and course.from_list:
            for name in COUNT_NAMES:
                del self.fields[name]


def initial_of(course) -> dict:
    initial = {
        f: getattr(course, f)
        for f in ("title", "topic", "starts_on", "ends_on", "format", "place", "trainers", "notes")
    }
    initial["org_unit"] = course.org_unit_id
    initial["task"] = course.task_id
    for name in COUNT_NAMES:
        value = getattr(course, name)
        initial[name] = input_value(value) if value else ""
    for name in DECIMAL_NAMES:
        initial[name] = input_value(getattr(course, name))
    return initial


class CourseFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    unit = forms.TypedChoiceField(
        label=_("organiser"), required=False, coerce=int, empty_value=None
    )
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    topic = forms.ChoiceField(
        label=_("topic"), required=False, choices=[("", _("All")), *CourseTopic.choices]
    )
    date_from = forms.DateField(
        label=_("from"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    date_to = forms.DateField(
        label=_("to"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        units = list(selectors.readable_units(user)[:MAX_CHOICES])
        asked = self.data.get("unit") if self.is_bound else None
        if (unit_id := parse_id(asked)) and all(u.pk != unit_id for u in units):
            units += list(selectors.readable_units(user).filter(pk=unit_id))
        self.fields["unit"].choices = [("", _("All units"))] + [(u.pk, u.name) for u in units]
        self.fields["year"].choices = [("", _("All years"))] + [
            (y, str(y)) for y in selectors.course_years(user)
        ]


class ParticipantForm(forms.Form):
    full_name = forms.CharField(label=_("full name"), max_length=200)
    sex = forms.ChoiceField(label=_("sex"), choices=Sex.choices)
    ethnic_minority = forms.BooleanField(label=_("ethnic minority"), required=False)
    position = forms.ChoiceField(label=_("position"), choices=Position.choices)
    workplace = forms.CharField(label=_("workplace"), max_length=200, required=False)
