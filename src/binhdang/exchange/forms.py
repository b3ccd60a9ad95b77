from django import forms
from django.utils.translation import gettext_lazy as _


class ImportForm(forms.Form):
    package = forms.FileField(
        label=_("edXML package"),
        help_text=_("The .edxml (or .xml) file exported by the document-management system."),
    )
    issuing_unit = forms.ModelChoiceField(
        label=_("Register of"),
        queryset=None,
        required=False,
        empty_label=_("The sender of the package"),
        help_text=_("Leave empty when the package's sender is one of your units."),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["issuing_unit"].queryset = units
