"""Forms of the register. Unit and group choices are limited to what the user manages."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    AssignmentStatus,
    AttachmentKind,
    Directive,
    DirectiveStatus,
    DirectiveType,
    Recurrence,
)
from .selectors import (
    assignable_groups,
    assignable_units,
    issuing_unit_choices,
    visible_directives,
)
from .services import NOTE_MAX_LENGTH, LegalBasisData, TaskData

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DAY_MONTH_RE = re.compile(r"^\s*(\d{1,2})\s*/\s*(\d{1,2})\s*$")


class UnitChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DirectiveChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.number_symbol} ({obj.issued_on:%d/%m/%Y}) · {obj.subject[:80]}"


class DirectiveFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    issuing_unit = forms.TypedChoiceField(
        label=_("Issued by"), required=False, coerce=int, empty_value=None
    )
    doc_type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All"))] + DirectiveType.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + DirectiveStatus.choices
    )

    def __init__(self, *args, years=(), issuers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All"))] + [(y, str(y)) for y in years]
        self.fields["issuing_unit"].choices = [("", _("All"))] + [(u.pk, u.name) for u in issuers]


class DirectiveForm(forms.ModelForm):
    issued_on = forms.DateField(label=_("date"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    number_symbol = forms.CharField(
        label=_("number and symbol"),
        max_length=80,
        required=False,
        help_text=_("e.g. 760/UBND-LĐTBXH; may stay empty while drafting."),
    )

    class Meta:
        model = Directive
        fields = [
            "doc_type",
            "number_symbol",
            "issued_on",
            "place",
            "issuing_unit",
            "drafting_unit",
            "subject",
            "implements",
            "addressee_lines",
            "recipient_groups",
            "recipient_units",
            "intro",
            "closing",
            "signing_authority",
            "signer_title",
            "signer_name",
            "distribution_list",
        ]
        widgets = {
            "addressee_lines": forms.Textarea(attrs={"rows": 5}),
            "intro": forms.Textarea(attrs={"rows": 6}),
            "closing": forms.Textarea(attrs={"rows": 3}),
            "distribution_list": forms.Textarea(attrs={"rows": 6}),
            "recipient_groups": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        kept = []
        if self.instance.pk:
            kept = [
                self.instance.issuing_unit_id,
                self.instance.drafting_unit_id,
                *self.instance.recipient_units.values_list("pk", flat=True),
            ]
        self.fields["issuing_unit"].queryset = issuing_unit_choices(user).current(keep=kept)
        self.fields["drafting_unit"].queryset = assignable_units(user).current(keep=kept)
        self.fields["recipient_units"] = UnitChoiceField(
            label=_("addressed to units"),
            queryset=assignable_units(user).current(keep=kept),
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 8}),
            help_text=_("Hold Ctrl (or Cmd) to choose several."),
        )
        self.fields["recipient_groups"].queryset = assignable_groups(user)
        self.fields["implements"] = DirectiveChoiceField(
            label=_("implements"),
            queryset=visible_directives(user).exclude(status=DirectiveStatus.DRAFT),
            required=False,
        )
        if self.instance.pk:
            self.fields["implements"].queryset = self.fields["implements"].queryset.exclude(
                pk=self.instance.pk
            )


def _parse_day_month(value: str, field_label) -> tuple[int, int] | None:
    value = (value or "").strip()
    if not value:
        return None
    match = DAY_MONTH_RE.match(value)
    if not match:
        raise forms.ValidationError(
            _("Write %(field)s as day/month, e.g. 15/11.") % {"field": field_label}
        )
    return int(match.group(1)), int(match.group(2))


class TaskForm(forms.Form):
    number = forms.CharField(label=_("No."), max_length=20)
    title = forms.CharField(label=_("heading"), max_length=500, required=False)
    text = forms.CharField(
        label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    due_on = forms.DateField(
        label=_("due date"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    recurrence = forms.ChoiceField(
        label=_("recurrence"), choices=Recurrence.choices, initial=Recurrence.NONE
    )
    window_from = forms.CharField(label=_("every year from"), required=False, max_length=5)
    window_to = forms.CharField(label=_("to"), required=False, max_length=5)

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_units"] = UnitChoiceField(
            label=_("lead units"),
            queryset=units,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 5}),
        )
        self.fields["cooperating_units"] = UnitChoiceField(
            label=_("cooperating units"),
            queryset=units,
            required=False,
            widget=forms.SelectMultiple(attrs={"size": 5}),
        )

    def clean_number(self):
        number = self.cleaned_data["number"].strip().rstrip(".")
        if not re.match(r"^\d+(\.\d+)*$", number):
            raise forms.ValidationError(_("Write the number like 1, 1.1 or 2.3."))
        return number

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        start = _parse_day_month(data.get("window_from"), _("from"))
        end = _parse_day_month(data.get("window_to"), _("to"))
        if data.get("recurrence") == Recurrence.YEARLY:
            if not (start and end):
                raise forms.ValidationError(
                    _("A yearly task needs its window, e.g. from 15/11 to 15/12.")
                )
            data["window"] = (start[0], start[1], end[0], end[1])
        else:
            data["window"] = None
        if not (data.get("title", "").strip() or data.get("text", "").strip()):
            raise forms.ValidationError(_("Give the task a heading or a text."))
        return data

    def to_data(self) -> TaskData:
        d = self.cleaned_data
        return TaskData(
            number=d["number"],
            title=d.get("title", ""),
            text=d.get("text", ""),
            due_on=d.get("due_on"),
            recurrence=d.get("recurrence") or Recurrence.NONE,
            window=d.get("window"),
            lead_units=list(d.get("lead_units") or []),
            cooperating_units=list(d.get("cooperating_units") or []),
        )


class BaseTaskFormSet(forms.BaseFormSet):
    """Create it with `form_kwargs={"units": ...}` (the units a task may be assigned to)."""

    def clean(self):
        if any(self.errors):
            return
        seen = set()
        for form in self.forms:
            if not form.has_changed() or self._should_delete_form(form):
                continue
            number = form.cleaned_data.get("number")
            if number in seen:
                raise forms.ValidationError(
                    _("Task number %(number)s is repeated.") % {"number": number}
                )
            seen.add(number)

    def task_data(self) -> list[TaskData]:
        return [
            f.to_data()
            for f in self.forms
            if f.has_changed() and not self._should_delete_form(f) and f.cleaned_data
        ]


TaskFormSet = forms.formset_factory(TaskForm, formset=BaseTaskFormSet, extra=3, can_delete=True)


def task_initial(directive: Directive) -> list[dict]:
    out = []
    for t in directive.tasks.order_by("position").prefetch_related(
        "lead_units", "cooperating_units"
    ):
        window = t.recurrence == Recurrence.YEARLY
        out.append(
            {
                "number": t.number,
                "title": t.title,
                "text": t.text,
                "due_on": t.due_on,
                "recurrence": t.recurrence,
                "window_from": f"{t.window_start_day}/{t.window_start_month}" if window else "",
                "window_to": f"{t.window_end_day}/{t.window_end_month}" if window else "",
                "lead_units": list(t.lead_units.all()),
                "cooperating_units": list(t.cooperating_units.all()),
            }
        )
    return out


class LegalBasisForm(forms.Form):
    cited_directive = DirectiveChoiceField(
        label=_("directive in the register"), queryset=None, required=False
    )
    text = forms.CharField(
        label=_("text"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    footnote_marker = forms.CharField(
        label=_("footnote marker"),
        max_length=8,
        required=False,
        help_text=_('e.g. 1 or 2; empty for a "Pursuant to" line.'),
    )

    def __init__(self, *args, directives=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cited_directive"].queryset = directives

    def clean(self):
        data = super().clean()
        if self.has_changed() and not (data.get("cited_directive") or data.get("text", "").strip()):
            raise forms.ValidationError(_("Choose a directive of the register or write the text."))
        return data


class BaseLegalBasisFormSet(forms.BaseFormSet):
    """Create it with `form_kwargs={"directives": ...}` (the directives it may cite)."""

    def basis_data(self) -> list[LegalBasisData]:
        return [
            LegalBasisData(
                text=f.cleaned_data.get("text", ""),
                cited_directive=f.cleaned_data.get("cited_directive"),
                footnote_marker=f.cleaned_data.get("footnote_marker", ""),
            )
            for f in self.forms
            if f.has_changed() and not self._should_delete_form(f) and f.cleaned_data
        ]


LegalBasisFormSet = forms.formset_factory(
    LegalBasisForm, formset=BaseLegalBasisFormSet, extra=2, can_delete=True
)


def basis_initial(directive: Directive) -> list[dict]:
    return [
        {"cited_directive": b.cited_directive, "text": b.text, "footnote_marker": b.footnote_marker}
        for b in directive.legal_bases.all()
    ]


class AssignmentStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AssignmentStatus.choices)
    note = forms.CharField(
        label=_("What was done"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=NOTE_MAX_LENGTH,
    )
    on = forms.DateField(
        label=_("Date of the update"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"), help_text=_("PDF, Word (.docx, .doc) or a scan (.jpg, .png).")
    )
    kind = forms.ChoiceField(
        label=_("Kind"), choices=AttachmentKind.choices, initial=AttachmentKind.ORIGINAL
    )


class CarryDownForm(forms.Form):
    issuing_unit = forms.ModelChoiceField(label=_("issuing unit"), queryset=None)
    number_symbol = forms.CharField(label=_("number and symbol"), max_length=80, required=False)
    issued_on = forms.DateField(
        label=_("date"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    place = forms.CharField(label=_("place"), max_length=100, required=False)

    def __init__(self, *args, user, parent, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = issuing_unit_choices(user).exclude(
            pk=parent.issuing_unit_id
        )
