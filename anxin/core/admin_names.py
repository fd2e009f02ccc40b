"""The admin site's words in Anxin's catalogue (core's zh-Hant .po), for the sysadmin who
reads it in Traditional Chinese.

- The third-party apps in the admin (django-axes, django-otp's TOTP plugin,
  django-tasks-db) name their apps, models and fields in English, some never marked for
  translation ("TOTP device", "Tasks Database Backend"), none translated into zh-Hant.
  `name_third_party_models()` gives them our names, as lazy translations. Only the
  displayed names change: migrations read a model's `Meta` as declared
  (`_meta.original_attrs`) and a field's name as given (`field._verbose_name`), so
  `makemigrations` sees nothing to do.
- Django's own zh-Hant catalogue puts spaces around the names it fills in
  (「選擇 員工 來修改」「以 狀態」). Our catalogue comes first (an app listed earlier in
  INSTALLED_APPS wins), so the same msgids, translated without those spaces, are listed
  here for `makemessages` to keep.

Imported when the admin app is ready (it imports models).
"""

from axes.admin import IsLockedOutFilter
from axes.models import AccessBase
from django.apps import apps
from django.utils.translation import gettext_noop, pgettext_lazy

APP_NAMES = {
    "axes": pgettext_lazy("admin", "Sign-in attempts"),
    "otp_totp": pgettext_lazy("admin", "Authenticators"),
    "django_tasks_database": pgettext_lazy("admin", "Background tasks"),
}

# (app label, model name): (verbose name, plural, {field: verbose name})
MODEL_NAMES = {
    ("axes", "accessattempt"): (
        pgettext_lazy("admin", "sign-in attempt"),
        pgettext_lazy("admin", "sign-in attempts"),
        {
            "get_data": pgettext_lazy("admin", "GET data"),
            "post_data": pgettext_lazy("admin", "POST data"),
            "failures_since_start": pgettext_lazy("admin", "failed sign-ins"),
        },
    ),
    ("axes", "accessfailurelog"): (
        pgettext_lazy("admin", "failed sign-in"),
        pgettext_lazy("admin", "failed sign-ins"),
        {
            "locked_out": pgettext_lazy("admin", "locked out"),
        },
    ),
    ("axes", "accesslog"): (
        pgettext_lazy("admin", "sign-in record"),
        pgettext_lazy("admin", "sign-in records"),
        {
            "logout_time": pgettext_lazy("admin", "sign-out time"),
            "session_hash": pgettext_lazy("admin", "session hash"),
        },
    ),
    ("axes", "accessattemptexpiration"): (
        pgettext_lazy("admin", "sign-in attempt expiry"),
        pgettext_lazy("admin", "sign-in attempt expiries"),
        {
            "access_attempt": pgettext_lazy("admin", "sign-in attempt"),
            "expires_at": pgettext_lazy("admin", "expires at"),
        },
    ),
    ("otp_totp", "totpdevice"): (
        pgettext_lazy("admin", "authenticator"),
        pgettext_lazy("admin", "authenticators"),
        {
            "user": pgettext_lazy("admin", "user"),
            "name": pgettext_lazy("admin", "device name"),
            "confirmed": pgettext_lazy("admin", "confirmed"),
            "created_at": pgettext_lazy("admin", "created at"),
            "last_used_at": pgettext_lazy("admin", "last used at"),
        },
    ),
    ("django_tasks_database", "dbtaskresult"): (
        pgettext_lazy("admin", "task result"),
        pgettext_lazy("admin", "task results"),
        {
            "status": pgettext_lazy("admin", "status"),
            "enqueued_at": pgettext_lazy("admin", "enqueued at"),
            "started_at": pgettext_lazy("admin", "started at"),
            "finished_at": pgettext_lazy("admin", "finished at"),
            "args_kwargs": pgettext_lazy("admin", "arguments"),
            "priority": pgettext_lazy("admin", "priority"),
            "task_path": pgettext_lazy("admin", "task path"),
            "worker_ids": pgettext_lazy("admin", "worker"),
            "queue_name": pgettext_lazy("admin", "queue name"),
            "backend_name": pgettext_lazy("admin", "backend name"),
            "run_after": pgettext_lazy("admin", "run after"),
            "return_value": pgettext_lazy("admin", "return value"),
            "exception_class_path": pgettext_lazy("admin", "exception class"),
            "traceback": pgettext_lazy("admin", "traceback"),
        },
    ),
}

# The fields the django-axes logs share (their base class, AccessBase).
AXES_FIELDS = {
    "user_agent": pgettext_lazy("admin", "browser"),
    "ip_address": pgettext_lazy("admin", "IP address"),
    "username": pgettext_lazy("admin", "user name"),
    "http_accept": pgettext_lazy("admin", "HTTP Accept header"),
    "path_info": pgettext_lazy("admin", "path"),
    "attempt_time": pgettext_lazy("admin", "attempt time"),
}

# Strings the third-party admins mark for translation themselves, and Django admin's own
# phrases whose zh-Hant translation we give without stray spaces.
MARKED = [
    gettext_noop("Locked Out"),
    gettext_noop("Attempt Remaining"),
    gettext_noop("Not set"),
    gettext_noop("Form Data"),
    gettext_noop("Meta Data"),
    gettext_noop("Clean up expired attempts"),
    gettext_noop("Select %s to change"),
    gettext_noop("Select %s to view"),
    gettext_noop("Add %(name)s"),
    gettext_noop(" By %(filter_title)s "),
    gettext_noop("Delete selected %(verbose_name_plural)s"),
    gettext_noop("Models in the %(name)s application"),
    gettext_noop("%(app)s administration"),
    gettext_noop("Add another %(verbose_name)s"),
    gettext_noop("Change selected %(model)s"),
    gettext_noop("Add another %(model)s"),
    gettext_noop("Delete selected %(model)s"),
    # django-tasks' states of a task (its own context).
    pgettext_lazy("Task", "Ready"),
    pgettext_lazy("Task", "Running"),
    pgettext_lazy("Task", "Failed"),
    pgettext_lazy("Task", "Successful"),
]


def name_third_party_models() -> None:
    """Give the third-party apps, models and fields shown in the admin our names."""
    for label, name in APP_NAMES.items():
        apps.get_app_config(label).verbose_name = name
    for (label, model_name), (singular, plural, fields) in MODEL_NAMES.items():
        model = apps.get_model(label, model_name)
        model._meta.verbose_name = singular
        model._meta.verbose_name_plural = plural
        names = {**AXES_FIELDS, **fields} if issubclass(model, AccessBase) else fields
        for field_name, name in names.items():
            model._meta.get_field(field_name).verbose_name = name
    task_result = apps.get_model("django_tasks_database", "dbtaskresult")
    task_result.task_name.fget.short_description = pgettext_lazy("admin", "task name")
    IsLockedOutFilter.title = pgettext_lazy("admin", "locked out")
