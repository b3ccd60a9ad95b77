"""`{{ text|markup }}` shows a directive's **bold**, *italic* and footnote marks;
`{{ text|unmarked }}` gives the same text without them (for excerpts)."""

from django import template
from django.utils.safestring import mark_safe

from binhdang.formats import markup as inline

register = template.Library()


@register.filter
def markup(value) -> str:
    return mark_safe(inline.html(str(value or "")))  # noqa: S308 - every span is escaped


@register.filter
def unmarked(value) -> str:
    return inline.plain(str(value or ""))
