from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from anxin.people.roles import role_required
from anxin.plans.policies import PLAN_READERS, get_plan_for_user, plans_for


@require_GET
@role_required(*PLAN_READERS)
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = plans_for(request).order_by("-period_start", "slug")
    return render(request, "plans/list.html", {"plans": plans})


@require_GET
@role_required(*PLAN_READERS)
def plan_detail(request: HttpRequest, slug: str) -> HttpResponse:
    plan = get_plan_for_user(request, slug)
    return render(request, "plans/detail.html", {"plan": plan})
