"""Authorization-matrix rows of account custody (decision 0017)."""

import uuid

from anxin.people.custody import services
from anxin.people.roles import Role
from tests.base import make_user
from tests.matrix_profiles import (
    AUDITORS,
    CUSTODY_APPROVERS,
    CUSTODY_DESK,
    CUSTODY_GRANT_ASKERS,
    EVERYONE,
    NOT_ALLOWED,
    SYSADMIN,
)

ROWS = [
    ("people:custody_list", "GET", "/people/custody/",
     CUSTODY_DESK),
    ("people:custody_list", "POST", "/people/custody/", NOT_ALLOWED),
    ("people:custody_reset_new", "GET", "/people/custody/reset/", SYSADMIN),
    ("people:custody_reset_new", "POST", "/people/custody/reset/", SYSADMIN),
    ("people:custody_grant_new", "GET", "/people/custody/grant/",
     CUSTODY_GRANT_ASKERS),
    ("people:custody_grant_new", "POST", "/people/custody/grant/",
     CUSTODY_GRANT_ASKERS),
    ("people:custody_approve", "GET", "/people/custody/{custody_request}/approve/", NOT_ALLOWED),
    # The EAP administrator approves (and is redirected to the queue); the auditor after
    # him finds it decided (a message, redirected too); the sysadmin asked for it.
    ("people:custody_approve", "POST", "/people/custody/{custody_request}/approve/",
     CUSTODY_APPROVERS),
    ("people:custody_approve", "POST", "/people/custody/{custody_missing}/approve/",
     CUSTODY_APPROVERS.but(inside="404")),
    ("people:custody_refuse", "GET", "/people/custody/{custody_request}/refuse/", NOT_ALLOWED),
    ("people:custody_refuse", "POST", "/people/custody/{custody_request}/refuse/",
     CUSTODY_APPROVERS),
    # The holder's link: anybody may open one, and a wrong or spent one is not found.
    ("people:custody_link", "GET", "/people/custody/link/not-a-token/", EVERYONE.but(inside="404")),
    ("people:custody_link", "POST", "/people/custody/link/not-a-token/", NOT_ALLOWED),
    ("people:custody_link_form", "GET", "/people/custody/link/", EVERYONE.but(inside="404")),
    ("people:custody_link_form", "POST", "/people/custody/link/", EVERYONE.but(inside="404")),
    ("people:custody_log", "GET", "/people/custody/log/", AUDITORS),
    ("people:custody_log_detail", "GET", "/people/custody/log/{custody_request}/",
     AUDITORS),
    ("people:custody_log_detail", "GET", "/people/custody/log/{custody_missing}/",
     AUDITORS.but(inside="404")),
]  # fmt: skip


def placeholders(test) -> dict:
    holder = make_user("matrix-holder", email="holder@example.gov.tw")
    item = services.reset_request(
        target=holder, actor=test.people[Role.SYSADMIN], role=Role.SYSADMIN, reason="lost phone"
    )
    return {"custody_request": item.uuid, "custody_missing": uuid.uuid4()}
