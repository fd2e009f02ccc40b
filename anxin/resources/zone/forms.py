from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from PIL import Image

from anxin.core.roc import RocDateTimeField
from anxin.resources.zone.models import ZoneArticle

MAX_IMAGE_BYTES = 2 * 1024 * 1024
MAX_IMAGE_SIDE = 6000  # pixels; a larger picture is a mistake or a decompression bomb
# Pillow's name of the format -> (the content type it is served with, the file's suffix).
IMAGE_TYPES = {"PNG": ("image/png", ".png"), "JPEG": ("image/jpeg", ".jpg")}


def checked_image(upload) -> tuple[str, str]:
    """The content type and suffix of an uploaded image, read from its content (never from
    its name or the type the browser sent); ValidationError for anything else."""
    if upload.size > MAX_IMAGE_BYTES:
        raise forms.ValidationError(
            _("The image is larger than 2 MB: make it smaller and upload it again."),
            code="image_too_large",
        )
    try:
        with Image.open(upload) as picture:
            kind = picture.format
            width, height = picture.size
            picture.verify()
    except Exception:
        # A damaged file makes Pillow raise many kinds (UnidentifiedImageError, OSError,
        # SyntaxError, EOFError, struct.error, DecompressionBombError...): each is "not an
        # image" to the uploader, answered below.
        kind = None
    finally:
        upload.seek(0)
    if kind not in IMAGE_TYPES:
        raise forms.ValidationError(
            _("This file is not a PNG or JPEG image: upload a PNG or JPEG file."),
            code="image_type",
        )
    if max(width, height) > MAX_IMAGE_SIDE:
        raise forms.ValidationError(
            _("The image is larger than 6000 pixels on a side: make it smaller."),
            code="image_too_wide",
        )
    return IMAGE_TYPES[kind]


class ArticleForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    upload = forms.FileField(
        label=_("Image"),
        required=False,
        widget=forms.FileInput(attrs={"accept": "image/png,image/jpeg"}),
        help_text=_("Optional: a PNG or JPEG image of at most 2 MB, shown with the article."),
    )
    remove_image = forms.BooleanField(label=_("Remove the image"), required=False)

    field_order = [
        "kind", "title", "body", "title_en", "body_en", "position",
        "upload", "image_alt", "remove_image",
    ]  # fmt: skip

    class Meta:
        model = ZoneArticle
        fields = [
            "kind",
            "title",
            "body",
            "title_en",
            "body_en",
            "position",
            "image_alt",
        ]
        widgets = {
            "body": forms.Textarea(attrs={"rows": 10}),
            "body_en": forms.Textarea(attrs={"rows": 6}),
        }
        labels = {"title": _("Title (for a question: the question)")}
        help_texts = {
            "body": _(
                "Plain text; an empty line starts a new paragraph. For a question: the answer."
            ),
            "title_en": _("Optional: shown beside the Chinese, marked as English."),
            "position": _("Pages, questions and the handbook's sections are listed in this order."),
            "image_alt": _(
                "Required with an image: what the image shows, for those who cannot see it."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.instance.image:
            del self.fields["remove_image"]

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload:
            upload.content_type_checked, upload.suffix_checked = checked_image(upload)
        return upload

    def clean(self):
        data = super().clean()
        if data.get("body_en") and not data.get("title_en"):
            self.add_error(
                "title_en",
                forms.ValidationError(
                    _("Give the English title too, or leave the English text empty."),
                    code="english_title_missing",
                ),
            )
        keeps_image = bool(self.instance.image) and not data.get("remove_image")
        if (data.get("upload") or keeps_image) and not (data.get("image_alt") or "").strip():
            self.add_error(
                "image_alt",
                forms.ValidationError(
                    _("Describe the image in a few words: readers who cannot see it hear this."),
                    code="image_alt_missing",
                ),
            )
        return data


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    publish = forms.BooleanField(required=False, widget=forms.HiddenInput)
    publish_at = RocDateTimeField(
        label=_("Publish at"),
        required=False,
        help_text=_(
            "Leave empty to publish now; a later date and time (such as 114/01/22 09:00) "
            "schedules the article: readers see it from then on."
        ),
    )

    def __init__(self, *args, **kwargs):
        # On the article's page beside the article's form: ids of its own.
        kwargs.setdefault("auto_id", "publish_%s")
        super().__init__(*args, **kwargs)

    def clean_publish_at(self):
        value = self.cleaned_data.get("publish_at")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(
                _("This time has passed: give a later one, or leave it empty to publish now."),
                code="publish_at_past",
            )
        return value
