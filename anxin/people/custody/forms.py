"""Forms of account custody: they only validate."""

from django import forms
from django.contrib.auth import password_validation
from django.utils.translation import gettext_lazy as _
from django_otp.oath import TOTP

from anxin.people.custody.policies import DUAL_CONTROL_ROLES
from anxin.people.models import RoleAssignment, User


class _AccountField(forms.CharField):
    def __init__(self, **kwargs) -> None:
        super().__init__(
            label=_("Account (sign-in name)"),
            max_length=150,
            widget=forms.TextInput(attrs={"autocomplete": "off"}),
            **kwargs,
        )

    def clean(self, value) -> User:
        username = super().clean(value).strip()
        user = User.objects.filter(username=username).first()
        if user is None:
            raise forms.ValidationError(
                _("There is no account “%(name)s”."), code="unknown", params={"name": username}
            )
        return user


REASON_HELP = _(
    "Why, and how the holder asked for it (for example: lost phone, reported by telephone "
    "on 114/12/03). No health or counselling details."
)


class ResetRequestForm(forms.Form):
    account = _AccountField()
    reason = forms.CharField(
        label=_("Reason for the request"), max_length=300, help_text=REASON_HELP
    )


class GrantRequestForm(forms.Form):
    account = _AccountField()
    role = forms.ChoiceField(label=_("Role"))
    scope = forms.ModelChoiceField(label=_("Scope"), queryset=None)
    reason = forms.CharField(
        label=_("Reason for the request"), max_length=300, help_text=REASON_HELP
    )

    def __init__(self, *args, scopes, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [
            (value, label)
            for value, label in RoleAssignment.Role.choices
            if value in DUAL_CONTROL_ROLES
        ]
        self.fields["scope"].queryset = scopes


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class ResetLinkForm(forms.Form):
    """The holder's new password and, for an account that signs in with two factors, the
    first code of the new authenticator (whose key the page shows)."""

    new_password1 = forms.CharField(
        label=_("New password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=password_validation.password_validators_help_text_html(),
    )
    new_password2 = forms.CharField(
        label=_("New password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def __init__(self, *args, user: User, totp_key: str | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user, self.totp_key = user, totp_key
        if totp_key is None:
            del self.fields["token"]

    def clean_new_password2(self) -> str:
        first = self.cleaned_data.get("new_password1")
        second = self.cleaned_data["new_password2"]
        if first and first != second:
            raise forms.ValidationError(_("The two passwords differ."), code="mismatch")
        password_validation.validate_password(second, self.user)
        return second

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        totp = TOTP(bytes.fromhex(self.totp_key))
        # The current code or the one either side of it (django-otp's default tolerance).
        if not token.isdigit() or not totp.verify(int(token), tolerance=1):
            raise forms.ValidationError(
                _("That code does not match. Check the time on your phone and try again."),
                code="invalid",
            )
        return token
