"""Fixtures of the browser tests: Debian's Chromium driven by Playwright against
pytest-django's live server, and the people of every role.

Playwright's sync API runs an event loop in this thread, so Django's guard against
database calls from async code is turned off for these tests.
"""

import importlib
import os
import secrets
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from django.db import connection, transaction
from django_otp.plugins.otp_totp.models import TOTPDevice
from playwright.sync_api import sync_playwright

from anxin.people.roles import Role
from tests.browser.helpers import BROWSER_LOCALE, PageWatch

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")  # Debian's package; never a downloaded browser
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PASSWORD = "correct horse battery staple"
STAFF_ROLES = [
    Role.COUNSELOR,
    Role.INTAKE,
    Role.PROVIDER_ADMIN,
    Role.HR,
    Role.EAP_ADMIN,
    Role.SUPERVISOR,
    Role.CARE_WORKER,
    Role.COMMITTEE,
    Role.AUDITOR,
    Role.REVIEWER,
]
ROLES = [Role.EMPLOYEE, *STAFF_ROLES, Role.SYSADMIN]


@dataclass
class Person:
    username: str
    user: object
    otp_key: bytes | None  # None: no second factor (employee) or not enrolled yet


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's chromium package is missing: run `make test` (it installs it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def watch() -> PageWatch:
    return PageWatch()


@pytest.fixture
def page(browser, watch):
    """A fresh browser context (no cookies) with one page, 1280×900, in Taiwanese
    Chinese. Each test gets its own."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900},
        locale=BROWSER_LOCALE,
        timezone_id="Asia/Taipei",
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    watch.attach(page)
    yield page
    context.close()


@pytest.fixture
def new_page(page, watch):
    """Opens a page in a new browser context (no cookies), set up as the `page` fixture's
    and watched by `watch`, for a second person in the same test; closed after the test."""
    contexts = []

    def opener():
        context = page.context.browser.new_context(
            viewport={"width": 1280, "height": 900},
            locale=BROWSER_LOCALE,
            timezone_id="Asia/Taipei",
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        opened = context.new_page()
        watch.attach(opened)
        return opened

    yield opener
    for context in contexts:
        context.close()


@pytest.fixture
def base_url(live_server) -> str:
    return live_server.url


def _user(username: str, **extra):
    from anxin.people.models import User

    return User.objects.create_user(username=username, password=PASSWORD, **extra)


def _device(user) -> bytes:
    key = secrets.token_bytes(20)
    TOTPDevice.objects.create(user=user, name="phone", key=key.hex(), confirmed=True)
    return key


@pytest.fixture(autouse=True)
def _empty_access_log(transactional_db):
    """The access log is append-only: a trigger refuses DELETE, so the flush that ends a
    transactional test fails on SQLite once a page has written to the log. After each
    test the SQLite triggers are dropped, the rows deleted and the triggers put back,
    exactly as the migration creates them. (PostgreSQL's flush truncates, which the
    row-level trigger does not see.)"""
    yield
    if connection.vendor != "sqlite":
        return
    # The security log of account custody (people 0003) is append-only the same way.
    for module, table in (
        ("anxin.core.migrations.0003_accesslog_append_only", "core_accesslog"),
        ("anxin.people.migrations.0003_custody", "people_securitylog"),
    ):
        migration = importlib.import_module(module)
        with transaction.atomic(), connection.cursor() as cursor:
            for statement in migration.SQLITE_DOWN:
                cursor.execute(statement)
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608 (a name from this list)
            for statement in migration.SQLITE_UP:
                cursor.execute(statement)


@pytest.fixture
def org(transactional_db):
    """範例市政府 with 社會局 and its 第一科 (the live server sees the rows: the test
    database is not wrapped in a transaction)."""
    from anxin.people.services import orgunit_create

    authority = orgunit_create(name="範例市政府", kind="authority", code="379000000A")
    agency = orgunit_create(
        name="範例市政府社會局", kind="agency", parent=authority, code="379100000G"
    )
    unit = orgunit_create(name="第一科", kind="unit", parent=agency)
    return {"authority": authority, "agency": agency, "unit": unit}


@pytest.fixture
def people(org) -> dict[str, Person]:
    """One person per role. The employee has an employee record; each staff role has a
    role assignment and a confirmed authenticator; the system administrator is a Django
    superuser without a role assignment."""
    from anxin.people.models import Employee, RoleAssignment

    result: dict[str, Person] = {}
    employee_user = _user("wang.xiaomei")
    Employee.objects.create(
        user=employee_user,
        authority=org["authority"],
        unit=org["unit"],
        number="E0001",
        name="王小美",
        staff_category=Employee.StaffCategory.CIVIL_SERVANT,
        gender=Employee.Gender.FEMALE,
        birth_date=date(1985, 4, 1),
        hire_date=date(2015, 8, 1),
    )
    result[Role.EMPLOYEE] = Person("wang.xiaomei", employee_user, None)
    for role in STAFF_ROLES:
        scope = (
            org["agency"]
            if role in {Role.HR, Role.SUPERVISOR, Role.CARE_WORKER}
            else org["authority"]
        )
        user = _user(f"staff.{role}")
        RoleAssignment.objects.create(user=user, role=role, scope=scope)
        result[role] = Person(user.username, user, _device(user))
    admin = _user("root.admin", is_superuser=True, is_staff=True)
    result[Role.SYSADMIN] = Person(admin.username, admin, _device(admin))
    return result
