"""How a counselling session is held. Its own module: the cases (counseling/models.py)
and the booking slots (counseling/booking/models.py) both need it, and the booking models
are imported at the bottom of counseling/models.py."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Mode(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    PHONE = "phone", _("Telephone")
    VIDEO = "video", _("Video call")
