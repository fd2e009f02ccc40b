"""The consent canary: markers in a consent's wording and scan, a legal process's details
and a disclosure's details show up on no page another role can reach."""

import uuid
from datetime import timedelta

from django.utils import timezone

import tests.test_authorization_matrix as matrix
from anxin.core.jobs import job_create
from anxin.core.models import Notification
from anxin.counseling.consent import services
from anxin.plans.models import ProgramPlan
from tests.base import give_role, make_user
from tests.counseling.consent_base import PDF, ConsentTestCase


class ConsentCanaryTestCase(ConsentTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.people = {
            "anon": None,
            "employee": cls.alice,
            "counselor": cls.counselor,
            "intake": cls.intake,
            "hr": cls.hr,
            "eap_admin": cls.eap_admin,
            "supervisor": cls.supervisor,
            "care_worker": cls.care_worker,
            "auditor": cls.auditor,
            "sysadmin": cls.sysadmin,
        }
        for role in ("provider_admin", "committee"):
            user = make_user(f"consent-canary-{role}")
            give_role(user, role, cls.authority)
            cls.people[role] = user
        cls.placeholders = {
            "notification": Notification.objects.create(recipient=cls.alice, subject="x").pk,
            "job": job_create(kind="test", owner=cls.eap_admin).uuid,
            "missing": uuid.uuid4(),
            "plan": ProgramPlan.objects.get(slug="taipei-114").slug,
            "roster_job": job_create(kind="roster_import", owner=cls.eap_admin).uuid,
        }
        for module in matrix.APP_MATRICES:
            if hasattr(module, "placeholders"):
                cls.placeholders.update(module.placeholders(cls))

    def test_no_other_role_sees_a_consent_disclosure_or_legal_marker(self):
        marker = f"CANARY-{uuid.uuid4().hex}"
        until = timezone.localdate() + timedelta(days=30)
        consent = services.consent_propose(
            case=self.case, scope="attendance", purpose="other", recipient="人事室",
            valid_until=until, scope_text=marker, purpose_text=marker, actor=self.counselor,
        )  # fmt: skip
        services.consent_sign(consent=consent)
        scan = self.make_scan_consent(data=PDF + marker.encode())
        legal = services.legal_process_record(
            case=self.case, kind="court_order", reference="北院", issued_on=timezone.localdate(),
            recipient="法院", scope="records", details=marker, actor=self.counselor,
        )  # fmt: skip
        services.legal_process_decide(
            item=legal, confirm=True, note="", actor=self.intake, role="intake",
            expected_version=legal.version,
        )  # fmt: skip
        services.disclosure_record(
            case=self.case, consent=consent, scope="attendance", recipient="人事室",
            details="", actor=self.counselor, role="counselor",
        )  # fmt: skip
        services.disclosure_record(
            case=self.case, legal_process=legal, scope="records", recipient="法院",
            details=marker, sessions=[self.make_session(self.case)], actor=self.counselor,
            role="counselor",
        )  # fmt: skip
        base = self.case.get_absolute_url()
        paths = [
            path.format(**self.placeholders)
            for _name, method, path, _answers in matrix.MATRIX
            if method == "GET"
        ] + [
            base,
            f"{base}consents/{consent.uuid}/",
            f"{base}consents/{scan.uuid}/scan/",
            f"/counselling/my-consents/{consent.uuid}/",
            f"/counselling/my-consents/{scan.uuid}/scan/",
        ]
        checked = 0
        for role, user in self.people.items():
            if role in ("anon", "employee", "counselor"):
                continue
            self.login(user)
            for path in paths:
                response = self.client.get(path)
                body = (
                    b"".join(response.streaming_content)
                    if response.streaming
                    else (response.content)
                )
                self.assertNotIn(marker.encode(), body, f"{path} as {role}")
                checked += 1
        self.login(self.counselor2)
        for path in paths[-5:]:
            self.assertNotIn(marker.encode(), self.client.get(path).content, path)
        self.assertGreater(checked, 500)
        # Those who may, do see it.
        self.login(self.counselor)
        self.assertContains(self.client.get(f"{base}consents/{consent.uuid}/"), marker)
        self.login(self.alice)
        self.assertContains(self.client.get(f"/counselling/my-consents/{consent.uuid}/"), marker)
        for note in Notification.objects.all():
            self.assertNotIn(marker, note.subject + note.body)
