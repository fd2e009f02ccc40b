"""What the people app's rows in the access log mean, in words
(anxin/core/access_terms.py)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from anxin.core.access_terms import access_purposes
from anxin.people.services import PURPOSE_TARGETING


class AccessPurpose(models.TextChoices):
    TARGETING = PURPOSE_TARGETING, _("Matching you to an event or survey you may be invited to")


access_purposes(AccessPurpose)
