"""The demo generator and `anxin demo`."""

import base64
import tempfile
from datetime import date
from io import StringIO
from pathlib import Path
from unittest import mock

from django.core.management import CommandError, call_command
from django.test import TestCase, override_settings
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.people import demo
from anxin.people import roles as role_mod
from anxin.people.models import Employee, OrgUnit, RoleAssignment, User
from anxin.people.roster import roster_import, template_csv, template_ods, template_xlsx


class DemoTestCase(TestCase):
    def setUp(self):
        var = tempfile.mkdtemp()
        override = override_settings(ANXIN_DEMO=True, VAR_DIR=Path(var))
        override.enable()
        self.addCleanup(override.disable)


class GeneratorTestCase(DemoTestCase):
    def test_it_creates_the_authority_with_twenty_agencies_and_schools(self):
        summary = demo.demo_generate(employees=200)
        authority = OrgUnit.objects.get(code=demo.AUTHORITY_CODE)
        self.assertEqual(authority.name, "範例市政府")
        agencies = OrgUnit.objects.filter(authority.subtree_q(), kind__in=["agency", "school"])
        self.assertEqual(agencies.count(), 20)
        self.assertEqual(summary.agencies, 20)
        self.assertTrue(agencies.filter(kind="school", name="範例市立中山國民小學").exists())
        for code in agencies.values_list("code", flat=True):
            self.assertRegex(code, r"^3799\d{5}[A-Z]$")
        self.assertTrue(OrgUnit.objects.filter(kind="unit", name="輔導室").exists())

    def test_it_creates_the_employees_with_a_realistic_spread(self):
        demo.demo_generate(employees=200)
        employees = Employee.objects.all()
        self.assertEqual(employees.count(), 200)
        self.assertEqual(
            set(employees.values_list("staff_category", flat=True)),
            set(Employee.StaffCategory.values),
        )
        genders = set(employees.values_list("gender", flat=True))
        self.assertLessEqual({"F", "M"}, genders)
        today = date.today()
        ages = [(today - e.birth_date).days // 365 for e in employees]
        self.assertGreaterEqual(min(ages), 20)
        self.assertLessEqual(max(ages), 65)
        self.assertGreater(max(ages) - min(ages), 30)
        self.assertFalse(employees.filter(hire_date__gt=today).exists())
        for employee in employees.select_related("unit"):
            self.assertGreaterEqual(len(employee.name), 2)
            self.assertEqual(employee.unit.kind, "unit")
            self.assertGreater(employee.hire_date, employee.birth_date)
        teachers = employees.filter(staff_category="teacher").select_related("unit__parent")
        self.assertTrue(all(t.unit.parent.kind == "school" for t in teachers))

    def test_it_is_deterministic(self):
        first = demo.demo_people(50)
        self.assertEqual(first, demo.demo_people(50))
        self.assertNotEqual(first, demo.demo_people(50, seed=1))

    def test_a_second_run_duplicates_nothing(self):
        demo.demo_generate(employees=200)
        counts = (OrgUnit.objects.count(), Employee.objects.count())
        summary = demo.demo_generate(employees=200)
        self.assertEqual(summary.employees_created, 0)
        self.assertEqual((OrgUnit.objects.count(), Employee.objects.count()), counts)

    def test_it_generates_the_default_two_thousand_quickly(self):
        summary = demo.demo_generate()
        self.assertEqual(summary.employees_total, 2000)
        self.assertEqual(Employee.objects.values("number").distinct().count(), 2000)

    @override_settings(ANXIN_DEMO=False)
    def test_it_refuses_outside_demo_mode(self):
        with self.assertRaises(demo.DemoModeOff):
            demo.demo_generate(employees=10)
        with self.assertRaises(demo.DemoModeOff):
            demo.demo_accounts()
        self.assertFalse(OrgUnit.objects.exists())


class AccountsTestCase(DemoTestCase):
    def setUp(self):
        super().setUp()
        demo.demo_generate(employees=200)

    def test_every_role_has_an_account(self):
        accounts = demo.demo_accounts()
        self.assertEqual({a.role for a in accounts}, set(RoleAssignment.Role.values))
        for account in accounts:
            user = User.objects.get(username=account.username)
            self.assertTrue(user.check_password(account.password))
            roles, _employee = role_mod.roles_for(user)
            self.assertIn(account.role, {r.role for r in roles}, account.username)
            if account.role == "employee":
                self.assertFalse(TOTPDevice.objects.filter(user=user).exists())
            else:
                device = TOTPDevice.objects.get(user=user, confirmed=True)
                self.assertEqual(account.totp_secret, base64.b32encode(device.bin_key).decode())
                self.assertTrue(account.otpauth_url.startswith("otpauth://totp/"))
        employee = User.objects.get(username="demo-employee").employee
        self.assertTrue(employee.is_active)
        sysadmin = User.objects.get(username="demo-sysadmin")
        self.assertTrue(sysadmin.is_superuser and sysadmin.is_staff)
        hr = RoleAssignment.objects.get(user__username="demo-hr", role="hr")
        self.assertEqual(hr.scope.kind, "agency")
        admin = RoleAssignment.objects.get(user__username="demo-eap-admin", role="eap_admin")
        self.assertEqual(admin.scope.code, demo.AUTHORITY_CODE)

    def test_a_second_run_gives_the_same_sign_ins(self):
        first = demo.demo_accounts()
        self.assertEqual(demo.credentials_path().stat().st_mode & 0o777, 0o600)
        users = User.objects.count()
        second = demo.demo_accounts()
        self.assertEqual(first, second)
        self.assertEqual(User.objects.count(), users)
        self.assertEqual(RoleAssignment.objects.filter(user__username="demo-hr").count(), 1)
        self.assertEqual(TOTPDevice.objects.filter(user__username="demo-hr").count(), 1)

    def test_a_second_run_restores_a_deactivated_demo_account(self):
        """A roster import may deactivate a demo employee; the next run brings the sign-in
        back with the same password."""
        (account,) = [a for a in demo.demo_accounts() if a.role == "hr"]
        user = User.objects.get(username=account.username)
        Employee.objects.filter(user=user).update(is_active=False)
        User.objects.filter(pk=user.pk).update(is_active=False, password="!")
        demo.demo_accounts()
        user.refresh_from_db()
        self.assertTrue(user.is_active and user.employee.is_active)
        self.assertTrue(user.check_password(account.password))

    def test_it_prints_the_current_code(self):
        demo.demo_accounts()
        device = TOTPDevice.objects.get(user__username="demo-counselor")
        out = StringIO()
        call_command("demo", "--code", "demo-counselor", stdout=out)
        totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
        self.assertEqual(out.getvalue().strip(), f"{totp.token():06d}")
        with self.assertRaises(CommandError):
            call_command("demo", "--code", "demo-employee", stdout=StringIO())


class DemoCommandTestCase(DemoTestCase):
    def run_demo(self, *args) -> str:
        out = StringIO()
        command = "anxin.front.management.commands.demo.Command"
        with mock.patch(f"{command}.prepare") as prepare, \
                mock.patch(f"{command}.load_plans") as load_plans, \
                mock.patch("anxin.front.cli.serve") as serve:  # fmt: skip
            call_command("demo", "--employees", "100", *args, stdout=out)
        prepare.assert_called_once()
        load_plans.assert_called_once()
        self.served = serve.called
        if serve.called:
            # The sign-ins are printed once the server listens.
            serve.call_args.kwargs["when_ready"]()
        return out.getvalue()

    def test_it_prepares_prints_the_sign_ins_and_serves(self):
        output = self.run_demo()
        self.assertTrue(self.served)
        for role in RoleAssignment.Role.values:
            self.assertIn(demo.username_for(role), output)
        password = demo.demo_accounts()[0].password
        self.assertIn(password, output)
        # The demo has the built-in self-tests to try (plan loading is stubbed here).
        from anxin.assessments.models import Instrument

        keys = set(Instrument.objects.values_list("key", flat=True))
        self.assertLessEqual({"bsrs5", "cbi", "who5"}, keys)

    def test_a_second_run_prints_the_same_sign_ins(self):
        first = self.run_demo("--no-serve")
        self.assertFalse(self.served)
        counts = (User.objects.count(), Employee.objects.count(), OrgUnit.objects.count())
        second = self.run_demo("--no-serve")
        self.assertIn("(0 new)", second)

        def sign_ins(output):
            # The table's rows: role, username, password, secret.
            rows = [line.split() for line in output.splitlines()]
            return [row for row in rows if len(row) == 4 and row[1].startswith("demo-")]

        self.assertEqual(len(sign_ins(first)), len(RoleAssignment.Role.values))
        self.assertEqual(sign_ins(first), sign_ins(second))
        self.assertEqual(
            (User.objects.count(), Employee.objects.count(), OrgUnit.objects.count()), counts
        )

    @override_settings(ANXIN_DEMO=False)
    def test_it_refuses_outside_demo_mode(self):
        with self.assertRaises(CommandError):
            call_command("demo", "--no-serve", stdout=StringIO())
        with self.assertRaises(CommandError):
            call_command("demo", "--code", "demo-counselor", stdout=StringIO())
        self.assertFalse(User.objects.exists())


class DemoRosterTestCase(DemoTestCase):
    def test_the_roster_template_imports_into_the_demo_authority(self):
        """The template's example rows use the demo's agency codes, away from the agencies
        of the demo accounts, so that a tester can try the import on the demo."""
        demo.demo_generate(employees=300)
        accounts = demo.demo_accounts()
        authority = OrgUnit.objects.get(code=demo.AUTHORITY_CODE)
        for writer, name in ((template_csv, "t.csv"), (template_xlsx, "t.xlsx"),
                             (template_ods, "t.ods")):  # fmt: skip
            outcome = roster_import(data=writer(), filename=name, scope=authority)
            self.assertTrue(outcome.applied, [e.message for e in outcome.errors])
        self.assertEqual(Employee.objects.filter(number__startswith="A000").count(), 6)
        for account in accounts:
            self.assertTrue(User.objects.get(username=account.username).is_active)


class DemoPlanTestCase(DemoTestCase):
    def load_plans(self) -> str:
        from anxin.front.management.commands.demo import Command

        out, err = StringIO(), StringIO()
        Command(stdout=out, stderr=err).load_plans()
        self.assertEqual(err.getvalue(), "")
        return out.getvalue()

    def test_it_loads_the_presets_and_a_plan_for_the_demo_authority(self):
        from anxin.plans.models import ProgramPlan

        demo.demo_generate(employees=20)
        self.load_plans()
        plan = ProgramPlan.objects.get(slug=demo.DEMO_PLAN_SLUG)
        self.assertEqual(plan.authority.code, demo.AUTHORITY_CODE)
        self.assertEqual(OrgUnit.objects.filter(code=demo.AUTHORITY_CODE).count(), 1)
        self.assertTrue(plan.is_in_force())
        self.assertGreater(ProgramPlan.objects.exclude(slug=demo.DEMO_PLAN_SLUG).count(), 0)
        plans = ProgramPlan.objects.count()
        self.load_plans()
        self.assertEqual(ProgramPlan.objects.count(), plans)
