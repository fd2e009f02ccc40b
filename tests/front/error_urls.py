"""Anxin's URLs and three that fail on purpose, for the error pages' tests."""

from django.core.exceptions import SuspiciousOperation
from django.urls import path

from anxin.urls import handler400, handler500, urlpatterns  # noqa: F401 (read by Django)

# What a failing view might carry in its exception: it must not reach the page.
SECRET = "個案 TPE114-0042 晤談紀錄：想自殺"


def boom(request):
    raise RuntimeError(SECRET)


def suspicious(request):
    raise SuspiciousOperation(SECRET)


urlpatterns = [
    *urlpatterns,
    path("test-errors/boom/", boom),
    path("test-errors/suspicious/", suspicious),
]
