"""Forms of the register. Numbers are typed the Vietnamese way ("1.234", "12,5"); unit and
commune choices are limited to what the user records for."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from binhdang.formats.fields import VnNumberField
from binhdang.formats.numbers import input_value
from binhdang.orgunits.models import OrgUnit

from .models import Conclusion, EvaluationCriterion, ModelKind, ModelStatus, PeriodKind
from .selectors import DEFAULT_THRESHOLD, commune_options, recording_units
from .services import EvaluationData, PeriodData, ServiceModelData

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name


class ModelFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    unit = forms.TypedChoiceField(
        label=_("Managing unit"), required=False, coerce=int, empty_value=None
    )
    commune = forms.TypedChoiceField(
        label=_("Commune"), required=False, coerce=int, empty_value=None
    )
    kind = forms.ChoiceField(
        label=_("Kind of model"), required=False, choices=[("", _("All"))] + ModelKind.choices
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All"))] + ModelStatus.choices
    )

    def __init__(self, *args, units=(), communes=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", _("All"))] + [(u.pk, u.name) for u in units]
        self.fields["commune"].choices = [("", _("All"))] + [(c.pk, c.name) for c in communes]


class ServiceModelForm(forms.Form):
    org_unit = UnitChoiceField(label=_("Managing unit"), queryset=None)
    name = forms.CharField(label=_("Name of the model"), max_length=300)
    kind = forms.ChoiceField(label=_("Kind of model"), choices=ModelKind.choices)
    commune = UnitChoiceField(label=_("Commune"), queryset=None)
    village = forms.CharField(label=_("Village"), max_length=120, required=False)
    contact_person = forms.CharField(label=_("Contact person"), max_length=120, required=False)
    contact_phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    contact_address = forms.CharField(label=_("Contact address"), max_length=300, required=False)
    established_on = forms.DateField(
        label=_("Established on"), required=False, widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    decision_number = forms.CharField(
        label=_("Decision number"),
        max_length=80,
        required=False,
        help_text=_("e.g. 125/QĐ-UBND"),
    )
    decision_date = forms.DateField(
        label=_("Date of the decision"),
        required=False,
        widget=DATE_INPUT,
        input_formats=DATE_FORMATS,
    )
    members_women = VnNumberField(label=_("Women members"))
    members_men = VnNumberField(label=_("Men members"))
    capacity = VnNumberField(label=_("Capacity (people)"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, user, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                f: getattr(instance, f)
                for f in (
                    "org_unit", "name", "kind", "commune", "village", "contact_person",
                    "contact_phone", "contact_address", "established_on", "decision_number",
                    "decision_date", "members_women", "members_men", "capacity", "note",
                )
            }  # fmt: skip
        super().__init__(*args, **kwargs)
        keep = [instance.org_unit_id, instance.commune_id] if instance else []
        self.fields["org_unit"].queryset = OrgUnit.objects.filter(
            Q(pk__in=recording_units(user).values("pk")) | Q(pk__in=keep[:1])
        ).order_by("path")
        self.fields["commune"].queryset = OrgUnit.objects.filter(
            Q(pk__in=commune_options(user).values("pk")) | Q(pk__in=keep[1:])
        ).order_by("name")
        units = list(self.fields["org_unit"].queryset[:2])
        if len(units) == 1:
            self.fields["org_unit"].initial = units[0].pk

    def to_data(self) -> ServiceModelData:
        d = self.cleaned_data
        return ServiceModelData(
            org_unit=d["org_unit"],
            commune=d["commune"],
            name=d["name"],
            kind=d["kind"],
            village=d["village"],
            contact_person=d["contact_person"],
            contact_phone=d["contact_phone"],
            contact_address=d["contact_address"],
            established_on=d["established_on"],
            decision_number=d["decision_number"],
            decision_date=d["decision_date"],
            members_women=d["members_women"] or 0,
            members_men=d["members_men"] or 0,
            capacity=d["capacity"],
            note=d["note"],
        )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ModelStatus.choices)
    on = forms.DateField(label=_("From"), widget=DATE_INPUT, input_formats=DATE_FORMATS)
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class PeriodForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    period_kind = forms.ChoiceField(label=_("Month or quarter?"), choices=PeriodKind.choices)
    period_number = forms.TypedChoiceField(
        label=_("Month or quarter"), coerce=int, choices=[(n, str(n)) for n in range(1, 13)]
    )
    activities = VnNumberField(label=_("Activities held"))
    supported_total = VnNumberField(label=_("People supported"))
    supported_women = VnNumberField(label=_("Of whom women"))
    supported_ethnic = VnNumberField(label=_("Of whom ethnic minority"))
    referrals = VnNumberField(label=_("Referrals received"))
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, years, instance=None, **kwargs):
        if instance is not None and "initial" not in kwargs:
            kwargs["initial"] = {
                f: getattr(instance, f)
                for f in (
                    "year", "period_kind", "period_number", "activities", "supported_total",
                    "supported_women", "supported_ethnic", "referrals", "note",
                )
            }  # fmt: skip
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]

    def to_data(self) -> PeriodData:
        d = self.cleaned_data
        return PeriodData(
            year=d["year"],
            period_kind=d["period_kind"],
            period_number=d["period_number"],
            activities=d["activities"] or 0,
            supported_total=d["supported_total"] or 0,
            supported_women=d["supported_women"] or 0,
            supported_ethnic=d["supported_ethnic"] or 0,
            referrals=d["referrals"] or 0,
            note=d["note"],
        )


class EvaluationForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year evaluated"), coerce=int)
    evaluated_on = forms.DateField(
        label=_("Evaluated on"), widget=DATE_INPUT, input_formats=DATE_FORMATS
    )
    evaluated_by = forms.CharField(
        label=_("Evaluated by"),
        max_length=200,
        required=False,
        help_text=_("e.g. Đoàn rà soát của Phòng Lao động - Thương binh và Xã hội huyện"),
    )
    conclusion = forms.ChoiceField(label=_("Conclusion"), choices=Conclusion.choices)
    findings = forms.CharField(
        label=_("Findings"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    proposals = forms.CharField(
        label=_("Proposals"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, years, instance=None, **kwargs):
        self.criteria = list(EvaluationCriterion.objects.filter(is_active=True))
        if instance is not None and "initial" not in kwargs:
            initial = {
                f: getattr(instance, f)
                for f in (
                    "year",
                    "evaluated_on",
                    "evaluated_by",
                    "conclusion",
                    "findings",
                    "proposals",
                )
            }
            for score in instance.scores.all():
                initial[f"score_{score.criterion_id}"] = input_value(score.score)
            kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        for criterion in self.criteria:
            self.fields[f"score_{criterion.pk}"] = VnNumberField(
                label=f"{criterion.code}. {criterion.text}",
                integer=False,
                help_text=_("Score from 0 to %(max)s") % {"max": criterion.max_score},
            )

    @property
    def score_fields(self):
        return [self[f"score_{c.pk}"] for c in self.criteria]

    @property
    def main_fields(self):
        return [self[name] for name in ("year", "evaluated_on", "evaluated_by", "conclusion")]

    def to_data(self) -> EvaluationData:
        d = self.cleaned_data
        return EvaluationData(
            year=d["year"],
            evaluated_on=d["evaluated_on"],
            conclusion=d["conclusion"],
            evaluated_by=d["evaluated_by"],
            findings=d["findings"],
            proposals=d["proposals"],
            scores={c.pk: d.get(f"score_{c.pk}") for c in self.criteria},
        )


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("Evidence file (PDF, Word, Excel, photo)"))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Excel file filled in from the template"))


class ReplicationForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int, required=False)
    threshold = VnNumberField(label=_("High risk from (victims per 1.000 people)"), integer=False)
    sort = forms.ChoiceField(
        required=False,
        label=_("Sort by"),
        choices=[
            ("-rate", _("Rate, highest first")),
            ("rate", _("Rate, lowest first")),
            ("name", _("Commune")),
            ("models", _("Fewest models first")),
            ("-population", _("Population, largest first")),
        ],
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["threshold"].initial = input_value(DEFAULT_THRESHOLD)


class CommuneProfileForm(forms.Form):
    population = VnNumberField(label=_("Population"))
    ethnic_minority_area = forms.BooleanField(
        label=_("Ethnic-minority area (Quyết định 861/QĐ-TTg)"), required=False
    )
    source = forms.CharField(label=_("Source of the figures"), max_length=200, required=False)
