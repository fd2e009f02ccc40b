from django.urls import path

from anxin.counseling.outcomes import views

urlpatterns = [
    path("well-being/<uuid:measure_uuid>/", views.outcome_answer, name="outcome_answer"),
    path(
        "well-being/<uuid:measure_uuid>/withdraw/",
        views.outcome_withdraw,
        name="outcome_withdraw",
    ),
]
