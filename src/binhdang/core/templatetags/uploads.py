"""`{% upload_findings record %}`: what the registered inspectors found about a stored file."""

from django import template
from django.utils.html import format_html, format_html_join

from binhdang.core.uploads import findings_for

register = template.Library()


@register.simple_tag
def upload_findings(record) -> str:
    findings = findings_for(record)
    if not findings:
        return ""
    return format_html_join(
        " ",
        "{}",
        (
            (
                format_html('<a class="status {}" href="{}">{}</a>', f.css, f.url, f.label)
                if f.url
                else format_html('<span class="status {}">{}</span>', f.css, f.label),
            )
            for f in findings
        ),
    )
