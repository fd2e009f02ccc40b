"""One notification sent through Django's SMTP backend to a real SMTP server (aiosmtpd)
listening on this machine, and read back as a mail client would."""

import email
import socket
from email import policy

from aiosmtpd.controller import Controller
from django.test import override_settings
from django.utils import translation

from anxin.core.notifications import notify
from tests.base import BaseTestCase


class Collector:
    """An aiosmtpd handler that keeps what it receives."""

    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class SmtpTestCase(BaseTestCase):
    def test_it_delivers_a_notification_through_a_real_smtp_server(self):
        """The server receives one message for Alice, with a Traditional Chinese subject
        and a body that is the template's text with the given context and nothing more."""
        self.alice.email = "alice@example.gov.tw"
        self.alice.save()
        collector = Collector()
        port = free_port()
        controller = Controller(collector, hostname="127.0.0.1", port=port)
        controller.start()
        self.addCleanup(controller.stop)

        with (
            override_settings(
                EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
                EMAIL_HOST="127.0.0.1",
                EMAIL_PORT=port,
                EMAIL_USE_TLS=False,
                EMAIL_HOST_USER="",
                EMAIL_HOST_PASSWORD="",
                EMAIL_TIMEOUT=10,
                ANXIN_BASE_URL="https://eap.example.gov.tw/",
            ),
            self.captureOnCommitCallbacks(execute=True),
        ):
            notify(
                recipients=[self.alice],
                template="generic",
                context={"subject": "紓壓講座報名確認", "body": "您已完成報名，請準時出席。"},
                url="/events/7/",
            )

        self.assertEqual(len(collector.envelopes), 1)
        envelope = collector.envelopes[0]
        self.assertEqual(envelope.rcpt_tos, ["alice@example.gov.tw"])
        self.assertEqual(envelope.mail_from, "anxin@localhost")
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        self.assertEqual(message["To"], "alice@example.gov.tw")
        self.assertFalse(message.is_multipart())

        with translation.override("zh-hant"):
            site = translation.gettext("Anxin Employee Assistance")
            subject = translation.gettext("[%(site)s] %(subject)s") % {
                "site": site,
                "subject": "紓壓講座報名確認",
            }
            body = "\n".join(
                [
                    "您已完成報名，請準時出席。",
                    "",
                    translation.gettext("Open it in Anxin:")
                    + " https://eap.example.gov.tw/events/7/",
                    "",
                    "-- ",
                    site,
                    translation.gettext(
                        "This message never contains details of counselling: sign in to "
                        "Anxin to read more."
                    ),
                    translation.gettext(
                        "This message was sent automatically; replies are not read."
                    ),
                    "",
                ]
            )
        # The header travels MIME-encoded; decoded it is the Chinese subject.
        self.assertNotIn("紓壓", envelope.original_content.split(b"\r\n\r\n")[0].decode("ascii"))
        # Django folds a long encoded subject right after "Subject:", which leaves the
        # unfolded value with a leading space; mail clients trim it.
        self.assertEqual(str(message["Subject"]).strip(), subject)
        self.assertIn("安心員工協助方案", str(message["Subject"]))
        self.assertEqual(message.get_content_type(), "text/plain")
        self.assertEqual(message.get_content_charset(), "utf-8")
        self.assertEqual(message.get_content().replace("\r\n", "\n"), body)
        self.assertNotIn("王小美", message.get_content())
        self.assertNotIn("E0001", message.get_content())
