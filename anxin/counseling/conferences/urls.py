"""URLs of this part of counselling, included by anxin/counseling/urls.py under the
"counseling" namespace."""

from django.urls import path

from anxin.counseling.conferences import views

urlpatterns = [
    path("conferences/", views.conference_list, name="conference_list"),
    path("conferences/new/", views.conference_create, name="conference_create"),
    path("conferences/<uuid:conference_uuid>/", views.conference_detail, name="conference_detail"),
    path(
        "conferences/<uuid:conference_uuid>/decisions/",
        views.conference_decisions,
        name="conference_decisions",
    ),
    path(
        "conferences/<uuid:conference_uuid>/actions/new/",
        views.conference_action_add,
        name="conference_action_add",
    ),
    path(
        "conferences/<uuid:conference_uuid>/actions/<uuid:item_uuid>/done/",
        views.conference_action_done,
        name="conference_action_done",
    ),
    path(
        "conferences/<uuid:conference_uuid>/consent/",
        views.conference_consent,
        name="conference_consent",
    ),
]
