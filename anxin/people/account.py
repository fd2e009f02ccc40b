"""Sign-in, the second factor (TOTP), sign-out, and the choice of role and language."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth import login as auth_login
from django.contrib.auth import logout as auth_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django.views.i18n import set_language
from django_otp import devices_for_user
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from anxin.core.admin_site import refusal as admin_refusal
from anxin.people import roles as role_mod


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
        ),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].strip()
        if not token.isdigit():
            raise forms.ValidationError(_("The code has six digits."), code="digits")
        return token


class SignInForm(AuthenticationForm):
    """Django's sign-in form with our own wording of its refusals: Django's zh-Hant one
    puts spaces around the field name (「輸入正確的 使用者名稱 和密碼」)."""

    error_messages = {
        "invalid_login": _(
            "The account or the password is wrong. Both are case-sensitive: check that "
            "Caps Lock is off."
        ),
        "inactive": _("This account is not active."),
    }


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
@sensitive_post_parameters("password")
@csrf_protect
@never_cache
def sign_in(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated and request.method == "GET":
        return redirect(_next_url(request))
    form = SignInForm(request, data=request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.get_user()
        auth_login(request, user)
        request.session.pop(role_mod.SESSION_KEY, None)
        roles, _employee = role_mod.roles_for(user)
        if role_mod.needs_second_factor(user, roles):
            target = "otp_verify" if _confirmed_device(user) else "otp_setup"
            return redirect(f"{reverse(target)}?{urlencode({'next': _next_url(request)})}")
        return redirect(_next_url(request))
    return render(
        request, "people/account/sign_in.html", {"form": form, "next": _next_url(request)}
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    auth_logout(request)
    return redirect("login")


def _confirmed_device(user) -> TOTPDevice | None:
    return next(iter(devices_for_user(user, confirmed=True)), None)


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def otp_verify(request: HttpRequest) -> HttpResponse:
    if request.user.is_verified():
        return redirect(_next_url(request))
    device = _confirmed_device(request.user)
    if device is None:
        return redirect("otp_setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # verify_is_allowed() throttles guessing; verify_token() refuses a code already used.
        allowed, _info = device.verify_is_allowed()
        if allowed and device.verify_token(form.cleaned_data["token"]):
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token",
            forms.ValidationError(
                _("That code is wrong, expired or already used. Wait for the next code."),
                code="invalid",
            )
            if allowed
            else forms.ValidationError(
                _("Too many wrong codes. Wait a minute before trying again."), code="throttled"
            ),
        )
    return render(
        request, "people/account/otp_verify.html", {"form": form, "next": _next_url(request)}
    )


def qr_svg(data: str) -> str:
    image = qrcode.make(data, image_factory=qrcode.image.svg.SvgPathImage, box_size=10)
    buffer = BytesIO()
    image.save(buffer)
    return buffer.getvalue().decode()


@require_http_methods(["GET", "POST"])
@login_required
@never_cache
def otp_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app. A person who already has one must pass it first, so
    that a stolen password cannot enrol a second device."""
    confirmed = _confirmed_device(request.user)
    if confirmed is not None:
        if not request.user.is_verified():
            return redirect("otp_verify")
        return render(
            request, "people/account/otp_setup.html", {"enrolled": True, "device": confirmed}
        )
    device, _created = TOTPDevice.objects.get_or_create(
        user=request.user, confirmed=False, defaults={"name": "authenticator"}
    )
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            return redirect(_next_url(request))
        form.add_error(
            "token",
            forms.ValidationError(
                _("That code does not match. Check the time on your phone and try again."),
                code="invalid",
            ),
        )
    secret = base64.b32encode(device.bin_key).decode()
    return render(
        request,
        "people/account/otp_setup.html",
        {
            "form": form,
            "qr": qr_svg(device.config_url),
            "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
            "next": _next_url(request),
        },
    )


@require_GET
def admin_login(request: HttpRequest) -> HttpResponse:
    """The admin's sign-in is Anxin's own (lockout, second factor). A signed-in person who
    may not use the admin site is refused plainly instead of being sent back and forth
    between the two sign-in pages."""
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?{urlencode({'next': _next_url(request)})}")
    if not admin.site.has_permission(request):
        return admin_refusal(request)
    return redirect(_next_url(request) if _next_url(request) != "/" else reverse("admin:index"))


@require_POST
def switch_language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, remembering the choice for a signed-in person so that
    notifications and e-mails reach him or her in it too."""
    response = set_language(request)
    language = request.POST.get("language", "")
    if request.user.is_authenticated and language in dict(settings.LANGUAGES):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@require_POST
@login_required
def switch_role(request: HttpRequest) -> HttpResponse:
    wanted = request.POST.get("role", "")
    if any(role.key == wanted for role in request.roles):
        request.session[role_mod.SESSION_KEY] = wanted
    return redirect("home")
