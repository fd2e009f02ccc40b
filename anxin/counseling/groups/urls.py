"""URLs of group counselling, included by anxin/urls.py under /events/ (the address it
had while it lived in the events app, decision 0028)."""

from django.urls import path

from anxin.counseling.groups import views

app_name = "counseling_groups"
urlpatterns = [
    path("groups/", views.group_list, name="group_list"),
    path("groups/new/", views.group_create, name="group_create"),
    path("groups/<uuid:event_uuid>/", views.group_detail, name="group_detail"),
    path("groups/<uuid:event_uuid>/outcome/", views.group_outcome, name="group_outcome"),
]
