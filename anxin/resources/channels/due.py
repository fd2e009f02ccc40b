"""Channels: due declarations: the weekly digest by e-mail, and LINE delivery."""

from datetime import timedelta

from anxin.core.due import due_job
from anxin.resources.channels import services


@due_job("channels_digest", every=timedelta(days=7))
def channels_digest(*, now) -> str:
    return f"{services.digest_send(now=now)} digest(s) sent"


@due_job("channels_line_send", every=timedelta(minutes=5))
def channels_line_send(*, now) -> str:
    sent, failed = services.line_send_pending(now=now)
    return f"{sent} post(s) sent to LINE, {failed} failed"
