"""URLs of group counselling, included by anxin/events/urls.py under the "events"
namespace."""

from django.urls import path

from anxin.events.groups import views

urlpatterns = [
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<uuid:event_uuid>/", views.group_detail, name="group_detail"),
    path("groups/<uuid:event_uuid>/outcome/", views.group_outcome, name="group_outcome"),
]
