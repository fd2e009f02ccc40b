"""What other apps add to the events pages, so that events knows none of them (decision
0028). Filled by the apps in their `AppConfig.ready()`.

- A facilitator's page per event kind: an app that runs events of a kind of its own
  (counselling runs group counselling) names the page where their facilitator leads them;
  the calendar links a facilitated event there instead of to the roster.
"""

ROSTER = "events:roster"

_facilitator_pages: dict[str, str] = {}


def facilitator_page_register(*, kind: str, url_name: str) -> None:
    """Link the facilitators of events of `kind` to `url_name` (taking the event's uuid)."""
    known = _facilitator_pages.get(kind)
    if known is not None and known != url_name:
        raise ValueError(f"events of kind {kind!r} have a facilitator's page already")
    _facilitator_pages[kind] = url_name


def facilitator_page(kind: str) -> str:
    """The URL name of the page where the facilitator of an event of `kind` leads it."""
    return _facilitator_pages.get(kind, ROSTER)
