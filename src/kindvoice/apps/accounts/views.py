"""Sign up, log in and out, settings, tokens, and the person's data rights."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kindvoice.apps.accounts.forms import DeleteAccountForm, ProfileForm, SignupForm, TokenForm
from kindvoice.apps.accounts.models import AccessToken, FailedLogin, User


@never_cache
@require_http_methods(["GET", "POST"])
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome. Your account is ready, and what you write here stays yours.")
        return redirect("home")
    return render(request, "accounts/signup.html", {"form": form})


@never_cache
@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = AuthenticationForm(request, data=request.POST or None)
    status = 200
    if request.method == "POST":
        limits = FailedLogin.limits_for(request.POST.get("username", ""), request.META.get("REMOTE_ADDR", ""))
        minutes = FailedLogin.minutes_left(limits)
        if minutes:
            form = AuthenticationForm(request)
            form.errors["__all__"] = form.error_class(
                [
                    f"There have been several attempts to log in. To keep your account safe, "
                    f"please wait {minutes} minute{'s' if minutes != 1 else ''} and try again."
                ]
            )
            status = 429
        elif form.is_valid():
            user = form.get_user()
            login(request, user)
            FailedLogin.forget(user.email)
            target = request.POST.get("next") or request.GET.get("next") or ""
            if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
                return redirect(target)
            return redirect("home")
        else:
            FailedLogin.record(limits)
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": request.GET.get("next", "")},
        status=status,
    )


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You have logged out. Take care.")
    return redirect("login")


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def password_change(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(User.of(request), request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Your password has been changed.")
        return redirect("settings")
    return render(request, "accounts/password_change.html", {"form": form})


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def settings_view(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    form = ProfileForm(request.POST or None, instance=user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Saved.")
        return redirect("settings")
    context = {"form": form, "token_form": TokenForm(), "tokens": user.tokens.all()}
    return render(request, "accounts/settings.html", context)


@never_cache
@login_required
@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    form = TokenForm(request.POST)
    if not form.is_valid():
        context = {
            "form": ProfileForm(instance=user),
            "token_form": form,
            "tokens": user.tokens.all(),
        }
        return render(request, "accounts/settings.html", context, status=422)
    token, secret = AccessToken.issue(user, form.cleaned_data["name"])
    return render(request, "accounts/token_created.html", {"token": token, "secret": secret})


@login_required
@require_POST
def token_revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = get_object_or_404(AccessToken, pk=token_id, user=User.of(request))
    token.delete()
    messages.success(request, "The token has been revoked. Anything using it can no longer reach your data.")
    return redirect("settings")


@never_cache
@login_required
@require_GET
def export_download(request: HttpRequest) -> HttpResponse:
    response = JsonResponse(User.of(request).export_data(), json_dumps_params={"indent": 2, "ensure_ascii": False})
    filename = f"kindvoice-export-{timezone.localdate().isoformat()}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@never_cache
@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    user = User.of(request)
    form = DeleteAccountForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        logout(request)
        user.delete_account()
        return render(request, "accounts/deleted.html")
    return render(request, "accounts/delete.html", {"form": form})
