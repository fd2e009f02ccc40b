"""The people of the account-custody tests, on top of tests/base.py: a sysadmin (a
superuser), an auditor and a second EAP administrator, and the counsellor's e-mail
address (a reset link needs one)."""

import re

from django.core import mail
from django_otp.oath import TOTP

from anxin.people.custody import services
from anxin.people.roles import Role
from tests.base import BaseTestCase, give_role, make_user

LINK = re.compile(r"/people/custody/link/([A-Za-z0-9_-]{20,})/")


def totp_code(hex_key: str) -> str:
    return f"{TOTP(bytes.fromhex(hex_key)).token():06d}"


class CustodyTestCase(BaseTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.counselor.email = "counselor@example.gov.tw"
        cls.counselor.save(update_fields=["email"])
        cls.sysadmin = make_user("root", is_superuser=True, is_staff=True)
        give_role(cls.sysadmin, Role.SYSADMIN, cls.authority)
        cls.auditor = make_user("auditor", email="auditor@example.gov.tw")
        give_role(cls.auditor, Role.AUDITOR, cls.authority)
        cls.second_admin = make_user("eapadmin2")
        give_role(cls.second_admin, Role.EAP_ADMIN, cls.authority)

    def ask_reset(self, target=None, *, actor=None, **extra):
        return services.reset_request(
            target=target or self.counselor,
            actor=actor or self.sysadmin,
            role=Role.SYSADMIN,
            reason="lost phone, reported by telephone",
            **extra,
        )

    def approve(self, item, *, approver=None, role=Role.AUDITOR, **extra) -> str:
        """Approve as `approver` (the auditor by default); the link's token from the mail."""
        mail.outbox.clear()
        with self.captureOnCommitCallbacks(execute=True):
            services.custody_approve(
                item=item,
                approver=approver or self.auditor,
                role=role,
                scope=self.authority,
                **extra,
            )
        links = [m for m in mail.outbox if LINK.search(m.body)]
        return LINK.search(links[0].body).group(1) if links else ""
