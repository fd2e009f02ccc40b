"""The canary: random markers written into every sealed field of a request and of session
records must show up nowhere another role can reach, nor in any log line."""

import logging
import uuid
from datetime import timedelta

from django.core import mail
from django.urls import get_resolver
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

import tests.test_authorization_matrix as matrix
from anxin.core.jobs import job_create
from anxin.core.models import Notification
from anxin.counseling import services
from anxin.counseling.models import Case, CounsellingRequest
from anxin.plans.models import ProgramPlan
from tests.base import give_role, make_user
from tests.counseling.base import SESSION_FIELDS, CounselingTestCase, application, session_post


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.DEBUG)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(self.format(record))
        if record.exc_text:
            self.lines.append(record.exc_text)


class CanaryTestCase(CounselingTestCase):
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
            "auditor": cls.auditor,
            "sysadmin": cls.sysadmin,
        }
        for role in ("provider_admin", "care_worker", "committee"):
            user = make_user(f"canary-{role}")
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

    def write_markers(self, request_marker: str, session_marker: str) -> Case:
        """Through the pages, as the employee, the coordinator and the counsellor would."""
        self.login(self.alice)
        self.client.post(
            "/counselling/apply/",
            application(
                details=f"details {request_marker}",
                preferred_times=f"times {request_marker}",
                contact_method="email",
                contact_value=f"{request_marker}@example.com",
            ),
        )
        item = CounsellingRequest.objects.order_by("-pk").first()
        self.login(self.intake)
        self.assertContains(self.client.get(item.get_absolute_url()), request_marker)
        self.client.post(item.get_absolute_url(), {"counselor": self.counselor.pk})
        case = Case.objects.get(request=item)
        self.login(self.counselor)
        texts = {field: f"{field} {session_marker}" for field in SESSION_FIELDS[:-1]}
        self.client.post(f"{case.get_absolute_url()}sessions/new/", session_post(**texts))
        # The risk level is a choice on the page; write the marker into it directly too.
        services.session_record(
            case=case, author=self.counselor, held_at=timezone.now() - timedelta(hours=2),
            minutes=30, mode="phone", clinical={**texts, "risk_level": session_marker},
        )  # fmt: skip
        self.assertEqual(case.sessions.count(), 2)
        response = self.client.get(case.get_absolute_url())
        self.assertContains(response, session_marker)
        self.assertContains(response, request_marker)
        return case

    def paths(self, case: Case) -> list[str]:
        paths = []
        for _name, method, path, _answers in matrix.MATRIX:
            if method == "GET":
                paths.append(path.format(**self.placeholders))
        base = case.get_absolute_url()
        paths += [
            base, f"{base}sessions/new/", f"{base}close/", case.request.get_absolute_url(),
            *(record.get_absolute_url() for record in case.sessions.all()),
        ]  # fmt: skip
        return paths

    def admin_paths(self) -> list[str]:
        sample_id = str(TOTPDevice.objects.order_by("pk").first().pk)
        paths = []
        for name, pattern in matrix._walk_patterns(get_resolver()):
            if name.startswith(("admin:", "admin/")) and name not in ("admin:logout",):
                url = matrix._sample_url(name, pattern, sample_id)
                if url:
                    paths.append(url)
        return paths

    def body(self, response) -> str:
        if getattr(response, "streaming", False):
            return b"".join(response.streaming_content).decode(errors="replace")
        return response.content.decode(errors="replace")

    def test_no_other_role_ever_sees_a_marker(self):
        request_marker = f"CANARY-{uuid.uuid4().hex}"
        session_marker = f"CANARY-{uuid.uuid4().hex}"
        capture = _Capture()
        root = logging.getLogger()
        previous = root.level
        root.addHandler(capture)
        root.setLevel(logging.DEBUG)
        try:
            case = self.write_markers(request_marker, session_marker)
            counselor2 = self.counselor2
            visitors = [
                (self.people[role], (request_marker, session_marker))
                for role in ("hr", "eap_admin", "supervisor", "care_worker", "committee",
                             "auditor", "sysadmin", "provider_admin")
            ] + [
                (counselor2, (request_marker, session_marker)),
                # The coordinator may read the request, never a session record.
                (self.intake, (session_marker,)),
            ]  # fmt: skip
            checked = 0
            for user, markers in visitors:
                self.login(user)
                paths = self.paths(case)
                if user == self.sysadmin:
                    paths += self.admin_paths()
                for path in paths:
                    response = self.client.get(path)
                    text = self.body(response)
                    checked += 1
                    for marker in markers:
                        self.assertNotIn(marker, text, f"{path} as {user}")
        finally:
            root.removeHandler(capture)
            root.setLevel(previous)
        self.assertGreater(checked, 200)
        self.assertTrue(capture.lines, "the capture saw no log line at all")
        for line in capture.lines:
            self.assertNotIn(request_marker, line)
            self.assertNotIn(session_marker, line)
        for note in Notification.objects.all():
            self.assertNotIn(request_marker, note.subject + note.body)
        for message in mail.outbox:
            self.assertNotIn(request_marker, message.subject + message.body)
