import pytest
from django.conf import settings
from django.utils import translation


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hasher():
    """Argon2 is the production hasher (tested in tests/core/test_settings.py); tests sign
    in hundreds of times and use a fast one."""
    production = settings.PASSWORD_HASHERS
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher", *production]
    yield
    settings.PASSWORD_HASHERS = production


def pytest_collection_modifyitems(config, items):
    """PostgreSQL-only tests (row locks across connections, triggers) are deselected, not
    skipped, on SQLite: the PostgreSQL leg of `make test` runs them."""
    from django.db import connection

    if connection.vendor == "postgresql":
        return
    kept = [item for item in items if "postgres_only" not in item.keywords]
    deselected = [item for item in items if "postgres_only" in item.keywords]
    if deselected:
        config.hook.pytest_deselected(items=deselected)
        items[:] = kept


@pytest.fixture(autouse=True, scope="session")
def _flush_sets_the_audit_guards_aside():
    """The access log refuses UPDATE, DELETE and (on PostgreSQL) TRUNCATE. The flush that
    ends a transactional test empties every table, so for that one statement list it sets
    the guards aside, as the operator resetting a test database would, and puts them back."""
    import importlib

    from django.db.backends.base.operations import BaseDatabaseOperations

    append_only = importlib.import_module("anxin.core.migrations.0003_accesslog_append_only")
    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(self, sql_list):
        if not any("core_accesslog" in sql for sql in sql_list):
            return original(self, sql_list)
        if self.connection.vendor == "postgresql":
            aside = ["ALTER TABLE core_accesslog DISABLE TRIGGER USER"]
            back = ["ALTER TABLE core_accesslog ENABLE TRIGGER USER"]
        elif self.connection.vendor == "sqlite":
            aside, back = append_only.SQLITE_DOWN, append_only.SQLITE_UP
        else:
            aside, back = [], []
        return original(self, [*aside, *sql_list, *back])

    BaseDatabaseOperations.execute_sql_flush = execute_sql_flush
    yield
    BaseDatabaseOperations.execute_sql_flush = original


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language (zh-Hant). A request leaves the language
    the middleware chose active in the thread (an account's English, a set-language
    cookie), so without this a test's lazy text would depend on the test before it."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
