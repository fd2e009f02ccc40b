"""Weekly opening hours written as lines of text, one opening a line, the way the seeds
write them: 「星期一 09:30-12:00 6樓第1會議室」, 「週三 9:00-12:00 西區區公所」,
「Mon 09:30-12:00」."""

import re
from dataclasses import dataclass
from datetime import time

from django.utils.translation import gettext as _

WEEKDAY_WORDS = {
    "一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6,
    "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6,
}  # fmt: skip
_LINE = re.compile(
    r"^\s*(?:星期|週|周)?(?P<day>[一二三四五六日天]|mon|tue|wed|thu|fri|sat|sun)\w*\s*"
    r"(?P<opens>\d{1,2}[:：]\d{2})\s*[-–~～至到]\s*(?P<closes>\d{1,2}[:：]\d{2})\s*(?P<note>.*)$",
    re.IGNORECASE,
)
ZH_DAYS = "一二三四五六日"


@dataclass(frozen=True)
class Opening:
    weekday: int
    opens: time
    closes: time
    note: str = ""

    def line(self) -> str:
        text = f"星期{ZH_DAYS[self.weekday]} {self.opens:%H:%M}-{self.closes:%H:%M}"
        return f"{text} {self.note}".strip()


def _time(text: str) -> time:
    hours, minutes = text.replace("：", ":").split(":")
    return time(int(hours), int(minutes))


def parse_hours(text: str) -> tuple[list[Opening], list[str]]:
    """The openings of `text` and, for each line that is not one, a message naming it."""
    openings, errors = [], []
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        match = _LINE.match(line)
        try:
            if match is None:
                raise ValueError
            opening = Opening(
                WEEKDAY_WORDS[match["day"].lower()[:3] if match["day"].isascii() else match["day"]],
                _time(match["opens"]),
                _time(match["closes"]),
                match["note"].strip()[:200],
            )
        except (ValueError, KeyError):
            errors.append(
                _(
                    "Opening hours, line %(line)s: write a weekday and the hours, "
                    "e.g. 星期一 09:30-12:00 (%(text)s)."
                )
                % {"line": number, "text": line.strip()}
            )
            continue
        if opening.closes <= opening.opens:
            errors.append(
                _(
                    "Opening hours, line %(line)s: the closing time is not after the opening "
                    "time (%(text)s)."
                )
                % {"line": number, "text": line.strip()}
            )
            continue
        openings.append(opening)
    return openings, errors


def hours_text(openings) -> str:
    return "\n".join(Opening(o.weekday, o.opens, o.closes, o.note).line() for o in openings)
