from django.urls import path

from anxin.resources.channels import views

urlpatterns = [
    path("channels/", views.channels_list, name="channels_list"),
    path("channels/<int:channel_pk>/", views.channels_detail, name="channels_detail"),
    path("channels/<int:channel_pk>/join/", views.channels_join, name="channels_join"),
    path("channels/<int:channel_pk>/leave/", views.channels_leave, name="channels_leave"),
    path("channels/<int:channel_pk>/digest/", views.channels_digest, name="channels_digest"),
    path("channels/posts/<int:post_pk>/comment/", views.channels_comment, name="channels_comment"),
    path("channels/manage/", views.channels_manage, name="channels_manage"),
    path("channels/manage/open/", views.channels_open, name="channels_open"),
    path("channels/manage/<int:channel_pk>/", views.channels_edit, name="channels_edit"),
    path(
        "channels/manage/<int:channel_pk>/post/", views.channels_post_new, name="channels_post_new"
    ),
    path("channels/manage/comments/", views.channels_moderation, name="channels_moderation"),
    path(
        "channels/manage/comments/<int:comment_pk>/",
        views.channels_moderate,
        name="channels_moderate",
    ),
]
