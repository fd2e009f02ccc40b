from django import forms
from django.utils.translation import gettext_lazy as _

from anxin.resources.channels.models import Channel, ChannelComment, ChannelPost


class PostForm(forms.ModelForm):
    class Meta:
        model = ChannelPost
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
