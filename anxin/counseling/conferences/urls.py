"""URLs of this part of counselling, included by anxin/counseling/urls.py under the
"counseling" namespace."""

urlpatterns: list = []
