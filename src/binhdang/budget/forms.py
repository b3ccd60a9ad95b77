"""Forms of the budget pages. Amounts are read as people write them ("1.234.000")."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from binhdang.formats.numbers import NumberError, input_value, parse_id, parse_number

from .models import MAX_AMOUNT, BudgetEntry, Source
from .services import EntryData

FIRST_YEAR_OFFERED = 2010


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class MoneyField(forms.CharField):
    """A whole amount of đồng typed as "1.234.000" (a dot groups thousands)."""

    widget = forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"})

    def prepare_value(self, value):
        if isinstance(value, int):
            return input_value(value)
        return value

    def to_python(self, value):
        value = super().to_python(value)
        if value in ("", None):
            return 0
        try:
            number = parse_number(value, integer=True, max_abs=MAX_AMOUNT)
        except NumberError as exc:
            raise forms.ValidationError(exc.message) from exc
        if number is None:
            return 0
        if number < 0:
            raise forms.ValidationError(_("An amount cannot be negative."))
        return int(number)


class BudgetEntryForm(forms.ModelForm):
    org_unit = UnitChoiceField(label=_("unit"), queryset=None)
    planned = MoneyField(label=_("planned (VND)"), required=False, help_text=_("e.g. 12.500.000"))
    spent = MoneyField(label=_("spent (VND)"), required=False, help_text=_("e.g. 12.500.000"))
    year = forms.TypedChoiceField(label=_("year"), coerce=int)
    link_id = forms.CharField(label=_("record number"), required=False)

    class Meta:
        model = BudgetEntry
        fields = [
            "org_unit",
            "year",
            "source",
            "spending_line",
            "planned",
            "spent",
            "description",
            "link_kind",
            "link_id",
            "link_label",
        ]
        widgets = {"description": forms.TextInput()}

    def __init__(self, *args, units, lines, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["org_unit"].queryset = units
        if not self.is_bound and "org_unit" not in self.initial:
            only = list(units[:2])
            if len(only) == 1:
                self.initial["org_unit"] = only[0].pk
        self.fields["spending_line"].queryset = lines
        self.fields["spending_line"].label_from_instance = lambda line: line.name
        this_year = timezone.localdate().year
        years = list(range(this_year + 2, FIRST_YEAR_OFFERED - 1, -1))
        if self.instance.pk and self.instance.year not in years:
            years.append(self.instance.year)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        if self.instance.pk is None and not self.is_bound:
            self.initial.setdefault("year", this_year)

    def clean_link_id(self):
        raw = (self.cleaned_data.get("link_id") or "").strip()
        if not raw:
            return None
        value = parse_id(raw)
        if value is None or value < 1:
            raise forms.ValidationError(_("A record number is written with digits only."))
        return value

    def entry_data(self) -> EntryData:
        d = self.cleaned_data
        return EntryData(
            org_unit=d["org_unit"],
            year=d["year"],
            source=d["source"],
            spending_line=d["spending_line"],
            planned=d.get("planned") or 0,
            spent=d.get("spent") or 0,
            description=d.get("description") or "",
            link_kind=d.get("link_kind") or "",
            link_id=d.get("link_id"),
            link_label=d.get("link_label") or "",
        )

    def _post_clean(self):
        # The service validates and saves; the model's own validation would say it twice.
        pass


class BudgetFilterForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    source = forms.ChoiceField(
        label=_("Source"), required=False, choices=[("", _("All"))] + Source.choices
    )
    line = forms.TypedChoiceField(
        label=_("Spending line"), required=False, coerce=int, empty_value=None
    )

    def __init__(self, *args, years=(), units=(), lines=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [("", _("All"))] + [(y, str(y)) for y in years]
        self.fields["unit"].choices = [("", _("All"))] + [(u.pk, u.name) for u in units]
        self.fields["line"].choices = [("", _("All"))] + [(x.pk, x.name) for x in lines]


class SummaryForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    unit = forms.TypedChoiceField(label=_("Unit"), coerce=int)

    def __init__(self, *args, years=(), units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
