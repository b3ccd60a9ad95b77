"""Forms of the mainstreaming pages."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import DocumentKind, DraftedDocument
from .services import DocumentData

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
FIRST_YEAR_OFFERED = 2010


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class DocumentForm(forms.ModelForm):
    org_unit = UnitChoiceField(label=_("drafting unit"), queryset=None)
    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    drafted_on = forms.DateField(
        label=_("date"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )

    class Meta:
        model = DraftedDocument
        fields = [
            "org_unit",
            "year",
            "kind",
            "title",
            "number_symbol",
            "drafted_on",
            "gender_assessed",
            "assessment_report",
            "justice_appraisal",
            "method_note",
            "outcome",
            "outcome_note",
        ]
        widgets = {
            "title": forms.Textarea(attrs={"rows": 2}),
            "method_note": forms.Textarea(attrs={"rows": 2}),
            "outcome_note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        if not self.is_bound and "org_unit" not in self.initial:
            only = list(units[:2])
            if len(only) == 1:
                self.initial["org_unit"] = only[0].pk
        this_year = timezone.localdate().year
        years = list(range(this_year + 1, FIRST_YEAR_OFFERED - 1, -1))
        if self.instance.pk and self.instance.year not in years:
            years.append(self.instance.year)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("year", this_year)

    def document_data(self) -> DocumentData:
        d = self.cleaned_data
        return DocumentData(**{k: d.get(k) for k in self.Meta.fields})

    def _post_clean(self):
        # The service validates and saves; the model's own validation would say it twice.
        pass


class DocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("All"))] + DocumentKind.choices
    )
    assessed = forms.ChoiceField(
        label=_("Gender mainstreamed"),
        required=False,
        choices=[("", _("All")), ("yes", _("Yes")), ("no", _("No"))],
    )

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All"))] + [(y, str(y)) for y in years]
        self.fields["unit"].choices = [("", _("All"))] + [(u.pk, u.name) for u in units]


class SummaryForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
