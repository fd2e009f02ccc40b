from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.resources.zone.models import ZoneArticle


class ArticleForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ZoneArticle
        fields = ["kind", "title", "body", "title_en", "body_en", "position"]
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
        }

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
        return data


class PublishForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    publish = forms.BooleanField(required=False, widget=forms.HiddenInput)
