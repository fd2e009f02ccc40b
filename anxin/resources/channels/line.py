"""Delivery of a post's title and link to a LINE group through a LINE Official Account
(the Messaging API's push message; LINE Notify ended on 2025-03-31).

One HTTPS POST with the channel access token, written with the standard library rather
than `line-bot-sdk` (decision 0052: the SDK would pull in some twenty packages and pin
python-dateutil below the project's version, for this one call). The message is built
here and only here, from the channel's name, the post's title and a link: nothing about
a person is ever in it (tests/resources/test_channels_line.py reads what the stand-in
server received).

Settings: ANXIN_LINE_CHANNEL_TOKEN (empty: LINE delivery off), ANXIN_LINE_API_BASE (the
Messaging API's address; the tests point it at a local stand-in server).
"""

import json
import urllib.error
import urllib.request
from dataclasses import dataclass

from django.conf import settings

API_BASE = "https://api.line.me"
TIMEOUT_SECONDS = 10
MAX_TEXT = 5000  # the Messaging API's limit for a text message


class LineError(Exception):
    """The push was not accepted; `retry` says whether trying again may help."""

    def __init__(self, message: str, *, retry: bool) -> None:
        super().__init__(message)
        self.retry = retry


@dataclass(frozen=True)
class LineMessage:
    """What leaves for LINE: a channel's name, a post's title, a link. Nothing else."""

    channel_name: str
    title: str
    link: str

    def text(self) -> str:
        return f"【{self.channel_name}】{self.title}\n{self.link}"[:MAX_TEXT]


def token() -> str:
    return settings.ANXIN_LINE_CHANNEL_TOKEN


def enabled() -> bool:
    return bool(token())


def push(*, group_id: str, message: LineMessage, retry_key: str) -> None:
    """Push the message to the group; raises LineError if the API refused it."""
    base = settings.ANXIN_LINE_API_BASE or API_BASE
    if not base.startswith(("https://", "http://")):
        raise LineError("ANXIN_LINE_API_BASE is not an http(s) address", retry=False)
    body = {"to": group_id, "messages": [{"type": "text", "text": message.text()}]}
    request = urllib.request.Request(  # noqa: S310 (the scheme is checked above)
        f"{base.rstrip('/')}/v2/bot/message/push",
        data=json.dumps(body, ensure_ascii=False).encode("utf-8"),
        method="POST",
        headers={
            "Authorization": f"Bearer {token()}",
            "Content-Type": "application/json; charset=utf-8",
            "X-Line-Retry-Key": retry_key,
        },
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:  # noqa: S310
            response.read()
    except urllib.error.HTTPError as error:
        # 409: this retry key was accepted before, so the message went out once already.
        if error.code == 409:
            return
        raise LineError(
            f"LINE answered {error.code}", retry=error.code in (429,) or error.code >= 500
        ) from None
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        raise LineError(f"LINE not reached: {error}", retry=True) from None
