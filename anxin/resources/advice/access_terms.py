"""What advice's rows in the access log mean, in words (anxin/core/access_terms.py):
an adviser read the topic of a booking to prepare the advice."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from anxin.core.access_terms import access_purposes
from anxin.resources.advice.policies import PURPOSE_ADVICE


class AccessPurpose(models.TextChoices):
    ADVICE = PURPOSE_ADVICE, _("The adviser of your booked advice time, preparing it")


access_purposes(AccessPurpose)
