"""The ROC (Minguo) calendar: 中華民國114年1月22日 is 2025-01-22 (year − 1911)."""

import re
import unicodedata
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ROC_OFFSET = 1911

_ROC_LONG = re.compile(r"^(?:中華)?(?:民國)?\s*(\d{1,3})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_ROC_SHORT = re.compile(r"^(?:民國)?\s*(\d{2,3})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
# 1140122 as registers write it; 880701 when a spreadsheet dropped the leading zero.
_ROC_COMPACT = re.compile(r"^(\d{2,3})(\d{2})(\d{2})$")
_ISO = re.compile(r"^(\d{4})[/.\-](\d{1,2})[/.\-](\d{1,2})$")
_ISO_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20250122
_ISO_LONG = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")  # 2025年1月22日
# A four-digit year before this is a zero-padded ROC year or a typing slip, not a date.
_EARLIEST_WESTERN_YEAR = 1900


class DateFormatError(ValueError):
    """Not a date in any accepted form, or an impossible date (114/02/30)."""


def parse_date(text: str) -> date:
    """Read an ISO (2025-01-22, 2025/1/22, 20250122, 2025年1月22日) or ROC (114/01/22,
    114.1.22, 1140122, 880701, 民國114年1月22日) date; full-width characters are folded."""
    # NFKC folds full-width digits and separators (１１４／０１／２２, ．, －) to ASCII.
    value = unicodedata.normalize("NFKC", text or "").strip()
    patterns = (
        (_ISO, 0),
        (_ISO_COMPACT, 0),
        (_ISO_LONG, 0),
        (_ROC_LONG, ROC_OFFSET),
        (_ROC_SHORT, ROC_OFFSET),
        (_ROC_COMPACT, ROC_OFFSET),
    )
    for pattern, offset in patterns:
        if match := pattern.match(value):
            year, month, day = (int(part) for part in match.groups())
            if (offset and year < 1) or (not offset and year < _EARLIEST_WESTERN_YEAR):
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
    """民國114年1月22日 (民國前1年… before 1912)."""
    day = _as_date(value)
    if day is None:
        return ""
    year = roc_year(day)
    era = f"民國{year}年" if year >= 1 else f"民國前{1 - year}年"
    return f"{era}{day.month}月{day.day}日"


def format_short(value) -> str:
    """114/01/22, as tables write it; ISO before 1912, which the short form cannot show."""
    day = _as_date(value)
    if day is None:
        return ""
    if roc_year(day) < 1:
        return day.isoformat()
    return f"{roc_year(day):03d}/{day.month:02d}/{day.day:02d}"


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
