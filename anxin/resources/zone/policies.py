"""Who reaches the EAP zone of an authority, and who writes it.

- The zone's pages and materials: anyone signed in who works at the authority (an
  employee of it, or a role scoped inside it); anyone at all, signed in or not, when the
  plan in force says the zone is public (`ProgramPlan.zone_public`). A signed-in person
  of another authority gets 404 for a zone that is not public; an anonymous visitor is
  sent to sign in.
- Drafts and the editing pages: the authority's eap_admin only. A draft is never shown
  on the zone's pages (404).
"""

from dataclasses import dataclass

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest

from anxin.people.models import OrgUnit
from anxin.people.roles import Role, scope_of
from anxin.plans.models import ProgramPlan
from anxin.plans.services import plan_for_authority
from anxin.resources.zone.models import ZoneArticle

WRITERS = (Role.EAP_ADMIN,)


class SignInFirst(Exception):
    """The zone is not public and the visitor has not signed in."""


@dataclass(frozen=True)
class Zone:
    authority: OrgUnit
    plan: ProgramPlan | None

    @property
    def articles(self):
        """What readers see: published articles whose time has come (decision 0067)."""
        return ZoneArticle.objects.visible().filter(authority=self.authority)


def authority_of(request: HttpRequest) -> int | None:
    """The authority the signed-in person works at: the employee record's, else the
    active role's scope's root."""
    if getattr(request, "employee", None) is not None:
        return request.employee.authority_id
    scope = scope_of(request)
    return scope.root_id if scope is not None else None


def get_zone(request: HttpRequest, authority_id: int) -> Zone:
    """The zone of the authority for this visitor; raises SignInFirst or Http404."""
    authority = OrgUnit.objects.filter(pk=authority_id, parent__isnull=True).first()
    if authority is None:
        raise Http404
    plan = plan_for_authority(authority.pk)
    public = plan is not None and plan.zone_public
    if request.user.is_authenticated:
        if authority_of(request) != authority.pk and not public:
            raise Http404
    elif not public:
        raise SignInFirst
    return Zone(authority=authority, plan=plan)


def sign_in_first(request: HttpRequest):
    return redirect_to_login(request.get_full_path())


def written_articles(request: HttpRequest):
    """The articles of the eap_admin's authority, drafts included."""
    return ZoneArticle.objects.filter(authority_id=scope_of(request).root_id)


def get_article_for_writer(request: HttpRequest, article_pk: int) -> ZoneArticle:
    article = written_articles(request).filter(pk=article_pk).first()
    if article is None:
        raise Http404
    return article
