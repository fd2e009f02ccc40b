"""The organisation tree, the people in it and the roles they hold."""

import uuid

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from anxin.core.fields import SealedField
from anxin.people.choices import Role


class OrgUnit(models.Model):
    """A node of the organisation tree: the authority, its agencies and schools, units.

    `path` is the materialised path of primary keys ("/1/7/42/") so that a subtree is one
    indexed prefix query.
    """

    class Kind(models.TextChoices):
        AUTHORITY = "authority", _("Authority")
        AGENCY = "agency", _("Agency")
        SCHOOL = "school", _("School")
        UNIT = "unit", _("Unit")

    name = models.CharField(_("name"), max_length=120)
    code = models.CharField(
        _("agency code"), max_length=20, blank=True, help_text=_("Official agency code (機關代碼).")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children"
    )
    path = models.CharField(max_length=255, editable=False, db_index=True, default="")
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("organisation unit")
        verbose_name_plural = _("organisation units")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["code"], condition=~Q(code=""), name="orgunit_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def subtree_q(self, prefix: str = "") -> Q:
        """A filter for objects whose unit (reached by `prefix`) lies in this subtree."""
        return Q(**{f"{prefix}path__startswith": self.path})

    def contains(self, other: "OrgUnit") -> bool:
        return other.path.startswith(self.path)

    @property
    def depth(self) -> int:
        return self.path.count("/") - 2

    @property
    def root_id(self) -> int:
        """The id of the authority at the top of this unit's tree, read from the path."""
        return int(self.path.strip("/").split("/")[0])

    def authority(self) -> "OrgUnit":
        return self if self.root_id == self.pk else OrgUnit.objects.get(pk=self.root_id)


class User(AbstractUser):
    """A person who signs in. Staff roles come from `RoleAssignment`; an employee record
    (if any) from `Employee.user`."""

    display_name = models.CharField(_("display name"), max_length=80, blank=True)
    # The language chosen with the language switch; notifications and e-mails use it.
    language = models.CharField(
        _("language"), max_length=10, blank=True, choices=settings.LANGUAGES
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.display_name or self.username


class Employee(models.Model):
    class StaffCategory(models.TextChoices):
        # The staff categories the seed plans name (000 §3, 001 §參, 002 §參, 003 §肆).
        CIVIL_SERVANT = "civil_servant", _("Civil servant / officer")
        CONTRACT = "contract", _("Contract or temporary-appointed staff")
        JANITOR = "janitor", _("Janitor (工友)")
        TECHNICIAN = "technician", _("Technician (技工)")
        DRIVER = "driver", _("Driver")
        SECURITY_POLICE = "security_police", _("Security police (駐衛警察)")
        TEMPORARY = "temporary", _("Temporary staff")
        TEACHER = "teacher", _("Teacher")
        RELIEF_WORKER = "relief_worker", _("Relief worker (代賑工)")
        SUBSTITUTE_SERVICE = "substitute_service", _("Substitute service (替代役)")

    class Gender(models.TextChoices):
        FEMALE = "F", _("Female")
        MALE = "M", _("Male")
        OTHER = "X", _("Other / not stated")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="employee",
    )
    authority = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="+", verbose_name=_("authority")
    )
    number = models.CharField(_("employee number"), max_length=30)
    name = models.CharField(_("name"), max_length=80)
    unit = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="employees", verbose_name=_("unit")
    )
    staff_category = models.CharField(
        _("staff category"), max_length=20, choices=StaffCategory.choices
    )
    gender = models.CharField(_("gender"), max_length=1, choices=Gender.choices)
    birth_date = models.DateField(_("birth date"))
    hire_date = models.DateField(_("hire date"))
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(
                fields=["authority", "number"], name="employee_number_unique_per_authority"
            ),
        ]
        indexes = [models.Index(fields=["unit", "is_active"], name="employee_unit_active")]

    def __str__(self) -> str:
        return f"{self.name} ({self.number})"


class SensitiveDeclaration(models.Model):
    """What an employee chose to declare about himself or herself (disability, carer, new
    parent, living away from home), sealed as one value so that neither the attributes nor
    their number show in the database. Matching reads it through the access log; nobody
    but the employee sees it."""

    class Attribute(models.TextChoices):
        DISABILITY = "disability", _("I have a disability")
        CARER = "carer", _("I care for a family member with long-term care needs")
        NEW_PARENT = "new_parent", _("I am the parent of a young child")
        AWAY_FROM_HOME = "away_from_home", _("I live away from my family for work")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    employee = models.OneToOneField(Employee, on_delete=models.CASCADE, related_name="declaration")
    # {"disability": {"consented_at": "2026-11-24T10:00:00+08:00"}, ...}
    payload = SealedField()
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("self-declared attributes")
        verbose_name_plural = _("self-declared attributes")

    def __str__(self) -> str:
        return f"declaration {self.uuid}"


class RoleAssignment(models.Model):
    Role = Role

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("account"),
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    scope = models.ForeignKey(
        OrgUnit, on_delete=models.PROTECT, related_name="role_assignments", verbose_name=_("scope")
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["role", "scope__path"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "scope"], name="role_assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {self.scope}"

    @property
    def is_staff_role(self) -> bool:
        """Every role but `employee` signs in with a second factor (invariant 9)."""
        return self.role != self.Role.EMPLOYEE


# The custody desk keeps its models in its own package. Django discovers an app's models
# by importing its `models` module, so they are imported here by name (at the bottom: they
# refer to the models above); code may import them from here too.
from anxin.people.custody.models import CustodyRequest, SecurityLog  # noqa: E402, F401
