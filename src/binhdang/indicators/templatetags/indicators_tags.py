from decimal import Decimal

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def fig(value, plain: bool = False) -> str:
    """A figure the Vietnamese way: 1.234 for a whole number, 50,9 with one decimal (two under
    10). `plain` leaves out the thousands separator (for an input field)."""
    if value is None or value == "":
        return "" if plain else "—"
    value = Decimal(str(value))
    if value == value.to_integral_value():
        places = 0
    elif abs(value) < 10:
        places = 2
    else:
        places = 1
    if plain:
        return f"{round(value, places):f}".replace(".", ",")
    return number_format(round(value, places), decimal_pos=places, use_l10n=True)


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def cmp(comparison: str) -> str:
    return {">=": "≥", "<=": "≤"}.get(comparison, comparison)
