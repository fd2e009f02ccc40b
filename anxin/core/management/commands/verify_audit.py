import logging.handlers
import os
import socket
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from anxin.core.audit import Anchor, anchors_read, verify_anchor, verify_chain
from anxin.core.models import AccessLog, AccessLogHead
from anxin.core.services import audit_anchor_report, audit_fault_report


def _syslog(address: str, message: str, *, error: bool) -> None:
    """Send one line to syslog: `address` is a socket path or host:port (UDP)."""
    if address.startswith("/"):
        target: str | tuple[str, int] = address
    else:
        host, _, port = address.rpartition(":")
        target = (host or "localhost", int(port))
    handler = logging.handlers.SysLogHandler(
        address=target,
        facility=logging.handlers.SysLogHandler.LOG_AUTHPRIV,
        socktype=socket.SOCK_DGRAM,
    )
    handler.ident = "anxin: "
    try:
        level = logging.ERROR if error else logging.INFO
        handler.emit(logging.LogRecord("anxin.audit", level, __file__, 0, message, (), None))
    finally:
        handler.close()


class Command(BaseCommand):
    help = (
        "Check the access log's hash chain and signed head, and that it still extends the "
        "last anchor; then append a new anchor. Exit 1 naming each fault."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--anchor-file",
            default=settings.ANXIN_AUDIT_ANCHOR_FILE,
            help="file of anchors to check against and append to (ANXIN_AUDIT_ANCHOR_FILE)",
        )
        parser.add_argument(
            "--against",
            action="append",
            default=[],
            metavar="FILE",
            help="more anchors to check against, e.g. a copy shipped off the server",
        )
        parser.add_argument(
            "--syslog",
            default=settings.ANXIN_AUDIT_SYSLOG,
            metavar="ADDRESS",
            help="also send the anchor (or the faults) to syslog: /dev/log or host:port",
        )
        parser.add_argument(
            "--notify-auditors",
            action="store_true",
            help="send the anchor (or the faults) to the auditors' inbox and e-mail",
        )
        parser.add_argument(
            "--no-write", action="store_true", help="check only; write no new anchor"
        )

    def handle(self, *args, anchor_file, against, syslog, notify_auditors, no_write, **options):
        # The head first: rows appended during the walk come after it (verify_chain).
        head = AccessLogHead.objects.filter(pk=1).first()
        faults = list(verify_chain(head=head))
        lines: list[str] = []
        for path in [anchor_file, *against]:
            if path and Path(path).exists():
                lines += Path(path).read_text().splitlines()
            elif path and path != anchor_file:
                raise CommandError(f"no anchor file at {path}")
        anchors, unreadable = anchors_read(lines)
        faults += unreadable
        newest = max(anchors, key=lambda anchor: anchor.count, default=None)
        if newest is not None:
            faults += verify_anchor(newest)
        if faults:
            for fault in faults:
                self.stderr.write(str(fault))
            summary = f"access log: {len(faults)} fault(s) found"
            if syslog:
                _syslog(syslog, summary, error=True)
            if notify_auditors:
                audit_fault_report(faults=len(faults))
            raise CommandError(summary)
        anchor = Anchor.of_head(head)
        message = f"access log: {AccessLog.objects.count()} rows, chain intact"
        if newest is not None:
            message += f", extends the anchor of {newest.at} ({newest.count} rows)"
        if anchor_file and not no_write:
            with open(anchor_file, "a", encoding="utf-8") as out:
                out.write(anchor.line() + "\n")
                out.flush()
                os.fsync(out.fileno())
            message += f"; anchor written to {anchor_file}"
        if syslog:
            _syslog(syslog, anchor.line(), error=False)
        if notify_auditors:
            audit_anchor_report(anchor_line=anchor.line())
        self.stdout.write(message)
