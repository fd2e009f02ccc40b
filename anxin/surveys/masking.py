"""Masking of free text before anyone reads it outside the answer: theme examples
(themes.py) and the open answers of the raw export (questions/texts.py)."""

import re

_MASKS = [
    re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+"),  # e-mail addresses
    re.compile(r"(https?://|www\.)\S+", re.IGNORECASE),  # web addresses
    re.compile(r"[A-Za-z]?\d[\d\s()#-]{2,}\d"),  # telephone, extension, ID numbers
]
MASK = "＊＊＊"


def mask(text: str) -> str:
    for pattern in _MASKS:
        text = pattern.sub(MASK, text)
    return text
