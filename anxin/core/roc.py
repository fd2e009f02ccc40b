"""The ROC (Minguo) calendar: 中華民國114年1月22日 is 2025-01-22 (year − 1911)."""

import re
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ROC_OFFSET = 1911

_ROC_LONG = re.compile(r"^(?:中華)?(?:民國)?\s*(\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_ROC_SHORT = re.compile(r"^(?:民國)?\s*(\d{2,3})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
_ROC_COMPACT = re.compile(r"^(\d{3})(\d{2})(\d{2})$")  # 1140122, as registers often write
_ISO = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")


class DateFormatError(ValueError):
    """Not a date in any accepted form, or an impossible date (114/02/30)."""


def parse_date(text: str) -> date:
    """Read an ISO (2025-01-22, 2025/1/22) or ROC (114/01/22, 114.1.22, 1140122,
    民國114年1月22日) date."""
    value = (text or "").strip().replace("／", "/").replace("－", "-")
    for pattern, offset in (
        (_ISO, 0),
        (_ROC_LONG, ROC_OFFSET),
        (_ROC_SHORT, ROC_OFFSET),
        (_ROC_COMPACT, ROC_OFFSET),
    ):
        if match := pattern.match(value):
            year, month, day = (int(part) for part in match.groups())
            if offset and year < 1:
                break
            try:
                return date(year + offset, month, day)
            except ValueError as exc:
                raise DateFormatError(value) from exc
    raise DateFormatError(value)


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def roc_year(value: date) -> int:
    return value.year - ROC_OFFSET


def format_long(value) -> str:
    """民國114年1月22日"""
    day = _as_date(value)
    return "" if day is None else f"民國{roc_year(day)}年{day.month}月{day.day}日"


def format_short(value) -> str:
    """114/01/22, as tables write it."""
    day = _as_date(value)
    return "" if day is None else f"{roc_year(day):03d}/{day.month:02d}/{day.day:02d}"


class RocDateInput(forms.TextInput):
    def format_value(self, value):
        if isinstance(value, date):
            return format_short(value)
        return super().format_value(value)


class RocDateField(forms.DateField):
    """A date field that accepts ROC and ISO input and shows ROC."""

    widget = RocDateInput
    default_error_messages = {
        "invalid": _("Enter a date such as 114/01/22, 民國114年1月22日 or 2025-01-22."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return parse_date(str(value))
        except DateFormatError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
