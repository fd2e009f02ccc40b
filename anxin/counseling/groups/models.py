"""Group counselling run by the counselling room as an event: the event (kind "group
counselling", roster private to its facilitator) and, when it answers one, the unit's
group request, whose requester sees that it was held and how many came, never who."""

from django.conf import settings
from django.db import models


class GroupSession(models.Model):
    event = models.OneToOneField(
        "events.Event", on_delete=models.CASCADE, related_name="group_session"
    )
    group_request = models.OneToOneField(
        "counseling.GroupRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_session",
    )
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        # The table keeps the name it had under the events app (decision 0028): the model
        # moved to counselling in the migrations' state only, no row was copied.
        db_table = "events_groupsession"

    def __str__(self) -> str:
        return f"group session {self.pk}"
