"""Following a review or a committee: the follow page (a button for a signed-in user, an
email address for the public), the link that confirms a public follow, and the one-click
unsubscribe link every follow email carries."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from scrutiny.forms.follows import FollowForm
from scrutiny.models import Committee, Follow, Review
from scrutiny.services.follows import (
    follow_confirm,
    follow_request,
    follow_start,
    follow_stop,
    follow_unsubscribe,
)


def _language() -> str:
    return "cy" if (translation.get_language() or "").startswith("cy") else "en"


def _follow_page(request, target: dict, obj):
    """The page for ``obj`` (``target``: {"review": ...} or {"committee": ...})."""
    user = request.user
    form = FollowForm()
    if request.method == "POST" and user.is_authenticated:
        if not user.email:
            messages.error(request, gettext("Your account has no email address to send to."))
        elif request.POST.get("action") == "stop":
            follow_stop(user=user, **target)
            messages.success(request, gettext("You no longer follow this."))
        else:
            follow_start(user=user, language=_language(), **target)
            messages.success(
                request, gettext("You follow this: we will email you when it changes.")
            )
        return redirect(obj.get_absolute_url())
    if request.method == "POST":
        form = FollowForm(request.POST)
        if form.is_valid():
            follow_request(email=form.cleaned_data["email"], language=_language(), **target)
            return render(request, "scrutiny/follow_sent.html", {"obj": obj, **target})
    following = (
        user.is_authenticated
        and Follow.objects.filter(user=user, confirmed_at__isnull=False, **target).exists()
    )
    context = {"obj": obj, "form": form, "following": following, **target}
    return render(request, "scrutiny/follow_form.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def review_follow(request, pk: int):
    """Follow a review the reader may see (never a draft, for the public)."""
    review = get_object_or_404(
        Review.objects.visible_to(request.user).select_related("committee__council"), pk=pk
    )
    return _follow_page(request, {"review": review}, review)


@require_http_methods(["GET", "HEAD", "POST"])
def committee_follow(request, pk: int):
    """Follow a committee."""
    committee = get_object_or_404(Committee.objects.select_related("council"), pk=pk)
    return _follow_page(request, {"committee": committee}, committee)


@require_http_methods(["GET", "HEAD", "POST"])
def follow_confirm_view(request, signed: str):
    """GET asks to confirm (a mail scanner opening the link confirms nothing); POST
    confirms, once, within the time the link lasts."""
    if request.method != "POST":
        return render(request, "scrutiny/follow_confirm.html", {"signed": signed})
    follow = follow_confirm(signed=signed)
    status = 200 if follow else 400
    return render(request, "scrutiny/follow_confirmed.html", {"follow": follow}, status=status)


@csrf_exempt  # One-click unsubscribe (RFC 8058): a mail client POSTs with no session.
@require_http_methods(["GET", "HEAD", "POST"])
def follow_unsubscribe_view(request, token: str):
    """GET shows a button; POST (the button, or the mail client's one click) stops the
    emails. The token, from the email, is the only key."""
    if request.method != "POST":
        return render(request, "scrutiny/follow_unsubscribe.html")
    follow_unsubscribe(token=token)
    return render(request, "scrutiny/follow_unsubscribed.html")
