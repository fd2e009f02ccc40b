"""Authorization-matrix rows of the EAP zone (tests/test_authorization_matrix.py).

The matrix's plan says nothing of the zone, so it is not public: the anonymous visitor is
sent to sign in, and everyone signed in at the authority reads it."""

import shutil
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile
from django.test import override_settings

from anxin.people.roles import Role
from tests.matrix_profiles import EAP_ADMIN, NOT_ALLOWED, SIGNED_IN
from tests.resources.zone_base import make_article, png_bytes

ZONE = "/resources/zone/{zone_authority}"
# As tests/governance/matrix_governance.py names its folder: one folder for the matrix.
MEDIA_PREFIX = "anxin-matrix-media-"

ROWS = [
    ("resources:zone_start", "GET", "/resources/zone/", SIGNED_IN),
    ("resources:zone_start", "POST", "/resources/zone/", NOT_ALLOWED),
    ("resources:zone_home", "GET", f"{ZONE}/", SIGNED_IN),
    ("resources:zone_home", "POST", f"{ZONE}/", NOT_ALLOWED),
    ("resources:zone_article", "GET", f"{ZONE}/articles/{{zone_published}}/", SIGNED_IN),
    # A draft is not on the zone's pages, not even for its writer.
    ("resources:zone_article", "GET", f"{ZONE}/articles/{{zone_draft}}/",
     SIGNED_IN.but(inside="404")),
    ("resources:zone_image", "GET", f"{ZONE}/articles/{{zone_published}}/image", SIGNED_IN),
    ("resources:zone_image", "POST", f"{ZONE}/articles/{{zone_published}}/image", NOT_ALLOWED),
    # A draft's image is not on the zone's pages either.
    ("resources:zone_image", "GET", f"{ZONE}/articles/{{zone_draft}}/image",
     SIGNED_IN.but(inside="404")),
    ("resources:zone_news", "GET", f"{ZONE}/news/", SIGNED_IN),
    ("resources:zone_questions", "GET", f"{ZONE}/questions/", SIGNED_IN),
    ("resources:zone_materials", "GET", f"{ZONE}/materials/", SIGNED_IN),
    ("resources:zone_care_cards", "GET", f"{ZONE}/materials/care-cards.pdf", SIGNED_IN),
    ("resources:zone_poster", "GET", f"{ZONE}/materials/poster.pdf", SIGNED_IN),
    ("resources:zone_poster", "POST", f"{ZONE}/materials/poster.pdf", NOT_ALLOWED),
    ("resources:zone_stickers", "GET", f"{ZONE}/materials/stickers.pdf", SIGNED_IN),
    ("resources:zone_stickers", "POST", f"{ZONE}/materials/stickers.pdf", NOT_ALLOWED),
    ("resources:zone_handbook", "GET", f"{ZONE}/materials/handbook.pdf", SIGNED_IN),
    ("resources:zone_handbook", "POST", f"{ZONE}/materials/handbook.pdf", NOT_ALLOWED),
    ("resources:zone_manage", "GET", "/resources/zone/manage/", EAP_ADMIN),
    ("resources:zone_manage", "POST", "/resources/zone/manage/", NOT_ALLOWED),
    ("resources:zone_article_new", "GET", "/resources/zone/manage/new/", EAP_ADMIN),
    # An empty form answers with its errors (200): nothing is stored.
    ("resources:zone_article_new", "POST", "/resources/zone/manage/new/", EAP_ADMIN),
    ("resources:zone_article_edit", "GET", "/resources/zone/manage/{zone_draft}/", EAP_ADMIN),
    ("resources:zone_article_edit", "POST", "/resources/zone/manage/{zone_draft}/", EAP_ADMIN),
    ("resources:zone_article_image", "GET", "/resources/zone/manage/{zone_draft}/image",
     EAP_ADMIN),
    ("resources:zone_article_image", "POST", "/resources/zone/manage/{zone_draft}/image",
     NOT_ALLOWED),
    ("resources:zone_article_publish", "GET",
     "/resources/zone/manage/{zone_draft}/publish/", NOT_ALLOWED),
    # Without a version nothing changes: back to the article's page.
    ("resources:zone_article_publish", "POST",
     "/resources/zone/manage/{zone_draft}/publish/", EAP_ADMIN),
]  # fmt: skip


def placeholders(cls) -> dict:
    """A published article and a draft, each with an image stored in the matrix's media
    folder (made here unless another app's rows made it); a published handbook section."""
    if Path(settings.MEDIA_ROOT).name.startswith(MEDIA_PREFIX):
        pass  # another app's rows made the matrix a media folder already: share it
    else:
        media = tempfile.mkdtemp(prefix=MEDIA_PREFIX)
        override = override_settings(MEDIA_ROOT=media)
        override.enable()
        cls.addClassCleanup(shutil.rmtree, media, ignore_errors=True)
        cls.addClassCleanup(override.disable)
    author = cls.people[Role.EAP_ADMIN]
    published = make_article(author, cls.authority, image_alt="門口", image_type="image/png")
    draft = make_article(
        author, cls.authority, publish=False, title="草稿", image_alt="門口", image_type="image/png"
    )
    for article in (published, draft):
        article.image.save("image.png", ContentFile(png_bytes()))
    make_article(author, cls.authority, kind="handbook", title="認識員工協助方案")
    return {
        "zone_authority": cls.authority.pk,
        "zone_published": published.pk,
        "zone_draft": draft.pk,
    }
