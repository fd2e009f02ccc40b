from django.urls import path

from anxin.resources.zone import views

ZONE = "zone/<int:authority_id>/"

urlpatterns = [
    path("zone/", views.zone_start, name="zone_start"),
    path(ZONE, views.zone_home, name="zone_home"),
    path(f"{ZONE}articles/<int:article_pk>/", views.zone_article, name="zone_article"),
    path(f"{ZONE}articles/<int:article_pk>/image", views.zone_image, name="zone_image"),
    path(f"{ZONE}news/", views.zone_news, name="zone_news"),
    path(f"{ZONE}questions/", views.zone_questions, name="zone_questions"),
    path(f"{ZONE}materials/", views.zone_materials, name="zone_materials"),
    path(f"{ZONE}materials/care-cards.pdf", views.zone_care_cards, name="zone_care_cards"),
    path(f"{ZONE}materials/poster.pdf", views.zone_poster, name="zone_poster"),
    path(f"{ZONE}materials/stickers.pdf", views.zone_stickers, name="zone_stickers"),
    path(f"{ZONE}materials/handbook.pdf", views.zone_handbook, name="zone_handbook"),
    path("zone/manage/", views.zone_manage, name="zone_manage"),
    path("zone/manage/new/", views.zone_article_new, name="zone_article_new"),
    path("zone/manage/<int:article_pk>/", views.zone_article_edit, name="zone_article_edit"),
    path(
        "zone/manage/<int:article_pk>/image",
        views.zone_article_image,
        name="zone_article_image",
    ),
    path(
        "zone/manage/<int:article_pk>/publish/",
        views.zone_article_publish,
        name="zone_article_publish",
    ),
]
