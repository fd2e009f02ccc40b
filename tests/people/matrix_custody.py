"""Authorization-matrix rows of account custody (decision 0017)."""

import uuid

from anxin.people.custody import services
from tests.base import make_user

ROWS = [
    ("people:custody_list", "GET", "/people/custody/",
     "login 403 403 403 403 403 ok 403 403 403 ok ok"),
    ("people:custody_list", "POST", "/people/custody/", "405 " * 12),
    ("people:custody_reset_new", "GET", "/people/custody/reset/", "login " + "403 " * 10 + "ok"),
    ("people:custody_reset_new", "POST", "/people/custody/reset/", "login " + "403 " * 10 + "ok"),
    ("people:custody_grant_new", "GET", "/people/custody/grant/",
     "login 403 403 403 403 403 ok 403 403 403 403 ok"),
    ("people:custody_grant_new", "POST", "/people/custody/grant/",
     "login 403 403 403 403 403 ok 403 403 403 403 ok"),
    ("people:custody_approve", "GET", "/people/custody/{custody_request}/approve/", "405 " * 12),
    # The EAP administrator approves (and is redirected to the queue); the auditor after
    # him finds it decided (a message, redirected too); the sysadmin asked for it.
    ("people:custody_approve", "POST", "/people/custody/{custody_request}/approve/",
     "login 403 403 403 403 403 ok 403 403 403 ok 403"),
    ("people:custody_approve", "POST", "/people/custody/{custody_missing}/approve/",
     "login 403 403 403 403 403 404 403 403 403 404 403"),
    ("people:custody_refuse", "GET", "/people/custody/{custody_request}/refuse/", "405 " * 12),
    ("people:custody_refuse", "POST", "/people/custody/{custody_request}/refuse/",
     "login 403 403 403 403 403 ok 403 403 403 ok 403"),
    # The holder's link: anybody may open one, and a wrong or spent one is not found.
    ("people:custody_link", "GET", "/people/custody/link/not-a-token/", "404 " * 12),
    ("people:custody_link", "POST", "/people/custody/link/not-a-token/", "405 " * 12),
    ("people:custody_link_form", "GET", "/people/custody/link/", "404 " * 12),
    ("people:custody_link_form", "POST", "/people/custody/link/", "404 " * 12),
    ("people:custody_log", "GET", "/people/custody/log/", "login " + "403 " * 9 + "ok 403"),
    ("people:custody_log_detail", "GET", "/people/custody/log/{custody_request}/",
     "login " + "403 " * 9 + "ok 403"),
    ("people:custody_log_detail", "GET", "/people/custody/log/{custody_missing}/",
     "login " + "403 " * 9 + "404 403"),
]  # fmt: skip


def placeholders(test) -> dict:
    holder = make_user("matrix-holder", email="holder@example.gov.tw")
    item = services.reset_request(
        target=holder, actor=test.people["sysadmin"], role="sysadmin", reason="lost phone"
    )
    return {"custody_request": item.uuid, "custody_missing": uuid.uuid4()}
