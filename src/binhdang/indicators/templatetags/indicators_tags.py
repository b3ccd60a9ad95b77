from django import template

register = template.Library()


@register.filter
def get(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def cmp(comparison: str) -> str:
    return {">=": "≥", "<=": "≤"}.get(comparison, comparison)
