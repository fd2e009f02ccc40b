from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from anxin.core.policies import role_required
from anxin.plans.models import ProgramPlan

PLAN_READERS = ("eap_admin", "hr", "committee")


@require_GET
@role_required(*PLAN_READERS)
def plan_list(request: HttpRequest) -> HttpResponse:
    return render(request, "plans/list.html", {"plans": ProgramPlan.objects.all()})


@require_GET
@role_required(*PLAN_READERS)
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_object_or_404(ProgramPlan, slug=slug)
    return render(request, "plans/detail.html", {"plan": plan})
