"""Authorization-matrix rows of the reports pages (tests/test_authorization_matrix.py)."""

from datetime import date

from tests.matrix_profiles import DOSSIER_READERS, EAP_ADMIN, NOT_ALLOWED, RESULTS_READERS

YEAR = date.today().year

ROWS = [
    ("reports:dashboard", "GET", "/reports/", RESULTS_READERS),
    ("reports:dashboard", "POST", "/reports/", NOT_ALLOWED),
    ("reports:dashboard_export", "GET", "/reports/export.ods", RESULTS_READERS),
    ("reports:dashboard_export", "POST", "/reports/export.ods", NOT_ALLOWED),
    ("reports:dossier", "GET", "/reports/dossier/", DOSSIER_READERS),
    ("reports:dossier", "POST", "/reports/dossier/", NOT_ALLOWED),
    ("reports:dossier_download", "GET", f"/reports/dossier/{YEAR}.pdf", DOSSIER_READERS),
    ("reports:dossier_download", "GET", f"/reports/dossier/{YEAR}.ods", DOSSIER_READERS),
    ("reports:dossier_download", "GET", f"/reports/dossier/{YEAR}.odt", DOSSIER_READERS),
    (
        "reports:dossier_download",
        "GET",
        f"/reports/dossier/{YEAR}.exe",
        DOSSIER_READERS.but(inside="404"),
    ),
    ("reports:dossier_download", "POST", f"/reports/dossier/{YEAR}.pdf", NOT_ALLOWED),
    ("reports:dossier_improvements", "GET", f"/reports/dossier/{YEAR}/improvements/", EAP_ADMIN),
    ("reports:dossier_improvements", "POST", f"/reports/dossier/{YEAR}/improvements/", EAP_ADMIN),
    ("reports:dossier_improvements", "PUT", f"/reports/dossier/{YEAR}/improvements/", NOT_ALLOWED),
]
