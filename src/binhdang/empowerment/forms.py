"""Forms of the economic-empowerment records; numbers typed the Vietnamese way."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdang.formats.fields import VnNumberField
from binhdang.orgunits.models import OrgUnit
from binhdang.servicemodels.forms import DATE_FORMATS, DATE_INPUT, UnitChoiceField

from .models import Programme, SupportKind
from .selectors import commune_options, recording_units
from .services import SupportData

FIELDS = (
    "org_unit", "programme", "project_name", "kind", "title", "commune", "given_on",
    "beneficiaries_total", "women", "ethnic", "poor", "violence_victims", "other_vulnerable",
    "amount", "note",
)  # fmt: skip


class SupportFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    unit = forms.TypedChoiceField(label=_("Unit"), required=False, coerce=int, empty_value=None)
    programme = forms.ChoiceField(
        label=_("Programme"), required=False, choices=[("", _("All"))] + Programme.choices
    )
    kind = forms.ChoiceField(
        label=_("Kind of support"), required=False, choices=[("", _("All"))] + SupportKind.choices
    )
    date_from = forms.DateField(
        label=_("From"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    date_to = forms.DateField(
        label=_("To"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All"))] + [(u.pk, u.name) for u in units]


class SupportForm(forms.Form):
    org_unit = UnitChoiceField(label=_("Unit"), queryset=None)
    programme = forms.ChoiceField(label=_("Programme or project"), choices=Programme.choices)
    project_name = forms.CharField(
        label=_("Name of the project"),
        max_length=200,
        required=False,
        help_text=_("For an international project or a plan: its name and number."),
    )
    kind = forms.ChoiceField(label=_("Kind of support"), choices=SupportKind.choices)
    title = forms.CharField(label=_("Content"), max_length=300)
    commune = UnitChoiceField(label=_("Place (commune)"), queryset=None, required=False)
    given_on = forms.DateField(label=_("Date"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    beneficiaries_total = VnNumberField(label=_("Beneficiaries"), required=True)
    women = VnNumberField(label=_("Of whom women"))
    ethnic = VnNumberField(label=_("Of whom ethnic minority"))
    poor = VnNumberField(label=_("Of whom poor or near-poor"))
    violence_victims = VnNumberField(label=_("Of whom victims of violence"))
    other_vulnerable = VnNumberField(label=_("Of whom other vulnerable people"))
    amount = VnNumberField(label=_("Amount (VND)"), help_text=_("e.g. 150.000.000"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {f: getattr(instance, f) for f in FIELDS}
            kwargs["initial"]["amount"] = int(instance.amount)
        super().__init__(*args, **kwargs)
        keep = [instance.org_unit_id, instance.commune_id] if instance else []
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(
            Q(pk__in=recording_units(user).values("pk")) | Q(pk__in=keep[:1])
        ).order_by("path")
        self.fields["commune"].queryset = OrgUnit.objects.filter(
            Q(pk__in=commune_options(user).values("pk")) | Q(pk__in=[k for k in keep[1:] if k])
        ).order_by("name")
        units = list(self.fields["org_unit"].queryset[:2])
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk

    def to_data(self) -> SupportData:
        d = dict(self.cleaned_data)
        for part in ("women", "ethnic", "poor", "violence_victims", "other_vulnerable", "amount"):
            d[part] = d[part] or 0
        return SupportData(**{f: d[f] for f in FIELDS})


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file filled in from the template"))
