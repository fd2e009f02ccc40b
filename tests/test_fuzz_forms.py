"""No input answers 5xx: hypothesis over every form and every upload (invariant 8).

The test walks the authorization matrix (tests/test_authorization_matrix.py). For every
POST row it signs in as the first visitor the matrix lets post there, looks for the form
that posts to that address on the pages the same visitor may open, and sends what
hypothesis draws for its fields: the page's own values and plausible ones, text with
control characters, huge text, full-width digits, impossible and full-width dates, numbers
past every column's range, repeated and missing fields; for a file field, random bytes and
damaged XLSX, ODS, CSV, PDF, PNG and zip files (bits flipped, cut short, spliced, entries
marked encrypted). A row whose form is on no page gets field names of the other forms.

Every request runs in a savepoint that is rolled back, so that one example does not
change what the next one meets. An answer of 500 or more, or an exception out of a view,
is a failure, listed with the values that caused it.

Deterministic (derandomize, no example database) and bounded: EXAMPLES per address,
UPLOAD_EXAMPLES where the form takes a file (about 1,000 requests, 2-3 minutes).
"""

from __future__ import annotations

import io
import os
import re
import shutil
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from anxin.people import roster
from tests.test_authorization_matrix import COLUMNS, MATRIX, MatrixTestCase
from tests.zip_tools import encrypted

# A deeper run by hand: ANXIN_FUZZ_EXAMPLES=60 pytest tests/test_fuzz_forms.py -s
EXAMPLES = int(os.environ.get("ANXIN_FUZZ_EXAMPLES", 10))
UPLOAD_EXAMPLES = 10 * EXAMPLES
FUZZ_SETTINGS = {
    "derandomize": True,
    "database": None,
    "deadline": None,
    "phases": [Phase.explicit, Phase.generate],  # failures are collected, not shrunk
    "suppress_health_check": list(HealthCheck),
}


# --- what is posted -----------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\x01\x02\x1b[31m\x7f",
    "\t",
    "\r\n\r\n",
    "\u202e\u200b\ufeff",
    "=1+1",
    "+1",
    "-1",
    "@SUM(A1:A2)",
    "0",
    "-0",
    "1.5",
    "1e309",
    "NaN",
    "-inf",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "9" * 40,
    "１２３",
    "１１５/１２/０３",
    "民國１１５年１２月０３日",
    "１４：３０",
    "114/02/30",
    "0/0/0",
    "99999/12/31",
    "9999-12-31",
    "0001-01-01",
    "2025-01-22T25:61",
    "25:00",
    "24:00",
    "a" * 100_000,
    "中" * 20_000,
    "😀" * 50,
    "<script>alert(1)</script>",
    "'; DROP TABLE people_user; --",
    "../../../../etc/passwd",
    "%s %(x)s {0} {x}",
    "javascript:alert(1)",
    "00000000-0000-0000-0000-000000000000",
    "x@",
    "https://",
]
DATE_LIKE = r"[0-9０-９]{1,5}[/／.．\-－][0-9０-９]{1,3}[/／.．\-－][0-9０-９]{1,3}"
fuzz_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),
    st.text(alphabet=st.characters(categories=["Nd", "Pd", "Po", "Zs"]), max_size=14),
    st.from_regex(DATE_LIKE, fullmatch=True),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)

# Plausible values by the field's name or input type, so that one fuzzed field among
# valid ones reaches the services behind the form.
HINTS = [
    (r"date|_on$|^day$|from$|until$|_to$", ["114/01/22", "２０３０-０１-２２", "民國120年1月1日"]),
    (r"time|^start$|^end$", ["14:30", "１４：３０"]),
    (r"_at$", ["2030-01-22T10:00", "2030-01-22 10:00"]),
    (r"mail", ["someone@example.gov.tw"]),
    (r"url|link", ["https://example.gov.tw/"]),
    (
        r"hours|count|capacity|quota|number|age|months|rate|amount|minutes|max|min|size|year",
        ["1", "2", "12"],
    ),
]
TYPE_HINTS = {
    "date": ["2030-01-22"],
    "datetime-local": ["2030-01-22T10:00"],
    "time": ["14:30"],
    "number": ["1", "3"],
    "email": ["someone@example.gov.tw"],
    "url": ["https://example.gov.tw/"],
    "text": ["測試", "A1"],
    "textarea": ["一段說明文字。"],
}


def _small_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("a.txt", "安心" * 200)
    return buffer.getvalue()


SEEDS = {
    "xlsx": roster.template_xlsx(),
    "ods": roster.template_ods(),
    "csv": roster.template_csv(),
    "pdf": b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    "png": b"\x89PNG\r\n\x1a\n" + bytes(range(64)),
    "jpg": b"\xff\xd8\xff\xe0" + bytes(range(64)),
    "zip": _small_zip(),
}


@st.composite
def uploads(draw) -> SimpleUploadedFile:
    kind = draw(st.sampled_from(sorted(SEEDS)))
    data = bytearray(SEEDS[kind])
    how = draw(st.sampled_from(["as is", "flip", "cut", "splice", "encrypt", "random", "empty"]))
    if how == "flip":
        for _ in range(draw(st.integers(1, 8))):
            position = draw(st.integers(0, len(data) - 1))
            data[position] ^= 1 << draw(st.integers(0, 7))
    elif how == "cut":
        data = data[: draw(st.integers(0, len(data) - 1))]
    elif how == "splice":
        position = draw(st.integers(0, len(data) - 1))
        data[position : position + 16] = draw(st.binary(min_size=1, max_size=16))
    elif how == "encrypt":
        data = bytearray(encrypted(bytes(data)))
    elif how == "random":
        data = bytearray(draw(st.binary(max_size=4096)))
    elif how == "empty":
        data = bytearray()
    name = draw(
        st.sampled_from(
            [
                f"upload.{kind}",
                f"名冊.{kind}",
                f"upload.{kind.upper()}",
                "upload.xlsx",
                "upload.ods",
                "upload.csv",
                "upload.pdf",
                "no-extension",
                "x" * 300 + f".{kind}",
                f"../../{kind}.{kind}",
            ]
        )
    )
    return SimpleUploadedFile(name, bytes(data))


@dataclass
class Field:
    name: str
    kind: str
    values: list[str] = field(default_factory=list)

    def plausible(self) -> list[str]:
        values = [v for v in self.values if v]
        values += TYPE_HINTS.get(self.kind, [])
        for pattern, hints in HINTS:
            if re.search(pattern, self.name):
                values += hints
        return values or [""]

    def strategy(self):
        if self.kind == "file":
            return uploads()
        return st.sampled_from(self.plausible())

    def fuzz(self):
        if self.kind == "file":
            return uploads()
        return st.one_of(
            fuzz_text,
            st.lists(st.one_of(fuzz_text, self.strategy()), min_size=2, max_size=3),
            st.none(),  # left out
            uploads(),  # a file where text is expected
        )


@dataclass
class Form:
    action: str
    fields: dict[str, Field] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """The POST forms of a page: their action and fields, with the values the page gives."""

    def __init__(self):
        super().__init__()
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: Field | None = None
        self._textarea: Field | None = None

    def _field(self, name: str, kind: str) -> Field:
        return self._form.fields.setdefault(name, Field(name, kind))

    def handle_starttag(self, tag, attrs):
        a = {key: value or "" for key, value in attrs}
        if tag == "form":
            self._form = None
            if a.get("method", "get").lower() == "post":
                self._form = Form(a.get("action", ""))
                self.forms.append(self._form)
            return
        if self._form is None or (not a.get("name") and tag != "option"):
            return
        if tag == "input":
            kind = a.get("type", "text").lower()
            if kind in ("checkbox", "radio"):
                self._field(a["name"], kind).values.append(a.get("value", "on"))
            elif kind != "reset":
                self._field(a["name"], kind).values.append(a.get("value", ""))
        elif tag == "button":
            self._field(a["name"], "button").values.append(a.get("value", ""))
        elif tag == "select":
            self._select = self._field(a["name"], "select")
        elif tag == "option" and self._select is not None:
            self._select.values.append(a.get("value", ""))
        elif tag == "textarea":
            self._textarea = self._field(a["name"], "textarea")

    def handle_data(self, data):
        if self._textarea is not None and data.strip():
            self._textarea.values.append(data.strip())

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _poster(answers: str) -> str | None:
    """The first signed-in visitor the matrix lets post there (anonymous only if nobody)."""
    found = [p for p, a in zip(COLUMNS, answers.split(), strict=True) if a == "ok"]
    signed_in = [p for p in found if p != "anon"]
    return (signed_in or found or [None])[0]


@dataclass
class Tally:
    tried: int = 0
    failures: list[str] = field(default_factory=list)
    addresses: int = 0
    with_form: int = 0
    uploads: int = 0
    answers: Counter = field(default_factory=Counter)
    formless: list[str] = field(default_factory=list)


class FormFuzzTestCase(MatrixTestCase):
    def setUp(self):
        media = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, media, ignore_errors=True)
        override = override_settings(MEDIA_ROOT=Path(media), LANGUAGE_CODE="zh-hant")
        override.enable()
        self.addCleanup(override.disable)

    def forms_by_action(self, person: str) -> dict[str, list[Form]]:
        """Every POST form on the pages `person` may open, by the path it posts to."""
        found: dict[str, list[Form]] = {}
        for _name, method, path, answers in MATRIX:
            answer = dict(zip(COLUMNS, answers.split(), strict=True))[person]
            if method != "GET" or answer != "ok":
                continue
            url = path.format(**self.placeholders)
            if re.search(r"\.(pdf|ods|xlsx|csv|ics)$", urlsplit(url).path):
                continue  # a download holds no form
            response = self.request(person, "GET", url)
            if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
                continue
            parser = _FormParser()
            parser.feed(response.content.decode("utf-8", "replace"))
            for form in parser.forms:
                action = urlsplit(form.action or url).path
                found.setdefault(action, []).append(form)
        return found

    def post(self, person: str, url: str, data: dict, tally: Tally) -> None:
        tally.tried += 1
        payload = {key: value for key, value in data.items() if value is not None}
        with transaction.atomic():
            try:
                response = self.client.post(url, payload)
                status = response.status_code
                signed_out = response.get("Location", "").startswith("/account/sign-in/")
                tally.answers["sign-in" if signed_out else status] += 1
                problem = f"answered {status}" if status >= 500 else ""
            except Exception as exc:
                problem = "raised " + "".join(traceback.format_exception(exc, limit=-3))
            transaction.set_rollback(True)
        if problem:
            shown = {
                key: (f"<file {v.name!r} {v.size} bytes>" if hasattr(v, "size") else repr(v)[:80])
                for key, v in payload.items()
            }
            tally.failures.append(f"POST {url} as {person} with {shown}: {problem}")

    def fuzz(self, person: str, url: str, forms: list[Form], names: list[str], tally: Tally):
        fields: dict[str, Field] = {}
        for form in forms:
            fields.update(form.fields)
        if not fields:  # a form on no page: names of other forms
            fields = {name: Field(name, "text") for name in names}
        has_file = any(f.kind == "file" for f in fields.values())
        tally.addresses += 1
        tally.with_form += bool(forms)
        if not forms:
            tally.formless.append(url)
        tally.uploads += has_file
        ordered = sorted(fields.values(), key=lambda f: f.name)
        # Signed in once: each example's changes, the session's included, are rolled back.
        self.client.logout()
        if self.people[person] is not None:
            self.login(self.people[person])

        @settings(max_examples=UPLOAD_EXAMPLES if has_file else EXAMPLES, **FUZZ_SETTINGS)
        @given(data=st.data())
        def run(data):
            if forms and data.draw(st.booleans(), label="one field fuzzed"):
                target = data.draw(st.sampled_from(ordered), label="fuzzed")
                picked = {
                    f.name: data.draw(f.fuzz() if f is target else f.strategy(), label=f.name)
                    for f in ordered
                }
            elif forms:
                picked = {
                    f.name: data.draw(st.one_of(f.strategy(), f.fuzz()), label=f.name)
                    for f in ordered
                }
            else:
                chosen = data.draw(st.lists(st.sampled_from(sorted(fields)), max_size=5))
                picked = {name: data.draw(fuzz_text, label=name) for name in chosen}
            self.post(person, url, picked, tally)

        run()

    def test_it_answers_no_input_with_a_server_error(self):
        """Hypothesis over every POST address of the matrix: no 5xx, no exception."""
        rows = [
            (path.format(**self.placeholders), person)
            for _name, method, path, answers in MATRIX
            if method == "POST" and (person := _poster(answers)) is not None
        ]
        started = time.monotonic()
        crawled = {person: self.forms_by_action(person) for person in {p for _u, p in rows}}
        names = sorted(
            {
                name
                for by_action in crawled.values()
                for forms in by_action.values()
                for form in forms
                for name, f in form.fields.items()
                if f.kind != "file"
            }
        )
        tally = Tally()
        crawl_seconds = time.monotonic() - started
        for url, person in rows:
            path = urlsplit(url).path
            # The poster's pages first; else the same form as another visitor sees it.
            forms = crawled[person].get(path) or next(
                (by_action[path] for by_action in crawled.values() if path in by_action), []
            )
            self.fuzz(person, url, forms, names, tally)
        print(
            f"\nfuzz: {tally.tried} inputs to {tally.addresses} POST addresses "
            f"({tally.with_form} with their form found, {tally.uploads} taking a file); "
            f"{len(tally.failures)} answered 5xx or raised; crawl {crawl_seconds:.0f} s, "
            f"fuzz {time.monotonic() - started - crawl_seconds:.0f} s"
        )
        print("answers:", dict(tally.answers), "formless:", tally.formless)
        self.assertGreater(tally.uploads, 1)
        self.assertEqual(tally.failures, [], "\n\n".join(tally.failures[:40]))
