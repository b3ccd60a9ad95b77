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
