from django.contrib import admin
from django.urls import include, path

from anxin.core import views as core_views
from anxin.front import views as front_views
from anxin.people import account

urlpatterns = [
    path("", front_views.home, name="home"),
    path("switch-role/", account.switch_role, name="switch_role"),
    path("inbox/", core_views.inbox, name="inbox"),
    path("inbox/<int:notification_id>/", core_views.inbox_open, name="inbox_open"),
    path("jobs/<uuid:job_uuid>/", core_views.job_status, name="job_status"),
    path("account/sign-in/", account.sign_in, name="login"),
    path("account/sign-out/", account.sign_out, name="logout"),
    path("account/two-factor/", account.otp_verify, name="otp_verify"),
    path("account/two-factor/setup/", account.otp_setup, name="otp_setup"),
    path("i18n/set-language/", account.switch_language, name="set_language"),
    path("people/", include("anxin.people.urls")),
    path("plans/", include("anxin.plans.urls")),
    path("counselling/", include("anxin.counseling.urls")),
    path("self-tests/", include("anxin.assessments.urls")),
    path("events/", include("anxin.events.urls")),
    # Group counselling is the counselling room's (decision 0028) at its old address.
    path("events/", include("anxin.counseling.groups.urls")),
    path("surveys/", include("anxin.surveys.urls")),
    path("care/", include("anxin.care.urls")),
    path("resources/", include("anxin.resources.urls")),
    path("governance/", include("anxin.governance.urls")),
    path("reports/", include("anxin.reports.urls")),
    # The admin signs in through Anxin's own sign-in, with its lockout and second factor.
    path("admin/login/", account.admin_login, name="admin_login"),
    path("admin/", admin.site.urls),
]

# Error pages in the site's frame (anxin/front/templates/400.html ... 500.html).
handler400 = "anxin.front.views.bad_request"
handler500 = "anxin.front.views.server_error"
