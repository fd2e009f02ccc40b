"""Every page of every role reads in Traditional Chinese: no English, no internal names.

The crawl signs in as each visitor of the authorization matrix (the anonymous one and one
person per role, tests/test_authorization_matrix.py), opens every GET page the matrix says
that visitor may open (answer "ok"), with the objects the matrix's placeholders create, and
the sysadmin also the admin site (its index, each app's index and each model's list). From
each page it keeps what a reader sees or hears: the text outside <script>, <style>,
<template> and <textarea>, and the attributes `title`, `aria-label`, `placeholder`, `alt`
and a button's `value`. It fails, naming the visitor, the page and the offending text, on:

- an internal name: `app_label.model` (`counseling.sessionrecord`), a snake_case token
  (`long_text`, `self_view`), a file name (`fanli-demo.yaml`, `003_ec6d.txt`), a Python
  value printed as it stands (「2 / None」);
- two or more English words in a row, unless each is on the allow-list below, and a
  single capitalised English word that is the whole of a line or an attribute (a column
  heading 「User」, a button 「Search」: an untranslated label); a single word inside
  Chinese text is not a finding (product names, test data and acronyms are too many);
- zh-Hant with a stray space between two Chinese characters inside one piece of text
  (「輸入正確的 使用者名稱 和密碼」), or a line that starts with a colon (「：問卷」).

Text is taken line by line: block elements (p, li, td, …) and <br> end a line, inline ones
(a, span, strong, …) do not, so 「<strong>名稱</strong>：值」 is one line 「名稱：值」; text
only screen readers get (`visually-hidden`) is a line of its own, as a screen reader's list
of a page's texts shows it. Text in <code>, <kbd>, <samp> or an element marked lang="en" is
English on purpose (a command, the roster's English column headers): only the internal
names are looked for there.

A failure lists one finding a line: 「<visitor> GET <url>: <what> in 「<the line>」」.
"""

import re
from html.parser import HTMLParser

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.test import SimpleTestCase
from django.urls import reverse
from django.utils import translation

from anxin.people.roles import Role
from anxin.surveys.services import presets_load
from tests.matrix_profiles import ANON, COLUMNS
from tests.test_authorization_matrix import MATRIX, MatrixTestCase

# Words that may stand in English on a zh-Hant page, each with its reason. Matched whole
# and case-sensitively; a run of English words is a finding only if some word of it is not
# here (single English words are not findings at all).
ALLOWED_WORDS: dict[str, str] = {
    "Anxin": "the product's name",
    "EAP": "the acronym the plans themselves use (員工協助方案, EAP)",
    "TOTP": "the authenticator standard, named so people find it in their app",
    "PDF": "a file format",
    "CSV": "a file format",
    "ODS": "a file format",
    "XLSX": "a file format",
    "ICS": "a file format",
    "URL": "a web address",
    "QR": "QR code",
    "Google": "authenticator apps people know by name",
    "Microsoft": "authenticator apps people know by name",
    "Authenticator": "authenticator apps people know by name (Google Authenticator)",
    "FreeOTP": "authenticator apps people know by name",
}
# Texts that may stand as they are, wherever they appear, each with its reason.
ALLOWED_TEXTS: dict[str, str] = {
    "QR Code": "what Taiwan's own services write (行動支付、健保快易通: QR Code)",
    "lost phone": "test data: the reason the matrix's custody request gives",
}
# Findings allowed on one page: (URL, or a URL prefix ending in "*"; a part of the
# finding; reason). A reason that starts
# with "PENDING" names work in flight elsewhere; remove the entry once it has landed.
ALLOWED_ON_PAGES: list[tuple[str, str, str]] = [
    ("/admin/django_tasks_database/dbtaskresult/", "snake_case name",
     "a background task is named by its function (notify_task), as the worker's log "
     "names it: the sysadmin looks it up there"),
    ("/admin/axes/accesslog/", "'Access Log for'",
     "django-axes names each row itself, in English, in the label of the row's check box"),
    ("/admin/*", "English 'Search'",
     "Django's admin writes the search field's magnifier icon with alt=\"Search\", "
     "untranslated (admin/search_form.html)"),
    ("/admin/*", "Python value",
     "Django's admin writes True and False, untranslated, as the alt text of its yes/no "
     "icons (admin_list._boolean_icon)"),
]  # fmt: skip
# The objects the matrix creates are named in English ("Matrix plan", "matrix room"):
# data the tests type in, not the interface.
TEST_DATA = re.compile(r"(?<![A-Za-z])[Mm]atrix(?![A-Za-z])")

CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# The elements that end a line of text.
BLOCKS = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "button", "caption", "dd",
    "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
    "form", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "label",
    "legend", "li", "main", "nav", "ol", "optgroup", "option", "p", "pre", "section",
    "select", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})  # fmt: skip
# Not read: code, and <textarea>, whose text is what somebody typed (data, not interface).
HIDDEN = frozenset({"script", "style", "template", "noscript", "textarea"})
CODE = frozenset({"code", "kbd", "samp"})
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})  # fmt: skip
SHOWN_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")

APP_LABELS = sorted({config.label for config in apps.get_app_configs()}, key=len, reverse=True)
# Lookarounds by ASCII letters and digits: a Chinese character counts as a word character
# for `\w` and `\b`, and 「在matrix room召開」 holds two English words all the same.
ASCII = r"A-Za-z0-9_"
LABELS = "|".join(APP_LABELS)
APP_MODEL = re.compile(rf"(?<![{ASCII}.])(?:{LABELS})\.[a-z_]+(?![{ASCII}])")
SNAKE = re.compile(rf"(?<![{ASCII}./@-])[A-Za-z][A-Za-z0-9]*(?:_[A-Za-z0-9]+)+(?![{ASCII}@])")
FILE_NAME = re.compile(rf"[{ASCII}-]+\.(?:ya?ml|txt|json|py|html|po|mo)(?![{ASCII}])", re.I)
EMAIL = re.compile(r"[A-Za-z0-9_.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s]+|(?<![A-Za-z0-9_])/[A-Za-z0-9_/.{}?=&%-]+/")
WORD = rf"(?<![{ASCII}-])[A-Za-z][A-Za-z'’]*(?![{ASCII}-])"
ENGLISH_RUN = re.compile(rf"{WORD}(?:[ \t]+{WORD})+")
STRAY_SPACE = re.compile(rf"[{CJK}][ \t\u3000]+[{CJK}]")
STRAY_COLON = re.compile(r"^[：:]")
# A label left in English: one capitalised word, the whole of a line (「User」).
LONE_WORD = re.compile(r"[A-Z][a-z]{2,}")
# A template that printed a Python value as it stands (「2 / None」).
PYTHON_VALUE = re.compile(r"(?<![A-Za-z0-9_])(?:None|True|False)(?![A-Za-z0-9_])")


class PageText(HTMLParser):
    """The lines of text a reader meets on a page, and the shown attribute values."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []  # what the English and internal-name checks read
        self.nodes: list[str] = []  # single text nodes: what the stray-space check reads
        self.codes: list[str] = []  # <code>, <kbd>, <samp>: commands, keys, file names
        self.current: list[str] = []
        self.hidden = 0
        self.code = 0
        self.english: list[str] = []  # the open elements that declare lang="en"
        # The open elements seen only by screen readers: their text is a line of its own,
        # as a reader that lists a page's texts shows it.
        self.unseen: list[str] = []

    def _end_line(self):
        line = re.sub(r"\s+", " ", "".join(self.current)).strip()
        if line:
            self.lines.append(line)
        self.current = []

    def _shown(self, value: str):
        value = re.sub(r"\s+", " ", value).strip()
        if value:
            self.lines.append(value)
            self.nodes.append(value)

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN:
            self.hidden += 1
            return
        if tag in CODE:
            self.code += 1
        if tag in BLOCKS:
            self._end_line()
        values = dict(attrs)
        if (values.get("lang") or "").lower().startswith("en") and tag not in VOID:
            self.english.append(tag)
        if "visually-hidden" in (values.get("class") or "").split() and tag not in VOID:
            self._end_line()
            self.unseen.append(tag)
        for name in SHOWN_ATTRIBUTES:
            if values.get(name):
                self._shown(values[name])
        button = values.get("type") in ("submit", "button", "reset")
        if tag == "input" and button and values.get("value"):
            self._shown(values["value"])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag in HIDDEN:
            self.hidden -= 1

    def handle_endtag(self, tag):
        if tag in HIDDEN:
            self.hidden = max(0, self.hidden - 1)
            return
        if tag in CODE:
            self.code = max(0, self.code - 1)
        if self.english and self.english[-1] == tag:
            self.english.pop()
        if self.unseen and self.unseen[-1] == tag:
            self.unseen.pop()
            self._end_line()
        if tag in BLOCKS:
            self._end_line()

    def handle_data(self, data):
        if self.hidden:
            return
        if self.code or self.english:
            # A command or a key typed as it stands, or text marked as English on purpose
            # (the roster's English column headers): English allowed, internal names not.
            self.current.append(" ")
            self.codes.append(data.strip())
            return
        self.current.append(data)
        node = re.sub(r"\s+", " ", data).strip()
        if node:
            self.nodes.append(node)

    def close(self):
        super().close()
        self._end_line()


def page_text(html: str) -> PageText:
    parser = PageText()
    parser.feed(html)
    parser.close()
    return parser


def internal_names(text: str) -> list[str]:
    """Model and file names: wrong even as code (「counseling.sessionrecord」)."""
    found = [f"internal model name {match.group()!r}" for match in APP_MODEL.finditer(text)]
    found += [f"file name {match.group()!r}" for match in FILE_NAME.finditer(text)]
    return found


def findings(line: str) -> list[str]:
    """What is wrong with one line of a zh-Hant page, as short labelled snippets."""
    text = WEB_ADDRESS.sub(" ", EMAIL.sub(" ", line))
    for allowed in ALLOWED_TEXTS:
        text = text.replace(allowed, " ")
    found = internal_names(text)
    for match in SNAKE.finditer(text):
        found.append(f"snake_case name {match.group()!r}")
    for match in ENGLISH_RUN.finditer(text):
        words = match.group().split()
        if TEST_DATA.search(match.group()):
            continue
        if any(word not in ALLOWED_WORDS for word in words):
            found.append(f"English {match.group()!r}")
    lone = text.strip()
    if (
        LONE_WORD.fullmatch(lone)
        and lone not in ALLOWED_WORDS
        and not TEST_DATA.search(lone)
        and not PYTHON_VALUE.fullmatch(lone)
    ):
        found.append(f"English {lone!r}")
    for match in PYTHON_VALUE.finditer(text):
        found.append(f"Python value {match.group()!r}")
    if STRAY_COLON.search(line):
        found.append("stray colon at the start")
    return found


def stray_spaces(node: str) -> list[str]:
    """A space between two Chinese characters inside one piece of text (between two
    elements, such as two links side by side, a space is layout, not a finding)."""
    return [f"stray space {match.group()!r}" for match in STRAY_SPACE.finditer(node)]


def _snippet(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "…"


def report(visitor: str, url: str, html: str, method: str = "GET") -> list[str]:
    """Each finding as 「visitor GET url: what in 「the line」」, each distinct line once."""
    page = page_text(html)
    problems = []
    for line in dict.fromkeys(page.lines):
        for finding in findings(line):
            problems.append(f"{visitor} {method} {url}: {finding} in 「{_snippet(line)}」")
    for code in dict.fromkeys(page.codes):
        for finding in internal_names(code):
            problems.append(f"{visitor} {method} {url}: {finding} in 「{_snippet(code)}」")
    for node in dict.fromkeys(page.nodes):
        for finding in stray_spaces(node):
            problems.append(f"{visitor} {method} {url}: {finding} in 「{_snippet(node)}」")
    allowed = [
        part
        for page, part, _reason in ALLOWED_ON_PAGES
        if page == url or (page.endswith("*") and url.startswith(page[:-1]))
    ]
    return [p for p in problems if not any(part in p.split(": ", 1)[1] for part in allowed)]


class FindingsTestCase(SimpleTestCase):
    """The checks find what they are meant to, and pass good zh-Hant."""

    def test_it_finds_internal_names_english_and_stray_spaces(self):
        html = """<html><head><title>個案 · 安心</title><script>var long_text = 1;</script>
        <style>.a_b{}</style></head><body>
        <p>counseling.sessionrecord</p><td>long_text</td><td>self_view</td>
        <li>fanli-demo.yaml</li><li><code>003_ec6d084863020ccc.txt</code></li>
        <p>Access attempts</p><p>請輸入正確的 使用者名稱 和密碼</p>
        <tr><td>：諮商</td></tr>
        <li>問卷 <button>複製<span class="visually-hidden">：問卷</span></button></li>
        <input type="submit" value="Save changes"><a title="Open case">看</a>
        <select><option>Task results</option></select>
        <td lang="en">agency code</td><td lang="en">counseling.case</td>
        <dd>2 / None</dd><table><tr><th>User</th><th>狀態</th></tr></table>
        <button aria-label="Search">🔍</button></body></html>"""
        problems = "\n".join(report("hr", "/x/", html))
        for expected in [
            "internal model name 'counseling.sessionrecord'",
            "snake_case name 'long_text'",
            "snake_case name 'self_view'",
            "file name 'fanli-demo.yaml'",
            "file name '003_ec6d084863020ccc.txt'",
            "English 'Access attempts'",
            "stray space '的 使'",
            "stray colon at the start in 「：諮商」",
            "stray colon at the start in 「：問卷」",
            "English 'Save changes'",
            "English 'Open case'",
            "English 'Task results'",
            "internal model name 'counseling.case'",
            "Python value 'None'",
            "English 'User'",
            "English 'Search'",
        ]:
            self.assertIn(expected, problems)
        self.assertNotIn("var", problems)
        self.assertNotIn("a_b", problems)
        self.assertIn("hr GET /x/: ", problems)

    def test_it_passes_good_zh_hant(self):
        html = """<html><body><h1>個案 TPE114-0042</h1>
        <p><strong>名稱</strong>：範例市政府</p><p>匯出 CSV 或 ODS、下載 PDF</p>
        <p>請寫信到 eap_office@example.gov.tw 或看 /plans/fanli/</p>
        <p>以 Google Authenticator 掃描 QR 碼</p><p>EAP 員工協助方案 2026 年</p>
        <a href="/counselling/long_text/" class="snake_case">晤談</a>
        <input type="hidden" value="self_view"><input name="long_text">
        <textarea name="options">是
        否</textarea><table><tr><th>機關代碼</th><td lang="en">agency code</td></tr></table>
        </body></html>"""
        self.assertEqual(report("hr", "/x/", html), [])


class ZhHantPagesTestCase(MatrixTestCase):
    """Each visitor's pages, in zh-Hant (one test per visitor, the objects shared)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        presets_load()  # so that the questionnaires page lists the survey presets

    def test_a_refused_sign_in_reads_in_zh_hant(self):
        """Django's own refusal put spaces around the field name (「輸入正確的 使用者名稱
        和密碼」); ours reads as one sentence."""
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
        response = self.client.post(
            "/account/sign-in/", {"username": "alice", "password": "wrong"},
            HTTP_ACCEPT_LANGUAGE="zh-hant",
        )  # fmt: skip
        self.assertContains(response, "帳號或密碼錯誤")
        html = response.content.decode()
        self.assertEqual(report(ANON, "/account/sign-in/", html, method="POST"), [])

    def pages_of(self, visitor: str) -> list[str]:
        pages = []
        for _name, method, path, answers in MATRIX:
            answer = dict(zip(COLUMNS, answers.split(), strict=True))[visitor]
            if method == "GET" and answer == "ok":
                pages.append(path.format(**self.placeholders))
        if visitor == Role.SYSADMIN:
            pages.extend(admin_pages())
        return list(dict.fromkeys(pages))

    def crawl(self, visitor: str) -> None:
        self.client.logout()
        if self.people[visitor] is not None:
            self.login(self.people[visitor])
        self.client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
        problems, read = [], 0
        for url in self.pages_of(visitor):
            response = self.client.get(url, HTTP_ACCEPT_LANGUAGE="zh-hant")
            if response.status_code != 200:
                continue
            if "text/html" not in response.get("Content-Type", ""):
                continue
            read += 1
            problems += report(visitor, url, response.content.decode())
        self.assertGreater(read, 0, f"{visitor} read no page")
        with translation.override("zh-hant"):
            self.assertFalse(problems, f"{len(problems)} findings:\n" + "\n".join(problems))


def admin_pages() -> list[str]:
    """The admin site's index, each app's index and each model's list."""
    pages = [reverse("admin:index")]
    labels = []
    for model in admin.site._registry:
        meta = model._meta
        labels.append(meta.app_label)
        pages.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
    pages += [reverse("admin:app_list", args=[label]) for label in dict.fromkeys(labels)]
    return pages


def _visitor_test(visitor: str):
    def test(self):
        self.crawl(visitor)

    test.__name__ = f"test_every_page_of_{visitor}_reads_in_zh_hant"
    test.__doc__ = f"Every page the {visitor} visitor may open shows zh-Hant only."
    return test


for _visitor in COLUMNS:
    setattr(ZhHantPagesTestCase, f"test_every_page_of_{_visitor}_reads_in_zh_hant",
            _visitor_test(_visitor))  # fmt: skip
