"""The authorization matrix: for every URL pattern of the project, what each visitor gets.

The test walks every pattern Django knows; a URL without a row here fails it, so that
nobody adds a page without deciding who may see it. A row is (URL name, method, path,
reach): the reach names the group of pages the URL belongs to, and each role's profile
the groups it may reach; a row names only the roles whose answer differs from their
profile's (tests/matrix_profiles.py, decision 0031). The visitors are the anonymous one
and one person per role (`COLUMNS`).

An app may keep its rows in `tests/<app>/matrix.py` or `matrix_<part>.py`: a list `ROWS`
in the same form, and optionally `placeholders(test_class) -> dict` that creates the
objects its paths name (called in setUpTestData, with the people of this test case:
`cls.people[role]`).
"""

import importlib
import pkgutil
import uuid

from django.test import SimpleTestCase
from django.urls import URLPattern, URLResolver, get_resolver

from anxin.core.jobs import job_create
from anxin.core.models import Notification
from anxin.people.models import User
from anxin.people.roles import Role
from anxin.plans.models import ProgramPlan
from tests.base import BaseTestCase, give_role, make_user
from tests.matrix_profiles import (
    ANON,
    COLUMNS,
    EAP_OFFICE,
    EVERYONE,
    NOT_ALLOWED,
    OWN_SERVICES,
    PLAN_READERS,
    PROFILES,
    SIGNED_IN,
    SYSADMIN,
    Reach,
    expand,
)

# (URL name, method, path, reach). Paths with {placeholders} are filled in setUpTestData.
ROWS = [
    ("home", "GET", "/", SIGNED_IN),
    ("switch_role", "GET", "/switch-role/", NOT_ALLOWED),
    ("switch_role", "POST", "/switch-role/", SIGNED_IN),
    ("inbox", "GET", "/inbox/", SIGNED_IN),
    ("inbox_open", "GET", "/inbox/{notification}/", NOT_ALLOWED),
    # The notification is Alice's.
    ("inbox_open", "POST", "/inbox/{notification}/",
     SIGNED_IN.but({Role.EMPLOYEE: "ok"}, inside="404")),
    # The job is the EAP administrator's.
    ("job_status", "GET", "/jobs/{job}/", SIGNED_IN.but({Role.EAP_ADMIN: "ok"}, inside="404")),
    ("job_status", "GET", "/jobs/{missing}/", SIGNED_IN.but(inside="404")),
    ("login", "GET", "/account/sign-in/", EVERYONE),
    ("logout", "GET", "/account/sign-out/", NOT_ALLOWED),
    ("logout", "POST", "/account/sign-out/", EVERYONE.but(inside="login")),
    ("otp_verify", "GET", "/account/two-factor/", SIGNED_IN),
    ("otp_setup", "GET", "/account/two-factor/setup/", SIGNED_IN),
    ("set_language", "GET", "/i18n/set-language/", NOT_ALLOWED),
    ("set_language", "POST", "/i18n/set-language/", EVERYONE),
    # Signed in but not the sysadmin: a plain refusal, not a loop of redirects.
    ("admin_login", "GET", "/admin/login/", SYSADMIN),
    ("people:my_profile", "GET", "/people/me/", OWN_SERVICES),
    ("people:my_access_log", "GET", "/people/me/access-log/", OWN_SERVICES),
    ("people:org_tree", "GET", "/people/organisation/", EAP_OFFICE),
    ("people:roster_import", "GET", "/people/roster/", EAP_OFFICE),
    ("people:roster_import", "POST", "/people/roster/", EAP_OFFICE),
    ("people:roster_template", "GET", "/people/roster/template.csv", EAP_OFFICE),
    # A report is its owner's: other admins get 404, other roles 403 (role page).
    ("people:roster_report", "GET", "/people/roster/{roster_job}/",
     EAP_OFFICE.but({Role.HR: "404"})),
    ("plans:list", "GET", "/plans/", PLAN_READERS),
    ("plans:detail", "GET", "/plans/{plan}/", PLAN_READERS),
]  # fmt: skip


def _app_matrices() -> list:
    """Every `tests/<app>/matrix.py` and `tests/<app>/matrix_<part>.py` module."""
    import tests

    modules = []
    for info in pkgutil.iter_modules(tests.__path__):
        if not info.ispkg:
            continue
        package = importlib.import_module(f"tests.{info.name}")
        for inner in pkgutil.iter_modules(package.__path__):
            if inner.name == "matrix" or inner.name.startswith("matrix_"):
                modules.append(importlib.import_module(f"tests.{info.name}.{inner.name}"))
    return modules


APP_MATRICES = _app_matrices()
for _module in APP_MATRICES:
    ROWS.extend(_module.ROWS)
# The rows with each visitor's answer spelled out in COLUMNS order: (URL name, method,
# path, answers), what the test below and the walkers of the matrix (tests/test_fuzz_forms.py,
# the canaries) read.
MATRIX = expand(ROWS)

# The admin site (every pattern under admin/): only the sysadmin gets in.
# Sample arguments for admin URLs; "{id}" becomes the id of a row that exists (ids differ
# between SQLite and PostgreSQL test runs).
ADMIN_SAMPLE_VALUES = ["{id}", "otp_totp", "axes", "django_tasks_db", "auth"]


def _walk_patterns(resolver: URLResolver, namespace: str = "", prefix: str = ""):
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk_patterns(pattern, inner, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            name = f"{namespace}{pattern.name}" if pattern.name else prefix + str(pattern.pattern)
            yield name, pattern


def _walk(resolver: URLResolver):
    for name, _pattern in _walk_patterns(resolver):
        yield name


def _sample_url(name: str, pattern: URLPattern, sample_id: str) -> str | None:
    """The pattern reversed with sample values for its arguments."""
    from django.urls import NoReverseMatch, reverse

    if not pattern.name:  # unnamed: fill the route's converters by hand
        import re

        return "/" + re.sub(r"<(?:\w+:)?\w+>", sample_id, name)
    arguments = list(pattern.pattern.regex.groupindex)
    for value in (v.replace("{id}", sample_id) for v in ADMIN_SAMPLE_VALUES):
        try:
            return reverse(name, kwargs={arg: value for arg in arguments} or None)
        except NoReverseMatch:
            continue
    return None


def _answer(response) -> str:
    code = response.status_code
    if code in (301, 302):
        location = response["Location"]
        if location.startswith(("/account/sign-in/", "/admin/login/")):
            return "login"
        return "ok"
    if code in (403, 404, 405):
        return str(code)
    if 200 <= code < 300:
        return "ok"
    return str(code)


class MatrixTestCase(BaseTestCase):
    """The people of the columns and the objects the paths name, for the matrix and for
    tests that walk it (tests/test_fuzz_forms.py)."""

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people: dict[str, User | None] = {
            ANON: None,
            Role.EMPLOYEE: cls.alice,
            Role.COUNSELOR: cls.counselor,
            Role.HR: cls.hr,
            Role.EAP_ADMIN: cls.eap_admin,
        }
        # One person for each other role, over the whole authority.
        for role in Role:
            if role in cls.people:
                continue
            superuser = {"is_superuser": True, "is_staff": True} if role == Role.SYSADMIN else {}
            user = make_user(f"matrix-{role}", **superuser)
            give_role(user, role, cls.authority)
            cls.people[role] = user

        notification = Notification.objects.create(recipient=cls.alice, subject="x", url="/")
        job = job_create(kind="test", owner=cls.eap_admin)
        plan = ProgramPlan.objects.create(
            slug="matrix", name="Matrix plan", authority=cls.authority
        )
        cls.placeholders = {
            "notification": notification.pk,
            "job": job.uuid,
            "missing": uuid.uuid4(),
            "plan": plan.slug,
            "roster_job": job_create(kind="roster_import", owner=cls.eap_admin).uuid,
        }
        for module in APP_MATRICES:
            if hasattr(module, "placeholders"):
                cls.placeholders.update(module.placeholders(cls))

    def request(self, person: str, method: str, path: str):
        self.client.logout()
        if self.people[person] is not None:
            self.login(self.people[person])
        return getattr(self.client, method.lower())(path)


def _without_row(matrix) -> list[str]:
    """The URL names (not the admin site's) that have no row in `matrix`."""
    known = {name for name, *_ in matrix}
    return [
        name
        for name in _walk(get_resolver())
        if not name.startswith(("admin:", "admin/")) and name not in known
    ]


class AuthorizationMatrixTestCase(MatrixTestCase):
    def test_every_url_pattern_has_a_row(self):
        for name in _without_row(MATRIX):
            self.fail(f"{name} has no row in the authorization matrix")

    def failures(self, matrix) -> list[str]:
        failures = []
        for name, method, path, answers in matrix:
            expected = answers.split()
            self.assertEqual(len(expected), len(COLUMNS), name)
            url = path.format(**self.placeholders)
            for person, want in zip(COLUMNS, expected, strict=True):
                got = _answer(self.request(person, method, url))
                if got != want:
                    failures.append(f"{method} {url} as {person}: expected {want}, got {got}")
        return failures

    def test_every_row_answers_as_stated(self):
        failures = self.failures(MATRIX)
        self.assertFalse(failures, "\n".join(failures))

    def test_a_missing_or_wrong_row_fails(self):
        """The two checks above find a URL left without its row and a row that is wrong."""
        self.assertEqual(_without_row([row for row in MATRIX if row[0] != "inbox"]), ["inbox"])
        wrong = expand([("inbox", "GET", "/inbox/", OWN_SERVICES)])
        self.assertEqual(
            self.failures(wrong),
            [f"GET /inbox/ as {role}: expected 403, got ok" for role in Role.values[1:]],
        )

    def test_the_admin_site_admits_only_the_sysadmin(self):
        failures = []
        admin = [
            (n, p) for n, p in _walk_patterns(get_resolver()) if n.startswith(("admin:", "admin/"))
        ]
        self.assertTrue(admin)
        from django_otp.plugins.otp_totp.models import TOTPDevice

        sample_id = str(TOTPDevice.objects.order_by("pk").first().pk)
        for name, pattern in admin:
            if name == "admin:login":
                continue  # replaced by admin_login, which has its row above
            url = _sample_url(name, pattern, sample_id)
            self.assertIsNotNone(url, f"no sample arguments for {name}")
            for person in COLUMNS:
                response = self.request(person, "GET", url)
                got = _answer(response)
                if person == Role.SYSADMIN:
                    # A sample id may not exist (404); an action the admin does not offer
                    # answers 403; logout is POST only.
                    ok = got in ("ok", "404", "403", "405")
                elif person == ANON:
                    # Sent to Anxin's sign-in (the admin's logout: to the index, and on).
                    ok = response.status_code in (302, 405) and got in ("login", "ok", "405")
                    ok = ok and not response.get("Location", "").startswith("/admin/auth")
                else:
                    # Signed in, not the sysadmin: refused plainly (decision 0017).
                    ok = got == "403"
                if not ok:
                    failures.append(f"{name} {url} as {person}: got {got}")
        self.assertFalse(failures, "\n".join(failures))

    def test_no_view_answers_trace(self):
        for _name, _method, path, _answers in MATRIX:
            url = path.format(**self.placeholders)
            for person in (ANON, Role.EMPLOYEE, Role.EAP_ADMIN):
                self.client.logout()
                if self.people[person] is not None:
                    self.login(self.people[person])
                response = self.client.generic("TRACE", url)
                self.assertIn(
                    response.status_code, (302, 403, 404, 405), f"TRACE {url} as {person}"
                )
                self.assertNotEqual(response.status_code // 100, 2)


class ProfilesTestCase(SimpleTestCase):
    """The rules the rows are built by (tests/matrix_profiles.py)."""

    def test_every_role_has_a_profile(self):
        self.assertEqual(set(PROFILES), set(Role), "a role without a profile in the matrix")
        self.assertEqual(COLUMNS, [ANON, *Role.values])

    def test_a_row_answers_from_the_profiles_and_its_exceptions(self):
        self.assertEqual(Reach("nobody's").answers(), "login " + " ".join(["403"] * len(Role)))
        row = SYSADMIN.but({Role.HR: "404"}, inside="405")
        answers = dict(zip(COLUMNS, row.answers().split(), strict=True))
        self.assertEqual(answers, {ANON: "login", **dict.fromkeys(Role.values, "403"),
                                   Role.HR: "404", Role.SYSADMIN: "405"})  # fmt: skip
        self.assertEqual(EVERYONE.but(inside="404").answer(ANON), "404")
        self.assertEqual(NOT_ALLOWED.answers(), " ".join(["405"] * len(COLUMNS)))
        with self.assertRaises(ValueError):
            SYSADMIN.but({Role.HR: "200"})
        with self.assertRaises(TypeError):
            SYSADMIN.but(insde="404")
