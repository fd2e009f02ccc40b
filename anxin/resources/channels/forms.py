from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from anxin.resources.channels.models import Channel, ChannelComment, ChannelPost


def _https_links(field: models.Field, **kwargs) -> forms.Field | None:
    """A link typed without a scheme is taken as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


class PostForm(forms.ModelForm):
    class Meta:
        model = ChannelPost
        formfield_callback = _https_links
        fields = ["title", "body", "link"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "title": _(
                "Sent to LINE with a link, if the channel has a LINE group: write no name "
                "of a person in it."
            ),
        }


class CommentForm(forms.ModelForm):
    class Meta:
        model = ChannelComment
        fields = ["body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}


class ChannelForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Channel
        fields = ["name", "description", "comments_allowed", "line_group", "is_active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class DigestForm(forms.Form):
    digest = forms.BooleanField(required=False)


class ModerationForm(forms.Form):
    approve = forms.BooleanField(required=False)
