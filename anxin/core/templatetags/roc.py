"""ROC date filters, available in every template: {{ day|roc }} and {{ day|roc_short }}.

In English the long form reads "ROC 114-01-22" so that the calendar stays explicit."""

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.translation import get_language

from anxin.core import roc as roc_dates

register = template.Library()


@register.filter
def roc(value) -> str:
    text = roc_dates.format_long(value)
    if text and (get_language() or "").startswith("en"):
        return f"ROC {roc_dates.format_short(value).replace('/', '-')}"
    return text


@register.filter
def roc_month(value) -> str:
    """民國114年1月, a month heading ("ROC 114-01" in English)."""
    text = roc_dates.format_month(value)
    if text and (get_language() or "").startswith("en"):
        return f"ROC {roc_dates.format_short(value)[:-3].replace('/', '-')}"
    return text


@register.filter
def roc_short(value) -> str:
    return roc_dates.format_short(value)


@register.filter
def roc_datetime(value) -> str:
    """民國114年1月22日 14:30 (local time)."""
    if not value:
        return ""
    if not isinstance(value, datetime):
        return roc(value)
    local = timezone.localtime(value) if timezone.is_aware(value) else value
    return f"{roc(local)} {local:%H:%M}"
