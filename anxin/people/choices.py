"""Choices that people's models, the custody desk's models and the role checks share; a
leaf module, so that none of them imports another to name a role."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    """The roles of DESIGN.md; every check, menu and test names them through this."""

    EMPLOYEE = "employee", _("Employee")
    COUNSELOR = "counselor", _("Counsellor")
    INTAKE = "intake", _("Intake coordinator")
    PROVIDER_ADMIN = "provider_admin", _("Provider administrator")
    HR = "hr", _("EAP officer (HR)")
    EAP_ADMIN = "eap_admin", _("EAP administrator")
    SUPERVISOR = "supervisor", _("Supervisor")
    CARE_WORKER = "care_worker", _("Care worker")
    COMMITTEE = "committee", _("Committee member")
    AUDITOR = "auditor", _("Auditor")
    SYSADMIN = "sysadmin", _("System administrator")
    REVIEWER = "reviewer", _("External reviewer")
