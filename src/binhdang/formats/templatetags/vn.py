"""Template filters for numbers a person reads, available in every template (a builtin).

Ids, keys and form values are printed as they are: the project has no global thousands
separator, so only what goes through `num`, `pct` or `fig` is grouped.
"""

from decimal import Decimal

from django import template

from binhdang.formats.numbers import format_number, format_percent, input_value

register = template.Library()


@register.filter
def num(value, decimals=None) -> str:
    """14085 -> "14.085", Decimal("1104.4") -> "1.104,4"; `num:1` rounds to one place."""
    if value is None or value == "":
        return ""
    try:
        return format_number(value, None if decimals in (None, "") else int(decimals))
    except (ValueError, ArithmeticError):
        return str(value)


@register.filter
def pct(value, decimals=1) -> str:
    """58.24 -> "58,2%"."""
    if value is None or value == "":
        return ""
    return format_percent(value, int(decimals))


@register.filter
def fig(value, plain: bool = False) -> str:
    """A figure: 1.234 for a whole number, 50,9 with one decimal (two under 10), "—" when
    there is none. `plain` gives the text an input field holds ("1234,5")."""
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
        return input_value(round(value, places))
    return format_number(value, places)
