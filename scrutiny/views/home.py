"""The home page (one council's figures, or a chooser of councils), the updates a user owes,
and the council's theme stylesheet."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_safe

from partnerships.models import Organisation
from partnerships.permissions import can_manage_users
from recommendations.permissions import can_import_trackers
from scrutiny.common.feed_tokens import feed_token
from scrutiny.forms.home import COUNCIL_SEARCH_LENGTH, CouncilChoiceForm, CouncilSearchForm
from scrutiny.permissions import can_edit_chasing, can_see_deleted, can_see_outbox
from scrutiny.selectors import councils as council_reads
from scrutiny.selectors.home import home_summary
from scrutiny.selectors.owed import updates_owed
from scrutiny.selectors.setup import setup_checklist

# The council the reader last chose and who chose it: [council id, user id or None].
SESSION_COUNCIL = "home_council"
OWED_PER_PAGE = 50


@require_GET
@cache_control(max_age=3600, public=True)
def theme_css(request):
    """The council's brand colour as a CSS custom property (validated in settings), so the
    built GOV.UK Frontend CSS needs no rebuild per council and no inline styles."""
    css = f":root {{ --govuk-brand-colour: {settings.COUNCIL_COLOUR}; }}\n"
    return HttpResponse(css, content_type="text/css")


def _remembered(request):
    """The council the reader chose before, as the same reader (one chosen before signing in
    does not hide a member's own council), else their own council when they belong to one.
    A remembered council that no longer is one is forgotten."""
    user = request.user
    chosen = request.session.get(SESSION_COUNCIL)
    pk = chosen[0] if isinstance(chosen, list) and chosen[1:] == [user.pk] else None
    if pk is None and user.is_authenticated and user.organisation_id:
        pk = user.organisation_id
    council = council_reads.councils_to_show().filter(pk=pk).first() if pk else None
    if council is None and chosen is not None:
        del request.session[SESSION_COUNCIL]
    return council


def _remember(request, council) -> None:
    """Keep the reader's choice (saving the session only when it changed)."""
    chosen = [council.pk, request.user.pk]
    if request.session.get(SESSION_COUNCIL) != chosen:
        request.session[SESSION_COUNCIL] = chosen


def _council_shown(request):
    """(council, choice form, whether other councils exist): the council ``?council=<id>``
    names (then remembered in the session), or the one remembered, or the reader's own, or
    the site's only council. No council and no form: the site has none. No council and a
    form: the reader must choose (the form carries the error when the id named none)."""
    if "council" in request.GET:
        choice = CouncilChoiceForm(request.GET)
        choice.fields["council"].queryset = council_reads.councils_to_show()
        if not choice.is_valid():
            return None, choice, True
        council = choice.cleaned_data["council"]
        _remember(request, council)
        return council, None, council.others
    council = _remembered(request)
    if council is not None:
        return council, None, council.others
    first = council_reads.first_councils()
    if len(first) > 1:
        return None, CouncilChoiceForm(), True
    return (first[0] if first else None), None, False


def _chooser(request, choice=None):
    """The councils to choose from: those the reader's partnerships share first, then every
    council, searched by name and paged; the error of a council link that named none."""
    search = CouncilSearchForm(request.GET)
    words = search.cleaned_data["q"].strip() if search.is_valid() else ""
    errors = [*search.errors.get("q", [])]
    if choice is not None and choice.is_bound:
        errors += choice.errors.get("council", [])
    page = council_reads.council_page(words, request.GET.get("page"))
    context = {
        "error_links": [("id_q", message) for message in errors],
        "search_length": COUNCIL_SEARCH_LENGTH,
        "words": words,
        "page_obj": page,
        "page_range": list(page.paginator.get_elided_page_range(page.number)),
        "yours": council_reads.partnership_councils(request.user),
    }
    return render(request, "scrutiny/home_council_list.html", context)


def _own_other_council(user, council) -> int | None:
    """The reader's own council, when it is not the one shown."""
    org = user.organisation_id if user.is_authenticated else None
    if org is None or council is None or org == council.pk:
        return None
    return org if Organisation.objects.councils().filter(pk=org).exists() else None


@require_safe
def home(request):
    """One council's summary that anyone can see (recommendations by status, what is overdue
    or has gone quiet, upcoming meetings), and for a signed-in user their committees and
    what they can update. Everything is limited to what the user may see. Where the site
    has several councils and the reader has not chosen one (and belongs to none), the
    chooser of councils (for a signed-in reader, a link to it in place of the summary)."""
    council, choice, others = _council_shown(request)
    if choice is not None and (choice.is_bound or not request.user.is_authenticated):
        return _chooser(request, choice)
    # A signed-in reader yet to choose (a partner body's) still sees what they follow.
    context = home_summary(request.user, timezone.localdate(), council, summary=choice is None)
    context["can_see_deleted"] = can_see_deleted(request.user)
    context["can_see_outbox"] = can_see_outbox(request.user)
    own = getattr(request.user, "organisation_id", None)
    context["can_edit_chasing"] = can_edit_chasing(request.user, own)
    context["can_import_trackers"] = can_import_trackers(request.user)
    context["can_manage_users"] = can_manage_users(request.user)
    context["setup"] = setup_checklist(request.user, council)
    context["can_change_council"] = others
    context["own_council_id"] = _own_other_council(request.user, council)
    context["partnership_councils"] = council_reads.partnership_councils(request.user)
    return render(request, "scrutiny/home.html", context)


@require_safe
def home_council_list(request):
    """Choose the council whose figures the home page shows."""
    return _chooser(request)


@login_required
@require_safe
def update_owed_list(request):
    """Every progress update the signed-in user owes, soonest due first, a page at a time."""
    page = Paginator(updates_owed(request.user), OWED_PER_PAGE).get_page(request.GET.get("page"))
    calendar = reverse("scrutiny:update-owed-ics", kwargs={"token": feed_token(request.user)})
    return render(
        request,
        "scrutiny/update_owed_list.html",
        {
            "page_obj": page,
            "page_range": list(page.paginator.get_elided_page_range(page.number)),
            "calendar_url": request.build_absolute_uri(calendar),
        },
    )
