from django.urls import path

from anxin.resources.advice import views

# Under the resources app's namespace: `resources:advice_home` ...
urlpatterns = [
    path("advice/", views.advice_home, name="advice_home"),
    path("advice/<uuid:service_uuid>/book/", views.advice_book, name="advice_book"),
    path("advice/bookings/<uuid:booking_uuid>/cancel/", views.advice_cancel, name="advice_cancel"),
    path("advice/day/", views.advice_day, name="advice_day"),
    path("advice/day/<uuid:booking_uuid>/", views.advice_booking, name="advice_booking"),
    path("advice/services/", views.advice_services, name="advice_services"),
    path("advice/services/<uuid:service_uuid>/", views.advice_service, name="advice_service"),
    path(
        "advice/services/<uuid:service_uuid>/rules/",
        views.advice_rule_add,
        name="advice_rule_add",
    ),
    path(
        "advice/services/<uuid:service_uuid>/rules/<int:rule_id>/remove/",
        views.advice_rule_remove,
        name="advice_rule_remove",
    ),
    path("advice/services/<uuid:service_uuid>/close/", views.advice_close, name="advice_close"),
    path("advice/counts/", views.advice_counts, name="advice_counts"),
]
