"""The ROC (Minguo) calendar: 中華民國114年1月22日 is 2025-01-22 (year − 1911).

`parse_date`, `parse_time` and `parse_datetime` are the one reading of a typed date or
time in the project: every date, time and date-time form field (`RocDateField`,
`RocTimeField`, `RocDateTimeField`) and the roster import use them."""

import re
import unicodedata
from datetime import date, datetime, time

from django import forms
from django.core.exceptions import ValidationError
from django.forms.utils import from_current_timezone
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

ROC_OFFSET = 1911

# 民國 may be written 中華民國, 民國 or 民; 西元 (or 公元) may stand before a Western date.
_ROC_ERA = r"(?:中華民國|民國|民)?\s*"
_WESTERN_ERA = r"(?:西元|公元)?\s*"
_SEP = r"\s*[/.\-]\s*"
_DAY_MARK = r"\s*[日號]"
_ROC_LONG = re.compile(rf"^{_ROC_ERA}(\d{{1,3}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}}){_DAY_MARK}$")
_ROC_SHORT = re.compile(rf"^{_ROC_ERA}(\d{{2,3}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})$")
# 1140122 as registers write it; 880701 when a spreadsheet dropped the leading zero.
_ROC_COMPACT = re.compile(rf"^{_ROC_ERA}(\d{{2,3}})(\d{{2}})(\d{{2}})$")
_ISO = re.compile(rf"^{_WESTERN_ERA}(\d{{4}}){_SEP}(\d{{1,2}}){_SEP}(\d{{1,2}})$")
_ISO_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")  # 20250122
_ISO_LONG = re.compile(  # 2025年1月22日
    rf"^{_WESTERN_ERA}(\d{{4}})\s*年\s*(\d{{1,2}})\s*月\s*(\d{{1,2}}){_DAY_MARK}$"
)
# A four-digit year before this is a zero-padded ROC year or a typing slip, not a date.
_EARLIEST_WESTERN_YEAR = 1900
# What NFKC leaves alone: dashes and slashes of other blocks, zero-width characters.
_FOLD = str.maketrans(
    {
        **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212", "-"),
        **dict.fromkeys("\u2215\u2044\u29f8", "/"),
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff", ""),
    }
)
# A weekday after the date, as calendars print it: 114/01/22（三）, 114年1月22日 星期三.
_WEEKDAY = re.compile(
    r"\s*(?:\(\s*(?:週|星期|禮拜)?[一二三四五六日天]\s*\)|(?:週|星期|禮拜)[一二三四五六日天])$"
)
_TIME = re.compile(
    r"^(?P<half>上午|早上|中午|下午|晚上)?\s*(?P<hour>\d{1,2})\s*(?::|時|点|點)\s*"
    r"(?:(?P<minute>\d{1,2})\s*分?)?(?:\s*:\s*(?P<second>\d{1,2})(?:\.\d+)?)?$"
)
_TIME_COMPACT = re.compile(r"^(?P<hour>\d{2})(?P<minute>\d{2})$")  # 1430
# Longer typed text is no date and time (中華民國114年12月31日 星期三 下午12時30分59秒 is 31).
_LONGEST = 64


class DateFormatError(ValueError):
    """Not a date (or time) in any accepted form, or an impossible one (114/02/30)."""


def fold(text) -> str:
    """Typed text as the patterns read it: full-width digits, slashes, colons and spaces
    folded to ASCII (NFKC), other dashes and slashes too, zero-width characters dropped,
    surrounding space trimmed."""
    return unicodedata.normalize("NFKC", str(text or "")).translate(_FOLD).strip()


def parse_date(text: str) -> date:
    """Read an ISO (2025-01-22, 2025/1/22, 20250122, 2025年1月22日, 西元2025年1月22日) or
    ROC (114/01/22, 114.1.22, 1140122, 880701, 民國114年1月22日, 中華民國114/01/22,
    民114/1/22) date. Full-width characters (１１５／１２／０３), spaces around the
    separators and a weekday after the date (114/01/22（三）) are accepted."""
    value = _WEEKDAY.sub("", fold(text))
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


def parse_time(text: str) -> time:
    """Read a time of day: 14:30, 14:30:00, １４：３０, 14時30分, 下午2:30, 1430."""
    value = fold(text)
    match = _TIME.match(value) or _TIME_COMPACT.match(value)
    if match is None:
        raise DateFormatError(value)
    parts = match.groupdict()
    hour, minute, second = int(parts["hour"]), int(parts["minute"] or 0), 0
    if parts.get("second"):
        second = int(parts["second"])
    half = parts.get("half")
    if half in ("下午", "晚上") and 1 <= hour < 12:
        hour += 12
    elif half in ("上午", "早上") and hour == 12:
        hour = 0
    try:
        return time(hour, minute, second)
    except ValueError as exc:
        raise DateFormatError(value) from exc


def parse_datetime(text: str) -> datetime:
    """A date and a time of day as `parse_date` and `parse_time` read them, apart by a
    space or ISO's T, or straight after 日 (114/01/22 14:30, 2025-01-22T14:30,
    民國114年1月22日下午2時30分). Naive: the caller places it in the current time zone."""
    value = fold(text)
    if len(value) > _LONGEST:
        raise DateFormatError(value[:_LONGEST])
    for index in range(len(value) - 1, 0, -1):
        if value[index] in " T":
            date_part, time_part = value[:index], value[index + 1 :]
        elif value[index - 1] in "日號":
            date_part, time_part = value[:index], value[index:]
        else:
            continue
        try:
            return datetime.combine(parse_date(date_part), parse_time(time_part))
        except DateFormatError:
            continue
    raise DateFormatError(value)


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def roc_year(value: date | int) -> int:
    """The ROC year of a date or of a Western year (2025 -> 114)."""
    year = value if isinstance(value, int) else value.year
    return year - ROC_OFFSET


def format_long(value) -> str:
    """民國114年1月22日 (民國前1年… before 1912)."""
    day = _as_date(value)
    if day is None:
        return ""
    year = roc_year(day)
    era = f"民國{year}年" if year >= 1 else f"民國前{1 - year}年"
    return f"{era}{day.month}月{day.day}日"


def format_month(value) -> str:
    """民國114年1月, a month heading."""
    day = _as_date(value)
    if day is None:
        return ""
    year = roc_year(day)
    era = f"民國{year}年" if year >= 1 else f"民國前{1 - year}年"
    return f"{era}{day.month}月"


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


class RocTimeField(forms.TimeField):
    """A time field that reads what people type (14:30, １４：３０, 下午2:30, 14時30分)."""

    default_error_messages = {
        "invalid": _("Enter a time such as 14:30."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, time):
            return value
        try:
            return parse_time(str(value))
        except DateFormatError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None


class RocDateTimeField(forms.DateTimeField):
    """A date and time field that reads ROC and ISO dates with a time (114/01/22 14:30,
    2025-01-22T14:30 as a browser's date-time picker sends it), full-width or not."""

    default_error_messages = {
        "invalid": _("Enter a date and time such as 114/01/22 14:30."),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return from_current_timezone(value) if timezone.is_naive(value) else value
        if isinstance(value, date):
            return from_current_timezone(datetime.combine(value, time()))
        try:
            return from_current_timezone(parse_datetime(str(value)))
        except DateFormatError:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from None
