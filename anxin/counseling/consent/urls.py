"""URLs of this part of counselling, included by anxin/counseling/urls.py under the
"counseling" namespace."""

from django.urls import path

from anxin.counseling.consent import views

CASE = "cases/<str:code>/"

urlpatterns = [
    # employee
    path("my-consents/", views.consent_mine, name="consent_mine"),
    path("my-consents/<uuid:consent_uuid>/", views.consent_mine_detail, name="consent_mine_detail"),
    path(
        "my-consents/<uuid:consent_uuid>/withdraw/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path(
        "my-consents/<uuid:consent_uuid>/scan/", views.consent_mine_scan, name="consent_mine_scan"
    ),
    path("referrals-to-me/", views.referral_mine, name="referral_mine"),
    path("referrals-to-me/<uuid:referral_uuid>/", views.referral_answer, name="referral_answer"),
    # the case's counsellor
    path(CASE + "consents/new/", views.consent_create, name="consent_create"),
    path(CASE + "consents/scan/", views.consent_scan_create, name="consent_scan_create"),
    path(CASE + "consents/<uuid:consent_uuid>/", views.consent_detail, name="consent_detail"),
    path(CASE + "consents/<uuid:consent_uuid>/scan/", views.consent_scan, name="consent_scan"),
    path(CASE + "legal/new/", views.legal_process_create, name="legal_process_create"),
    path(CASE + "disclosures/new/", views.disclosure_create, name="disclosure_create"),
    # intake coordinator (and the privacy officer, who reads the list too)
    path("legal-processes/", views.legal_process_list, name="legal_process_list"),
    # the second person: a coordinator or the privacy officer
    path(
        "legal-processes/<uuid:legal_uuid>/",
        views.legal_process_review,
        name="legal_process_review",
    ),
    # care worker, HR officer, supervisor
    path("referrals/", views.referral_list, name="referral_list"),
    path("referrals/new/", views.referral_create, name="referral_create"),
    # auditor
    path("disclosures/", views.disclosure_log, name="disclosure_log"),
]
