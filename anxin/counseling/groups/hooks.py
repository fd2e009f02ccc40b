"""What group counselling adds to the events pages (anxin/events/hooks.py): events knows
no counselling, so counselling registers here, from `CounselingConfig.ready()`."""

from anxin.events import hooks
from anxin.events.models import Event


def register() -> None:
    # The calendar links a group's facilitator to the group's page, not the bare roster.
    hooks.facilitator_page_register(
        kind=Event.Kind.GROUP_COUNSELLING, url_name="counseling_groups:group_detail"
    )
