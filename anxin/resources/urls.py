from django.urls import include, path

app_name = "resources"
# The parts of the app, under the same namespace; each part's URL names start with
# its own name (`resources:zone_...`).
urlpatterns = [
    path("", include("anxin.resources.zone.urls")),
    path("", include("anxin.resources.directory.urls")),
    path("", include("anxin.resources.advice.urls")),
    path("", include("anxin.resources.channels.urls")),
]
