from django.urls import include, path

app_name = "care"
# The parts of the app, under the same namespace; each part's URL names start with
# its own name (`care:workers_...`).
urlpatterns = [
    path("", include("anxin.care.workers.urls")),
    path("", include("anxin.care.mentoring.urls")),
    path("", include("anxin.care.outreach.urls")),
    path("", include("anxin.care.interviews.urls")),
]
