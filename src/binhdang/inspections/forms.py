"""Forms of the inspection and complaint pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    Acceptance,
    Channel,
    ComplaintKind,
    Complexity,
    FollowUpStatus,
    InspectionKind,
    Outcome,
)
from .services import ComplaintData, IdentityData, InspectionData, ProgressData

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def DateField(label, required=False):  # noqa: N802 - a field factory reads as a field
    return forms.DateField(
        label=label, required=required, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class UnitsChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class InspectionForm(forms.Form):
    org_unit = UnitChoiceField(label=_("inspecting unit"), queryset=None)
    kind = forms.ChoiceField(label=_("kind"), choices=InspectionKind.choices)
    title = forms.CharField(label=_("title"), max_length=300)
    plan = forms.CharField(
        label=_("plan it belongs to"), max_length=300, required=False,
        help_text=_("e.g. Kế hoạch 15/KH-UBND ngày 20/02/2023"),
    )  # fmt: skip
    inspected_units = UnitsChoiceField(
        label=_("inspected units"), queryset=None, widget=forms.SelectMultiple(attrs={"size": 8})
    )
    started_on = DateField(_("from"), required=True)
    ended_on = DateField(_("to"))
    scope_law = forms.BooleanField(label=_("the Law on Gender Equality"), required=False)
    scope_strategy = forms.BooleanField(
        label=_("the plan of the national strategy"), required=False
    )
    scope_dv = forms.BooleanField(label=_("domestic-violence prevention"), required=False)
    findings = forms.CharField(
        label=_("findings"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    recommendations = forms.CharField(
        label=_("recommendations"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, units, inspectable, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        if not self.is_bound and "org_unit" not in self.initial:
            only = list(units[:2])
            if len(only) == 1:
                self.initial["org_unit"] = only[0].pk
        self.fields["inspected_units"].queryset = inspectable

    def inspection_data(self) -> InspectionData:
        d = self.cleaned_data
        return InspectionData(
            **{k: d.get(k) for k in InspectionData.__dataclass_fields__ if k != "inspected_units"},
            inspected_units=list(d["inspected_units"]),
        )


def inspection_initial(inspection) -> dict:
    return {
        **{k: getattr(inspection, k) for k in InspectionData.__dataclass_fields__
           if k != "inspected_units"},
        "inspected_units": list(inspection.inspected_units.all()),
    }  # fmt: skip


class FollowUpForm(forms.Form):
    text = forms.CharField(label=_("what is to be done"), max_length=1000)
    responsible_unit = UnitChoiceField(label=_("responsible unit"), queryset=None, required=False)
    due_on = DateField(_("due"))

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible_unit"].queryset = units


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=FollowUpStatus.choices)
    done_on = DateField(_("done on"))
    note = forms.CharField(label=_("note"), max_length=1000, required=False)


class FileForm(forms.Form):
    file = forms.FileField(label=_("file (PDF, Word, Excel or picture)"))


class InspectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + InspectionKind.choices
    )

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All"))] + [(y, str(y)) for y in years]
        self.fields["unit"].choices = [("", _("All"))] + [(u.pk, u.name) for u in units]


class ComplaintForm(forms.Form):
    org_unit = UnitChoiceField(label=_("competent body"), queryset=None)
    kind = forms.ChoiceField(label=_("kind"), choices=ComplaintKind.choices)
    received_on = DateField(_("received on"), required=True)
    channel = forms.ChoiceField(label=_("channel"), choices=Channel.choices)
    respondent = forms.CharField(label=_("against whom"), max_length=300)
    content = forms.CharField(label=_("content"), widget=forms.Textarea(attrs={"rows": 4}))
    complexity = forms.ChoiceField(label=_("complexity"), choices=Complexity.choices)
    remote_area = forms.BooleanField(
        label=_("remote area where travel is difficult"), required=False,
        help_text=_("A complaint in such an area has a longer time limit (Luật Khiếu nại 2011, Điều 28)."),
    )  # fmt: skip

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        if not self.is_bound and "org_unit" not in self.initial:
            only = list(units[:2])
            if len(only) == 1:
                self.initial["org_unit"] = only[0].pk

    def complaint_data(self) -> ComplaintData:
        d = self.cleaned_data
        return ComplaintData(**{k: d.get(k) for k in ComplaintData.__dataclass_fields__})


class IdentityForm(forms.Form):
    name = forms.CharField(label=_("full name of the complainant or denouncer"), max_length=200)
    contact = forms.CharField(label=_("telephone or e-mail"), max_length=200, required=False)
    address = forms.CharField(label=_("address"), max_length=500, required=False)

    def identity_data(self) -> IdentityData:
        d = self.cleaned_data
        return IdentityData(
            name=d["name"], contact=d.get("contact", ""), address=d.get("address", "")
        )


class ProgressForm(forms.Form):
    acceptance = forms.ChoiceField(
        label=_("decision on acceptance"), choices=Acceptance.choices, required=False
    )
    decided_on = DateField(_("decided on"))
    refusal_reason = forms.CharField(
        label=_("reason for not accepting"), max_length=1000, required=False
    )
    verification_due = DateField(_("verification to finish by"))
    verified_on = DateField(_("verification finished on"))
    verification_note = forms.CharField(
        label=_("verification"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    concluded_on = DateField(_("concluded on"))
    outcome = forms.ChoiceField(label=_("outcome"), choices=Outcome.choices, required=False)
    outcome_text = forms.CharField(
        label=_("conclusion"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def progress_data(self) -> ProgressData:
        d = self.cleaned_data
        return ProgressData(
            **{
                k: d.get(k) or ("" if k in _TEXT else None)
                for k in ProgressData.__dataclass_fields__
            }
        )


_TEXT = {"acceptance", "refusal_reason", "verification_note", "outcome", "outcome_text"}


def progress_initial(complaint) -> dict:
    return {k: getattr(complaint, k) for k in ProgressData.__dataclass_fields__}


class HandlerForm(forms.Form):
    user = forms.TypedChoiceField(label=_("handler"), coerce=int)

    def __init__(self, *args, people=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].choices = [
            (u.pk, u.get_full_name() or u.get_username()) for u in people
        ]


class ComplaintFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + ComplaintKind.choices
    )
    open_only = forms.BooleanField(label=_("Only those in progress"), required=False)

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All"))] + [(y, str(y)) for y in years]
        self.fields["unit"].choices = [("", _("All"))] + [(u.pk, u.name) for u in units]
