"""{{ entry|cell }}: a k-suppressed count, share or mean as HTML, with the explanation of a
hidden value for screen readers. (Django's {{ }} calls str() before looking for
__html__, so an Entry or Display needs this filter to render its markup.)"""

from django import template
from django.utils.safestring import SafeString, mark_safe

register = template.Library()


@register.filter
def cell(value) -> SafeString | object:
    if hasattr(value, "__html__"):
        return mark_safe(value.__html__())  # noqa: S308 - built with format_html in kanon
    return value
