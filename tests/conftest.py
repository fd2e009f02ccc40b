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
