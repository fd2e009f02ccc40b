from django.urls import path

from anxin.resources.directory import map_views, views

urlpatterns = [
    path("directory/", views.directory_list, name="directory_list"),
    path("directory/new/", views.directory_create, name="directory_create"),
    path("directory/import/", views.directory_import, name="directory_import"),
    path(
        "directory/import/<uuid:job_uuid>/",
        views.directory_import_report,
        name="directory_import_report",
    ),
    path("directory/export.<str:fmt>", views.directory_export, name="directory_export"),
    path("directory/<int:service_id>/", views.directory_detail, name="directory_detail"),
    path("directory/<int:service_id>/edit/", views.directory_edit, name="directory_edit"),
    path("directory/<int:service_id>/verify/", views.directory_verify, name="directory_verify"),
    path("directory/<int:service_id>/delete/", views.directory_delete, name="directory_delete"),
    path("directory/map/", map_views.directory_map, name="directory_map"),
    path("directory/map/tiles/", map_views.directory_map_settings, name="directory_map_settings"),
    path("directory/map/import/", map_views.directory_care_import, name="directory_care_import"),
]
