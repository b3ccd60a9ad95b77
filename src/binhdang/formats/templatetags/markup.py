"""`{{ text|markup }}` shows a directive's **bold**, *italic* and footnote marks;
`{{ text|unmarked }}` gives the same text without them (for excerpts)."""

from django import template

from binhdang.formats import markup as inline

register = template.Library()


@register.filter
def markup(value) -> str:
    return inline.html(str(value or ""))


@register.filter
def unmarked(value) -> str:
    return inline.plain(str(value or ""))
