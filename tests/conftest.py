import pytest
from django.conf import settings


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
