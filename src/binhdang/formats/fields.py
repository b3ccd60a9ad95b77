"""Form fields for numbers typed the Vietnamese way ("1.234", "12,5"), parsed by
`formats.numbers.parse_number`."""

from django import forms
from django.utils.translation import gettext_lazy as _

from binhdang.formats.numbers import NumberError, input_value, parse_number


class VnNumberField(forms.CharField):
    """A number typed as officers write it: "." groups thousands, "," marks decimals. Not
    required unless told; blank is None; a negative number is refused."""

    def __init__(self, *args, integer: bool = True, **kwargs):
        self.integer = integer
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)
        self.widget.attrs.setdefault("inputmode", "numeric" if integer else "decimal")
        self.widget.attrs.setdefault("maxlength", "30")

    def prepare_value(self, value):
        return input_value(value) if isinstance(value, int | float) else value

    def to_python(self, value):
        text = super().to_python(value)
        try:
            number = parse_number(text, integer=self.integer)
        except NumberError as exc:
            raise forms.ValidationError(exc.message) from exc
        if number is None:
            return None
        if number < 0:
            raise forms.ValidationError(_("Enter a number that is not negative."))
        return int(number) if self.integer else number
