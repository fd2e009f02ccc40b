"""The frame of every page: a <title> that reads 「頁名 · 安心員工協助方案」, and error pages
(400, 403, 404, 500, a refused CSRF token) in the site's frame and the reader's
language, the 500 page telling nothing of the failure."""

import re
from pathlib import Path

from django.conf import settings
from django.template import Context, Template, loader
from django.template.loader_tags import BlockNode, ExtendsNode
from django.test import Client, override_settings
from django.urls import reverse

from anxin.core.menu import menu_for
from anxin.people.roles import Role
from tests.base import BaseTestCase, give_role, make_user
from tests.front.error_urls import SECRET

ANXIN = Path(__file__).resolve().parents[2] / "anxin"
SITE = {"zh-hant": "安心員工協助方案", "en": "Anxin Employee Assistance"}
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


def title_of(response) -> str:
    match = TITLE.search(response.content.decode())
    assert match, "no <title>"
    return match.group(1)


def page_templates() -> list[str]:
    """Every template of the apps that extends another (a page, not a fragment)."""
    names = []
    for path in sorted(ANXIN.glob("*/templates/**/*.html")):
        if "{% extends" in path.read_text(encoding="utf-8"):
            parts = path.parts
            names.append("/".join(parts[parts.index("templates") + 1 :]))
    return names


def title_block(name: str) -> BlockNode | None:
    """The `title` block a page template defines, itself or through its parents below
    core/base.html."""
    while name != "core/base.html":
        nodelist = loader.get_template(name).template.nodelist
        extends = next(node for node in nodelist if isinstance(node, ExtendsNode))
        if "title" in extends.blocks:
            return extends.blocks["title"]
        name = extends.parent_name.resolve({})
    return None


class PageTitleTestCase(BaseTestCase):
    def assert_titled(self, response, language="zh-hant"):
        title = title_of(response)
        page, separator, site = title.rpartition(" · ")
        self.assertEqual(site, SITE[language], title)
        self.assertEqual(separator, " · ", f"no separator in {title!r}")
        self.assertTrue(page.strip() and page == page.strip(), f"no page name in {title!r}")
        self.assertNotIn("\n", title)

    def test_every_page_template_names_its_page(self):
        """A page template that names nothing would show the site's name alone."""
        templates = page_templates()
        self.assertGreater(len(templates), 100)
        for name in templates:
            with self.subTest(template=name):
                block = title_block(name)
                self.assertIsNotNone(block, "no {% block title %}")
                self.assertTrue(block.nodelist, "an empty {% block title %}")

    def test_the_sign_in_page_reads_page_then_site(self):
        """The separator that `{% if self.title %}` never printed."""
        response = self.client.get(reverse("login"))
        self.assert_titled(response)
        self.assertEqual(title_of(response), "登入 · 安心員工協助方案")

    def test_it_reads_the_same_in_english(self):
        self.client.cookies.load({settings.LANGUAGE_COOKIE_NAME: "en"})
        self.assertEqual(title_of(self.client.get(reverse("login"))), "Sign in · " + SITE["en"])

    def test_every_menu_page_of_every_role_reads_page_then_site(self):
        """Each role's home page and every page of its menu (the pages that answer this
        test's bare organisation with 200) carry 「頁名 · 安心員工協助方案」."""
        people = {
            Role.EMPLOYEE: self.alice,
            Role.COUNSELOR: self.counselor,
            Role.HR: self.hr,
            Role.EAP_ADMIN: self.eap_admin,
        }
        for role in (Role.INTAKE, Role.SUPERVISOR, Role.CARE_WORKER, Role.COMMITTEE):
            user = make_user(f"frame.{role}")
            give_role(user, role, self.authority if role != Role.SUPERVISOR else self.agency)
            people[role] = user
        auditor = make_user("frame.auditor")
        give_role(auditor, Role.AUDITOR, self.authority)
        people[Role.AUDITOR] = auditor
        seen = 0
        for role, user in people.items():
            self.login(user)
            urls = {"/"}
            for item in menu_for(role):
                for entry in item.children or [item]:
                    urls.add(reverse(entry.url_name))
            for url in sorted(urls):
                response = self.client.get(url)
                if response.status_code != 200:
                    continue
                with self.subTest(role=role, url=url):
                    self.assert_titled(response)
                seen += 1
        self.assertGreater(seen, 40)

    def test_a_page_that_names_nothing_shows_the_site_alone(self):
        page = Template('{% extends "core/base.html" %}').render(Context({}))
        self.assertIn("<title>安心員工協助方案</title>", page)


@override_settings(ROOT_URLCONF="tests.front.error_urls")
class ErrorPageTestCase(BaseTestCase):
    """Each error page in zh-Hant first and in English; the frame (stylesheet, brand,
    crisis lines) around it."""

    def get(self, url, language, *, client=None, method="get"):
        client = client or self.client
        client.raise_request_exception = False
        client.cookies.load({settings.LANGUAGE_COOKIE_NAME: language})
        return getattr(client, method)(url)

    def assert_page(self, response, status, language, heading, *, bare=False):
        self.assertEqual(response.status_code, status)
        html = response.content.decode()
        lang = "zh-Hant-TW" if language == "zh-hant" else "en"
        self.assertIn(f'<html lang="{lang}">', html)
        self.assertEqual(title_of(response), f"{heading} · {SITE[language]}")
        self.assertIn(f'<h1 class="h3">{heading}</h1>', html)
        self.assertIn("core/anxin.css", html)
        self.assertIn("1925", html)  # a crisis line in the footer
        if bare:  # rendered without the request: no menu, no account, no form
            self.assertNotIn("main-menu", html)
            self.assertNotIn("<form", html)

    def test_400(self):
        for language, heading in (
            ("zh-hant", "無法處理這個請求"),
            ("en", "The request could not be handled"),
        ):
            with self.subTest(language=language):
                response = self.get("/test-errors/suspicious/", language)
                self.assert_page(response, 400, language, heading, bare=True)
                self.assertNotIn(SECRET, response.content.decode())

    def test_403(self):
        """A staff page asked for in another role."""
        self.login(self.alice)
        for language, heading in (
            ("zh-hant", "目前身分無法使用此頁面"),
            ("en", "Not available in this role"),
        ):
            with self.subTest(language=language):
                response = self.get(reverse("counseling:my_cases"), language)
                self.assert_page(response, 403, language, heading)

    def test_404(self):
        for language, heading in (("zh-hant", "找不到頁面"), ("en", "Page not found")):
            with self.subTest(language=language):
                response = self.get("/no-such-page/", language)
                self.assert_page(response, 404, language, heading)

    def test_500_tells_nothing_of_the_failure(self):
        """The exception's text (here a case code and a session record's words), its type
        and the traceback stay out of the page, signed in or not."""
        self.login(self.counselor)
        for language, heading in (("zh-hant", "系統發生錯誤"), ("en", "Server error")):
            with self.subTest(language=language):
                with self.assertLogs("django.request", "ERROR"):
                    response = self.get("/test-errors/boom/", language)
                self.assert_page(response, 500, language, heading, bare=True)
                html = response.content.decode()
                for leak in (SECRET, "TPE114", "RuntimeError", "Traceback", "boom", "counselor"):
                    self.assertNotIn(leak, html)

    def test_a_refused_csrf_token_explains_itself(self):
        """A form sent without its token (an expired page) answers 403 with a page that
        says what to do, in the frame with the menu, without Django's technical reason."""
        client = Client(enforce_csrf_checks=True)
        client.force_login(self.alice)
        for language, heading in (("zh-hant", "表單已失效"), ("en", "The form has expired")):
            with self.subTest(language=language):
                response = self.get(reverse("switch_role"), language, client=client, method="post")
                self.assert_page(response, 403, language, heading)
                html = response.content.decode()
                self.assertIn("main-menu", html)
                self.assertNotIn("CSRF token", html)
                self.assertNotIn("Forbidden", html)
