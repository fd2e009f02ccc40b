from django.contrib import messages
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from anxin.core.locking import StaleEdit
from anxin.core.refusals import show_refusal
from anxin.people import services
from anxin.people.access_log import access_log_page
from anxin.people.forms import DeclarationForm
from anxin.people.models import Employee, OrgUnit, SensitiveDeclaration
from anxin.people.roles import Role, role_required, scope_of


@require_http_methods(["GET", "POST"])
@role_required(Role.EMPLOYEE)
def my_profile(request: HttpRequest) -> HttpResponse:
    employee = request.employee
    declaration = SensitiveDeclaration.objects.filter(employee=employee).first()
    version = declaration.version if declaration else 0
    if request.method == "POST":
        form = DeclarationForm(request.POST)
        if form.is_valid():
            try:
                services.declaration_save(
                    employee=employee,
                    attributes=form.cleaned_data["attributes"],
                    expected_version=form.cleaned_data["version"],
                    actor=request.user,
                )
            except StaleEdit as stale:
                show_refusal(request, stale, form=form)
            else:
                messages.success(request, _("Saved. Only you can see what you declared."))
                return redirect("people:my_profile")
    else:
        current = services.declaration_read(employee=employee, actor=request.user)
        form = DeclarationForm(
            initial={"attributes": list(current), "consent": bool(current), "version": version}
        )
    return render(request, "people/my_profile.html", {"employee": employee, "form": form})


@require_GET
@role_required(Role.EMPLOYEE)
def my_access_log(request: HttpRequest) -> HttpResponse:
    """Invariant 2: the employee sees every access-log row about his or her own file, in
    words, a page at a time; disclosures and emergency reads always on top."""
    log = access_log_page(request, request.employee.uuid)
    return render(request, "people/my_access_log.html", {"log": log})


@require_GET
@role_required(Role.HR, Role.EAP_ADMIN)
def org_tree(request: HttpRequest) -> HttpResponse:
    scope: OrgUnit = scope_of(request)
    units = list(
        OrgUnit.objects.filter(scope.subtree_q())
        .annotate(
            active_staff=Count("employees", filter=Q(employees__is_active=True)),
        )
        .order_by("path")
    )
    total = Employee.objects.filter(scope.subtree_q("unit__"), is_active=True).count()
    return render(request, "people/org_tree.html", {"scope": scope, "units": units, "total": total})
