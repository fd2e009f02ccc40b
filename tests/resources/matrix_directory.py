"""Authorization-matrix rows of the resource directory and the care-resource map
(tests/test_authorization_matrix.py)."""

from anxin.core.jobs import job_create
from anxin.people.roles import Role
from anxin.resources.directory.tasks import JOB_KIND
from tests.matrix_profiles import EAP_ADMIN, EAP_OFFICE, NOT_ALLOWED, OWN_SERVICES
from tests.resources.directory_base import make_entry

# Every employee reads the directory, and so do the people who write it.
READERS = OWN_SERVICES.but({Role.HR: "ok", Role.EAP_ADMIN: "ok"})
# An entry of another agency (教育局): the HR officer of 社會局 may not write it.
NOT_HRS = EAP_OFFICE.but({Role.HR: "404"})

ROWS = [
    ("resources:directory_list", "GET", "/resources/directory/", READERS),
    ("resources:directory_list", "POST", "/resources/directory/", NOT_ALLOWED),
    ("resources:directory_detail", "GET", "/resources/directory/{directory_entry}/", READERS),
    ("resources:directory_detail", "POST", "/resources/directory/{directory_entry}/",
     NOT_ALLOWED),
    ("resources:directory_create", "GET", "/resources/directory/new/", EAP_OFFICE),
    # An empty form answers with its errors (200): nothing is stored.
    ("resources:directory_create", "POST", "/resources/directory/new/", EAP_OFFICE),
    ("resources:directory_create", "PUT", "/resources/directory/new/", NOT_ALLOWED),
    ("resources:directory_edit", "GET", "/resources/directory/{directory_entry}/edit/",
     EAP_OFFICE),
    ("resources:directory_edit", "GET", "/resources/directory/{directory_other}/edit/",
     NOT_HRS),
    ("resources:directory_edit", "POST", "/resources/directory/{directory_entry}/edit/",
     EAP_OFFICE),
    ("resources:directory_verify", "POST", "/resources/directory/{directory_entry}/verify/",
     EAP_OFFICE),
    ("resources:directory_verify", "POST", "/resources/directory/{directory_other}/verify/",
     NOT_HRS),
    ("resources:directory_verify", "GET", "/resources/directory/{directory_entry}/verify/",
     NOT_ALLOWED),
    # The EAP administrator (after the HR officer in the matrix's order) removes it.
    ("resources:directory_delete", "POST", "/resources/directory/{directory_gone}/delete/",
     NOT_HRS),
    ("resources:directory_delete", "GET", "/resources/directory/{directory_entry}/delete/",
     NOT_ALLOWED),
    ("resources:directory_export", "GET", "/resources/directory/export.json", EAP_OFFICE),
    ("resources:directory_export", "GET", "/resources/directory/export.ods", EAP_OFFICE),
    ("resources:directory_export", "GET", "/resources/directory/export.xml",
     EAP_OFFICE.but(inside="404")),
    ("resources:directory_export", "POST", "/resources/directory/export.json", NOT_ALLOWED),
    ("resources:directory_import", "GET", "/resources/directory/import/", EAP_OFFICE),
    # No file: the form's error (200), nothing imported.
    ("resources:directory_import", "POST", "/resources/directory/import/", EAP_OFFICE),
    # A report is its owner's (the matrix's EAP administrator started this one).
    ("resources:directory_import_report", "GET", "/resources/directory/import/{directory_job}/",
     EAP_OFFICE.but({Role.HR: "404"})),
    ("resources:directory_import_report", "GET", "/resources/directory/import/{missing}/",
     EAP_OFFICE.but(inside="404")),
    ("resources:directory_import_report", "POST",
     "/resources/directory/import/{directory_job}/", NOT_ALLOWED),
    ("resources:directory_map", "GET", "/resources/directory/map/", READERS),
    ("resources:directory_map", "POST", "/resources/directory/map/", NOT_ALLOWED),
    ("resources:directory_map_settings", "GET", "/resources/directory/map/tiles/", EAP_ADMIN),
    ("resources:directory_map_settings", "POST", "/resources/directory/map/tiles/", EAP_ADMIN),
    ("resources:directory_care_import", "GET", "/resources/directory/map/import/",
     EAP_OFFICE),
    ("resources:directory_care_import", "POST", "/resources/directory/map/import/",
     EAP_OFFICE),
]  # fmt: skip


def placeholders(cls) -> dict:
    def entry(agency, name):
        return make_entry(cls.authority, cls.eap_admin, agency=agency, name=name).pk

    return {
        "directory_entry": entry(cls.agency, "矩陣服務"),
        "directory_other": entry(cls.other_agency, "他機關服務"),
        "directory_gone": entry(cls.other_agency, "將移除的服務"),
        "directory_job": job_create(kind=JOB_KIND, owner=cls.people[Role.EAP_ADMIN]).uuid,
    }
