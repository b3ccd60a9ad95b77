from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ConsolidatedReport, SendChannel
from .services import HEADER_FIELDS


class HeaderForm(forms.ModelForm):
    class Meta:
        model = ConsolidatedReport
        fields = HEADER_FIELDS
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "recipients": forms.Textarea(attrs={"rows": 3}),
            "intro": forms.Textarea(attrs={"rows": 4}),
            "closing": forms.Textarea(attrs={"rows": 2}),
            "signing_authority": forms.Textarea(attrs={"rows": 2}),
            "distribution_list": forms.Textarea(attrs={"rows": 6}),
        }

    def clean_number_symbol(self):
        value = self.cleaned_data["number_symbol"].strip()
        if value and "/" not in value:
            raise forms.ValidationError(
                _("Write the number and symbol as on paper, e.g. 125/BC-UBND or /BC-UBND.")
            )
        return value


class SectionTextForm(forms.Form):
    text = forms.CharField(
        label=_("Text"), required=False, widget=forms.Textarea, max_length=100_000
    )


class SendRecordForm(forms.Form):
    sent_on = forms.DateField(
        label=_("Sent on"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    channel = forms.ChoiceField(
        label=_("How"), choices=[c for c in SendChannel.choices if c[0] != SendChannel.SYSTEM]
    )
    recipient = forms.CharField(label=_("Sent to"), max_length=300, required=False)
    reference = forms.CharField(
        label=_("Reference"),
        max_length=200,
        required=False,
        help_text=_("e.g. the e-mail subject, the postal receipt or the iOffice number."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean_sent_on(self):
        value = self.cleaned_data["sent_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The sending date cannot be in the future."))
        return value


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Why is the report reopened?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Kept with the finalised version and in the audit log."),
        error_messages={"required": _("Write why the report is reopened.")},
    )


class UpwardForm(forms.Form):
    """The round of the level above and the day the report is sent there; the choices are
    the rounds that expect this round's owner (given by the view)."""

    parent_round = forms.TypedChoiceField(label=_("Round of the level above"), coerce=int)
    sent_on = forms.DateField(
        label=_("Sent on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Timeliness at the level above follows this date."),
        error_messages={"required": _("Enter the date the report is sent.")},
    )

    def __init__(self, *args, parent_rounds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent_round"].choices = [
            (r.pk, f"{r.title} ({r.owner_unit.name})") for r in parent_rounds
        ]
        self.fields["parent_round"].error_messages["invalid_choice"] = _(
            "Choose the round of the level above."
        )
        self.fields["parent_round"].error_messages["required"] = _(
            "Choose the round of the level above."
        )
        if not self.is_bound:
            self.initial.setdefault("sent_on", timezone.localdate())

    def clean_sent_on(self):
        value = self.cleaned_data["sent_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The sending date cannot be in the future."))
        return value
