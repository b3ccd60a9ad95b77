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


@register.filter
def qty(value, indicator) -> str:
    """A figure of `indicator` with its unit ("42,9%", "1,88 lần", "Có")."""
    from ..wording import quantity

    return quantity(value, indicator)


@register.simple_tag
def target_text(status, indicator) -> str:
    """A target as written ("≥ 60%", "≤ 111 bé trai/100 bé gái", "Có")."""
    from ..wording import target

    return target(status.target, status.comparison, indicator)


@register.simple_tag
def interval_text(status, indicator) -> str:
    """The forecast with its 95% interval ("52,4% (khoảng dự báo 95%: 0,0 - 100,0%)")."""
    from ..wording import interval

    return interval(status, indicator)


@register.simple_tag
def rule_text(margin) -> str:
    """The status rule in the user's language, with the administrator's margin."""
    from ..forecast import RULE_TEXT

    return str(RULE_TEXT) % {"margin": fig(margin)}


@register.filter
def coverage_of(row) -> str:
    from ..wording import coverage

    return coverage(row.coverage)


@register.simple_tag
def local_target_text(local_target, indicator) -> str:
    """A local target as written ("≥ 50%")."""
    from ..wording import target

    return target(local_target.value, local_target.comparison, indicator)
