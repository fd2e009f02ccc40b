"""What the browser tests share: the accessibility audit, signing in, the translated text
the pages should show."""

import base64
import re
from dataclasses import dataclass, field
from pathlib import Path

from django.utils import translation
from django_otp.oath import totp
from playwright.sync_api import ConsoleMessage, Page, expect

ROOT = Path(__file__).resolve().parents[2]
AXE_SOURCE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"

# WCAG 2.0, 2.1 and 2.2 at levels A and AA (the foundation issue).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# The browser says it is a Taiwanese browser, as most of Anxin's users' are.
BROWSER_LOCALE = "zh-TW"
ZH_HTML_LANG = "zh-Hant-TW"


def text(msgid, language: str = "zh-hant", **values) -> str:
    """What the page should show for `msgid` (a string or a lazy translation) in
    `language`, from the project's translations (the English msgid while a catalogue
    lacks it)."""
    with translation.override(language):
        message = translation.gettext(msgid) if isinstance(msgid, str) else str(msgid)
    return message % values if values else message


def ntext(singular: str, plural: str, count: int, language: str = "zh-hant") -> str:
    """`text()` for a message with a plural form, as `{% blocktranslate count %}`."""
    with translation.override(language):
        return translation.ngettext(singular, plural, count) % {"counter": count}


@dataclass
class PageWatch:
    """Console errors of one page (a refused inline script or style, a missing static
    file) and the pages the browser loaded, each with its Content-Security-Policy."""

    errors: list[str] = field(default_factory=list)
    documents: list[tuple[str, str | None]] = field(default_factory=list)

    def attach(self, page: Page) -> None:
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("response", self._response)

    def _console(self, message: ConsoleMessage) -> None:
        # Anxin has no favicon (yet); Chromium's own request for one is not the page's.
        if message.type == "error" and not message.location.get("url", "").endswith("/favicon.ico"):
            self.errors.append(f"console: {message.text} ({message.location.get('url')})")

    def _response(self, response) -> None:
        if response.request.resource_type == "document":
            self.documents.append((response.url, response.headers.get("content-security-policy")))


def _format_violations(url: str, violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} WCAG 2.2 AA violation(s) on {url}:"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"    at {target}: {summary}")
    return "\n".join(lines)


def audit(page: Page, watch: PageWatch | None = None) -> None:
    """Run axe-core on the page as it is now and fail on any WCAG 2.2 AA violation; fail
    too on a console error (a CSP refusal, a missing file) or a page served without CSP.

    The page keeps its Content-Security-Policy: axe is evaluated through the DevTools
    protocol, which the policy does not govern, instead of as a <script> element."""
    page.wait_for_load_state("load")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (tags) => {
            const result = await axe.run(document, {runOnly: {type: "tag", values: tags}});
            return result.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map((n) => ({target: n.target, failureSummary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    assert not result, _format_violations(page.url, result)
    if watch is not None:
        assert not watch.errors, f"errors in the browser on {page.url}:\n" + "\n".join(watch.errors)
        missing = [url for url, policy in watch.documents if not policy]
        assert not missing, f"pages served without a Content-Security-Policy: {missing}"


def visit(page: Page, url: str, watch: PageWatch | None = None) -> None:
    """Open `url`, check that it answered 200 and audit it."""
    response = page.goto(url)
    assert response is not None and response.status == 200, (url, response and response.status)
    audit(page, watch)


def submit(page: Page) -> None:
    """Press the main form's submit button and wait for the next page."""
    with page.expect_navigation():
        page.locator("main form:not([action]) button[type=submit]").first.click()


def current_code(key: bytes) -> str:
    """The six-digit TOTP code an authenticator app shows for `key` now."""
    return f"{totp(key):06d}"


def key_from_text(page_text: str) -> bytes:
    """The TOTP key shown on the enrolment page, in groups of four base32 characters."""
    match = re.search(r"(?:[A-Z2-7]{4} ){3,}[A-Z2-7]{1,4}", page_text)
    assert match, "no base32 key in groups of four on the page"
    secret = match.group(0).replace(" ", "")
    return base64.b32decode(secret + "=" * (-len(secret) % 8))


def sign_in(
    page: Page,
    base_url: str,
    username: str,
    password: str,
    *,
    otp_key: bytes | None = None,
    watch: PageWatch | None = None,
) -> None:
    """Sign in through the sign-in page and, given a key, the two-factor page; audit each
    page on the way. Ends on the home page."""
    visit(page, f"{base_url}/account/sign-in/", watch)
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    submit(page)
    if otp_key is not None:
        expect(page).to_have_url(re.compile(r"/account/two-factor/\?"))
        audit(page, watch)
        # The code is computed at the moment it is typed, as a person reads it off a phone.
        page.locator("#id_token").fill(current_code(otp_key))
        submit(page)
    expect(page).to_have_url(f"{base_url}/")


def follow_menu(page: Page, msgid: str) -> None:
    """Follow the menu entry labelled `msgid` (translated), opening its drop-down first
    when the entry is folded into a group, as a keyboard or mouse user would."""
    name = text(msgid)
    nav = page.get_by_role("navigation")
    link = nav.get_by_role("link", name=name, exact=True, include_hidden=True)
    if not link.is_visible():
        # `has` is queried inside each drop-down, so it starts from the page, not the nav.
        entry = page.get_by_role("link", name=name, exact=True, include_hidden=True)
        nav.locator("li.dropdown").filter(has=entry).get_by_role("button").click()
    with page.expect_navigation():
        link.click()
