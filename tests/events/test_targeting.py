"""The audience rule: each kind of condition, and the sealed self-declared attributes
matched without showing."""

import re
import uuid
from datetime import date

from django.core import mail
from django.test import override_settings
from django.urls import reverse

from anxin.core.models import Notification
from anxin.events import services
from anxin.events.models import Invitation
from anxin.people.models import Employee, SensitiveDeclaration
from anxin.people.services import declaration_save
from tests.base import make_employee, make_user
from tests.events.base import IMMEDIATE_TASKS, EventsTestCase, make_event


class AudienceRuleTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.bob = make_user("bob")
        cls.bob_employee = make_employee(
            cls.bob,
            unit=cls.unit,
            number="E0003",
            name="林阿明",
            staff_category=Employee.StaffCategory.JANITOR,
            birth_date=date(1965, 3, 1),
            hire_date=date(2026, 6, 1),
        )

    def match(self, **rule) -> set[int]:
        event = make_event(
            self.eap_admin, self.authority, audience_age_on=date(2026, 12, 1), **rule
        )
        return services.audience_match_ids(event)

    def test_it_matches_the_organisation_scope(self):
        """Only employees in the audience unit's subtree match."""
        self.assertEqual(
            self.match(audience_unit=self.agency), {self.alice_employee.pk, self.bob_employee.pk}
        )
        self.assertEqual(self.match(audience_unit=self.other_agency), {self.outsider_employee.pk})

    def test_it_matches_staff_categories(self):
        """A list of staff categories keeps only those categories."""
        self.assertEqual(self.match(audience_categories=["janitor"]), {self.bob_employee.pk})

    def test_it_matches_an_age_band_on_the_rule_date(self):
        """Bob (born 1965-03-01) is 61 on 2026-12-01; Alice (1985) is 41."""
        self.assertEqual(self.match(audience_age_min=60), {self.bob_employee.pk})
        self.assertEqual(
            self.match(audience_age_min=40, audience_age_max=45),
            {self.alice_employee.pk, self.outsider_employee.pk},
        )
        self.assertEqual(self.match(audience_age_min=55, audience_age_max=59), set())

    def test_it_matches_months_since_hiring(self):
        """Bob was hired six months before the rule date: a new hire."""
        self.assertEqual(self.match(audience_months_hired_max=12), {self.bob_employee.pk})
        self.assertNotIn(self.bob_employee.pk, self.match(audience_months_hired_min=12))

    def test_it_matches_each_self_declared_attribute(self):
        """Each sealed attribute kind matches exactly those who declared it."""
        for attribute in SensitiveDeclaration.Attribute.values:
            with self.subTest(attribute=attribute):
                declaration_save(
                    employee=self.bob_employee,
                    attributes=[attribute],
                    expected_version=SensitiveDeclaration.objects.filter(employee=self.bob_employee)
                    .values_list("version", flat=True)
                    .first(),
                    actor=self.bob,
                )
                self.assertEqual(self.match(audience_declared=[attribute]), {self.bob_employee.pk})
                others = [a for a in SensitiveDeclaration.Attribute.values if a != attribute]
                self.assertEqual(self.match(audience_declared=others), set())


@override_settings(TASKS=IMMEDIATE_TASKS)
class QuietInvitationTests(EventsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        declaration_save(
            employee=cls.alice_employee,
            attributes=["carer"],
            expected_version=None,
            actor=cls.alice,
        )
        cls.alice.email = "alice@example.gov.tw"
        cls.alice.save(update_fields=["email"])

    def test_it_invites_without_saying_why_or_showing_who(self):
        """Alice, a declared carer, is invited by inbox and e-mail; neither the mail nor the
        organiser's pages name the attribute or her; the organiser sees a masked count."""
        event = make_event(
            self.eap_admin, self.authority, title="照顧有力量", audience_declared=["carer"]
        )
        with self.captureOnCommitCallbacks(execute=True):
            services.event_publish(event=event, actor=self.eap_admin)
        # No list of whom the rule matched is kept, only the count (decision 0025).
        self.assertFalse(Invitation.objects.exists())
        event.refresh_from_db()
        self.assertEqual(event.invited_total, 1)
        self.assertEqual(Notification.objects.filter(recipient=self.alice).count(), 1)
        self.assertEqual(len(mail.outbox), 1)
        message = mail.outbox[0]
        carer_label = SensitiveDeclaration.Attribute.CARER.label
        for text in (message.subject, message.body):
            for forbidden in ("照顧有力量", "carer", "照顧", str(carer_label)):
                self.assertNotIn(forbidden, text)
        self.login(self.eap_admin)
        for url in (
            reverse("events:manage_list"),
            reverse("events:manage_detail", args=[event.uuid]),
        ):
            page = self.client.get(url).content.decode()
            self.assertNotIn("王小美", page)
            self.assertNotIn("E0001", page)
        self.assertEqual(
            self.client.get(reverse("events:roster", args=[event.uuid])).status_code, 404
        )

    def test_it_shows_the_event_only_to_the_eligible(self):
        """Alice finds the carers' event in her list; the outsider neither finds it nor
        may register, and its page and registration answer him 404, word for word what an
        event that does not exist answers (a 403 would confirm that it exists)."""
        event = make_event(
            self.eap_admin, self.authority, publish=True, audience_declared=["carer"]
        )
        self.login(self.alice)
        self.assertContains(self.client.get(reverse("events:mine")), str(event.uuid))
        self.login(self.outsider)
        self.assertNotContains(self.client.get(reverse("events:mine")), str(event.uuid))
        missing = uuid.uuid4()
        for name, method in (("events:detail", "get"), ("events:register", "post")):
            with self.subTest(name):
                response = getattr(self.client, method)(reverse(name, args=[event.uuid]))
                nothing = getattr(self.client, method)(reverse(name, args=[missing]))
                self.assertEqual((response.status_code, nothing.status_code), (404, 404))
                # Word for word, but for the CSRF token and the address each page carries.
                token = re.compile(rb"[A-Za-z0-9]{64}")
                seen = response.content.replace(str(event.uuid).encode(), str(missing).encode())
                self.assertEqual(token.sub(b"", seen), token.sub(b"", nothing.content))


@override_settings(TASKS=IMMEDIATE_TASKS)
class EachAttributeStaysQuietTests(EventsTestCase):
    def test_no_attribute_kind_shows_in_mail_or_organiser_pages(self):
        """For each self-declared attribute: the declaring employee is invited; the mail
        names no attribute (in either language) and no title; the organiser's pages name
        neither her nor her number."""
        from django.utils import translation

        labels = []
        for language in ("en", "zh-hant"):
            with translation.override(language):
                labels += [str(label) for label in SensitiveDeclaration.Attribute.labels]
        self.alice.email = "alice@example.gov.tw"
        self.alice.save(update_fields=["email"])
        version = None
        for attribute in SensitiveDeclaration.Attribute.values:
            with self.subTest(attribute=attribute):
                declaration = declaration_save(
                    employee=self.alice_employee, attributes=[attribute],
                    expected_version=version, actor=self.alice,
                )  # fmt: skip
                version = declaration.version
                mail.outbox.clear()
                event = make_event(
                    self.hr, self.agency, title=f"T-{attribute}", audience_declared=[attribute]
                )
                with self.captureOnCommitCallbacks(execute=True):
                    invited = services.event_publish(event=event, actor=self.hr)
                self.assertEqual(invited, 1)
                self.assertEqual(len(mail.outbox), 1)
                text = mail.outbox[0].subject + mail.outbox[0].body
                for forbidden in [*labels, attribute, f"T-{attribute}"]:
                    self.assertNotIn(forbidden, text)
                self.login(self.hr)
                for url in (
                    reverse("events:manage_list"),
                    reverse("events:manage_detail", args=[event.uuid]),
                ):
                    page = self.client.get(url).content.decode()
                    self.assertNotIn("王小美", page)
                    self.assertNotIn("E0001", page)


@override_settings(TASKS=IMMEDIATE_TASKS)
class InvitationTextTests(EventsTestCase):
    def test_an_open_invitation_carries_title_and_roc_date_in_zh_hant(self):
        """An ordinary event's invitation names the event and its first day (ROC date)."""
        self.alice.email = "alice@example.gov.tw"
        self.alice.save(update_fields=["email"])
        event = make_event(self.hr, self.agency, title="新進人員職場講座")
        with self.captureOnCommitCallbacks(execute=True):
            services.event_publish(event=event, actor=self.hr)
        body = mail.outbox[0].body
        self.assertIn("新進人員職場講座", body)
        self.assertIn("民國", body)
        self.assertIn(str(event.uuid), body)
