from django.urls import include, path

from anxin.people import views
from anxin.people.organisation import views as organisation_views
from anxin.people.roster import views as roster_views

app_name = "people"
urlpatterns = [
    path("me/", views.my_profile, name="my_profile"),
    path("me/access-log/", views.my_access_log, name="my_access_log"),
    path("organisation/", views.org_tree, name="org_tree"),
    path(
        "organisation/import/",
        organisation_views.organisation_import,
        name="organisation_import",
    ),
    path(
        "organisation/import/template.<str:fmt>",
        organisation_views.organisation_template,
        name="organisation_template",
    ),
    path(
        "organisation/import/<uuid:job_uuid>/",
        organisation_views.organisation_report,
        name="organisation_report",
    ),
    path("first-run/", organisation_views.first_run, name="first_run"),
    path("roster/", roster_views.roster_import, name="roster_import"),
    path("roster/template.<str:fmt>", roster_views.roster_template, name="roster_template"),
    path("roster/<uuid:job_uuid>/", roster_views.roster_report, name="roster_report"),
    # Account custody (decision 0017), under the same namespace.
    path("", include("anxin.people.custody.urls")),
]
