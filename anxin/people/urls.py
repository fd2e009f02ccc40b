from django.urls import path

from anxin.people import roster_views, views

app_name = "people"
urlpatterns = [
    path("me/", views.my_profile, name="my_profile"),
    path("me/access-log/", views.my_access_log, name="my_access_log"),
    path("organisation/", views.org_tree, name="org_tree"),
    path("roster/", roster_views.roster_import, name="roster_import"),
]
