"""An e-mail backend that writes each message as a file of its own (`.eml`, which any mail
program opens) in `ANXIN_MAIL_DIR`: the demo's and a local install's mail, kept where a
tester can read it instead of scrolling through the terminal (decision 0038).

The in-app inbox already holds every notification; this is the e-mail copy of those
that are mailed."""

import itertools
import os
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

_counter = itertools.count(1)


def mail_dir() -> Path:
    return Path(settings.ANXIN_MAIL_DIR)


class EmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages) -> int:
        folder = mail_dir()
        folder.mkdir(parents=True, exist_ok=True)
        stamp = timezone.now().strftime("%Y%m%d-%H%M%S")
        sent = 0
        for message in email_messages:
            # Process id and a counter: the web server's and the worker's processes write
            # into the same folder at the same second.
            name = f"{stamp}-{os.getpid()}-{next(_counter):05d}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
            sent += 1
        return sent
