from django import template
from django.utils.translation import gettext as _

from binhdang.formats.templatetags.vn import fig

from ..models import disaggregation_label

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def cmp(comparison: str) -> str:
    return {">=": "≥", "<=": "≤"}.get(comparison, comparison)


@register.filter
def disaggregation(code: str) -> str:
    """ "female" -> "Nữ": a disaggregation as a person reads it."""
    return disaggregation_label(code)


def _part(element, option: str) -> str:
    return f"{element.name} ({disaggregation_label(option)})"


@register.simple_tag
def formula(indicator) -> str:
    """How an indicator is computed, in words: the names of its data elements and their
    disaggregations in Vietnamese, never their codes. Autoescaped by the template."""
    numerator = _part(indicator.numerator, indicator.numerator_disaggregation)
    if indicator.kind != "ratio" or indicator.denominator is None:
        return _("The value of: %(element)s") % {"element": numerator}
    text = _("%(numerator)s / %(denominator)s") % {
        "numerator": numerator,
        "denominator": _part(indicator.denominator, indicator.denominator_disaggregation),
    }
    if indicator.factor != 1:
        text = f"{text} × {fig(indicator.factor)}"
    return text
