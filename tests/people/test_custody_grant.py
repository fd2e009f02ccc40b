"""Granting a role that reads sealed content or the logs: asked for by one person,
approved by a second person of another role (decision 0017)."""

from anxin.core.models import Notification
from anxin.core.refusals import Refused
from anxin.people.custody import services
from anxin.people.custody.models import CustodyRequest, SecurityLog
from anxin.people.models import RoleAssignment
from tests.base import give_role, make_user
from tests.people.custody_base import CustodyTestCase


class GrantTestCase(CustodyTestCase):
    def ask(self, **extra) -> CustodyRequest:
        fields = {
            "target": self.alice,
            "role_to_grant": "counselor",
            "scope": self.agency,
            "actor": self.eap_admin,
            "role": "eap_admin",
            "actor_scope": self.authority,
            "reason": "new counsellor of 社會局",
        }
        return services.grant_request(**{**fields, **extra})

    def test_an_eap_administrator_asks_on_the_page_and_an_auditor_approves(self):
        """The grant takes effect only at the approval; the holder and the auditor are told."""
        self.login(self.eap_admin)
        response = self.client.get("/people/custody/grant/")
        for role in ("counselor", "intake", "provider_admin", "auditor"):
            self.assertContains(response, f'value="{role}"')
        self.assertNotContains(response, 'value="hr"')
        response = self.client.post(
            "/people/custody/grant/",
            {"account": "alice", "role": "counselor", "scope": self.agency.pk, "reason": "new"},
        )
        self.assertRedirects(response, "/people/custody/", fetch_redirect_response=False)
        self.assertFalse(RoleAssignment.objects.filter(user=self.alice, role="counselor").exists())
        item = CustodyRequest.objects.get(target=self.alice)

        self.login(self.auditor)
        self.assertContains(self.client.get("/people/custody/"), "alice")
        response = self.client.post(f"/people/custody/{item.uuid}/approve/")
        self.assertRedirects(response, "/people/custody/", fetch_redirect_response=False)
        self.assertTrue(
            RoleAssignment.objects.filter(
                user=self.alice, role="counselor", scope=self.agency
            ).exists()
        )
        item.refresh_from_db()
        self.assertEqual((item.status, item.decided_by), ("done", self.auditor))
        actions = SecurityLog.objects.filter(request=item).order_by("id")
        self.assertEqual(
            list(actions.values_list("action", flat=True)),
            ["grant_requested", "approved", "role_granted"],
        )
        told = Notification.objects.filter(subject__contains="已核准")
        self.assertEqual(
            set(told.values_list("recipient__username", flat=True)),
            {"alice", "eapadmin", "auditor"},
        )

    def test_the_sysadmin_asks_and_an_eap_administrator_approves(self):
        item = self.ask(
            actor=self.sysadmin, role="sysadmin", actor_scope=None, role_to_grant="auditor"
        )
        services.custody_approve(
            item=item, approver=self.eap_admin, role="eap_admin", scope=self.authority
        )
        self.assertTrue(RoleAssignment.objects.filter(user=self.alice, role="auditor").exists())

    def test_an_eap_administrator_asks_only_within_his_or_her_scope(self):
        local = make_user("local-admin")
        give_role(local, "eap_admin", self.agency)
        with self.assertRaisesMessage(Refused, "不在您的權責範圍"):
            self.ask(actor=local, scope=self.other_agency, actor_scope=self.agency)
        self.login(local)
        response = self.client.get("/people/custody/grant/")
        self.assertNotContains(response, self.other_agency.name)

    def test_an_approver_outside_the_scope_neither_sees_nor_approves(self):
        item = self.ask(scope=self.other_agency)
        local_auditor = make_user("local-auditor")
        give_role(local_auditor, "auditor", self.agency)
        self.login(local_auditor)
        self.assertNotContains(self.client.get("/people/custody/"), "alice")
        self.assertEqual(self.client.post(f"/people/custody/{item.uuid}/approve/").status_code, 404)
        self.assertEqual(CustodyRequest.objects.get(pk=item.pk).status, "pending")

    def test_a_role_that_reads_nothing_sealed_is_not_asked_for_here(self):
        with self.assertRaisesMessage(Refused, "不需第二人核准"):
            self.ask(role_to_grant="hr")

    def test_a_role_already_held_or_already_asked_for_is_refused(self):
        self.ask()
        with self.assertRaisesMessage(Refused, "已在等待核准"):
            self.ask(actor=self.sysadmin, role="sysadmin", actor_scope=None)
        with self.assertRaisesMessage(Refused, "已有這個角色"):
            self.ask(target=self.counselor, scope=self.authority)

    def test_an_outsider_cannot_ask_or_approve(self):
        item = self.ask()
        for person in (self.alice, self.hr, self.counselor):
            self.login(person)
            self.assertEqual(self.client.get("/people/custody/grant/").status_code, 403)
            self.assertEqual(
                self.client.post(f"/people/custody/{item.uuid}/approve/").status_code, 403
            )
        self.login(self.auditor)
        self.assertEqual(self.client.get(f"/people/custody/{item.uuid}/approve/").status_code, 405)
        self.assertEqual(CustodyRequest.objects.get(pk=item.pk).status, "pending")
