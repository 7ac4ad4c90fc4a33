"""Organisation pages: every organisation by kind, and one organisation with everything it
carries across every council it reports to (reads in ``partnerships.selectors``)."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from partnerships import selectors
from partnerships.forms import AliasesForm, CouncilSettingsForm, OrganisationCreateForm
from partnerships.models import Organisation
from partnerships.permissions import can_add_organisation, can_manage_organisation
from partnerships.services import organisations as services
from recommendations.permissions import can_edit_status_words
from scrutiny.common.kept import posted_or_kept
from scrutiny.common.pages import refuse, save_form_page
from scrutiny.exports.actions import action_sheet
from scrutiny.exports.directory import organisation_sheet
from scrutiny.exports.recommendations import recommendation_sheet
from scrutiny.exports.tables import download
from scrutiny.permissions import can_manage_council
from scrutiny.selectors.trackers import tracked_among

# The order and headings of the organisation list's groups.
KIND_HEADINGS = {
    Organisation.Kind.COUNCIL: _("Councils"),
    Organisation.Kind.PARTNERSHIP: _("Partnerships"),
    Organisation.Kind.NATIONAL: _("National bodies"),
    Organisation.Kind.NHS: _("NHS bodies"),
    Organisation.Kind.OTHER: _("Other organisations"),
}


@require_safe
def organisation_list(request):
    """Every organisation, grouped by kind, each with its short name and aliases."""
    by_kind = selectors.organisations_by_kind(KIND_HEADINGS)
    groups = [
        {"kind": kind, "heading": heading, "organisations": by_kind[kind]}
        for kind, heading in KIND_HEADINGS.items()
        if by_kind[kind]
    ]
    context = {"groups": groups, "can_add": can_add_organisation(request.user)}
    return render(request, "partnerships/organisation_list.html", context)


@require_safe
def organisation_list_download(request, kind: str):
    """Every organisation, grouped by kind as the list is, as a file (``kind`` "csv" or
    "xlsx"), each with its short name, aliases and host."""
    by_kind = selectors.organisations_by_kind(KIND_HEADINGS)
    groups = [(heading, by_kind[value]) for value, heading in KIND_HEADINGS.items()]
    sheet = organisation_sheet(gettext("Organisations"), groups)
    return download(sheet, kind, f"organisations-{timezone.localdate()}")


@require_safe
def organisation_detail(request, pk: int):
    """One organisation: who it is, the partnerships it belongs to or hosts, its committees
    (a council's), and everything it carries across all councils, each list in pages."""
    organisation, user, asked = selectors.organisation_for_page(pk), request.user, request.GET
    carried = selectors.recommendations_carried_by(organisation, user, asked.get("page"))
    context = {
        "organisation": organisation,
        "committees": selectors.committees_of(organisation),
        "carried": carried,
        "page_range": list(carried.page.paginator.get_elided_page_range(carried.page.number)),
        "actions": selectors.actions_falling_to(organisation, user, asked.get("actions_page")),
        "updates": selectors.updates_given_by(organisation, user, asked.get("updates_page")),
        "can_change_settings": organisation.is_council
        and can_manage_council(user, organisation.pk),
        "can_edit_status_words": can_edit_status_words(user, organisation),
        "can_manage": can_manage_organisation(user, organisation),
    }
    return render(request, "partnerships/organisation_detail.html", context)


@require_safe
def organisation_recommendations_download(request, pk: int, kind: str):
    """The recommendations the organisation carries that the user may see, across every
    council, as a file (``kind`` "csv" or "xlsx"), up to ``EXPORT_MAX_ROWS``."""
    organisation = get_object_or_404(Organisation, pk=pk)
    today = timezone.localdate()
    chosen = selectors.carried_in_order(organisation, request.user)
    rows = tracked_among(chosen, user=request.user, as_at=today, limit=settings.EXPORT_MAX_ROWS)
    title = gettext("%(organisation)s: recommendations") % {"organisation": organisation.name}
    sheet = recommendation_sheet(title, rows, today)
    return download(
        sheet,
        kind,
        f"{slugify(organisation.short_name or organisation.name)}-recommendations-{today}",
    )


@require_safe
def organisation_actions_download(request, pk: int, kind: str):
    """The agreed actions that fall to the organisation, as its page lists them, as a file."""
    organisation = get_object_or_404(Organisation, pk=pk)
    actions = selectors.actions_falling_to_all(organisation, request.user)
    title = gettext("%(organisation)s: agreed actions") % {"organisation": organisation.name}
    sheet = action_sheet(title, actions[: settings.EXPORT_MAX_ROWS])
    name = f"{slugify(organisation.short_name or organisation.name)}-actions-{timezone.localdate()}"
    return download(sheet, kind, name)


@login_required
def organisation_edit(request, pk: int):
    """A council's settings, for its democratic services (and administrators)."""
    council = get_object_or_404(Organisation.objects.councils(), pk=pk)
    if not can_manage_council(request.user, council.pk):
        refuse(request.user, gettext("Only the council's democratic services can change this."))
    form = CouncilSettingsForm(posted_or_kept(request), instance=council, actor=request.user)
    return save_form_page(
        request,
        form,
        "partnerships/organisation_form.html",
        {"organisation": council},
        gettext("Settings saved"),
    )


@login_required
def organisation_create(request):
    """Add a partner body (democratic services: of their council) or any body (admins)."""
    if not can_add_organisation(request.user):
        refuse(request.user, gettext("Only democratic services can add organisations."))
    form = OrganisationCreateForm(request.POST or None, actor=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            organisation = services.organisation_create(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, gettext("%(name)s added") % {"name": organisation.name})
            return redirect(organisation)
    context = {"form": form, "adds_partner_body": not request.user.is_superuser}
    return render(request, "partnerships/organisation_create.html", context)


@login_required
def organisation_aliases_edit(request, pk: int):
    """The other names minutes give a body, for those who manage it."""
    organisation = get_object_or_404(Organisation, pk=pk)
    if not can_manage_organisation(request.user, organisation):
        refuse(request.user, gettext("Only democratic services can change this."))
    form = AliasesForm(request.POST or None, organisation=organisation)
    if request.method == "POST" and form.is_valid():
        try:
            services.organisation_aliases_set(
                actor=request.user, organisation=organisation, names=form.names()
            )
        except ValidationError as error:
            form.add_error("aliases", error)
        else:
            messages.success(request, gettext("Other names saved"))
            return redirect(organisation)
    context = {"form": form, "organisation": organisation}
    return render(request, "partnerships/organisation_aliases.html", context)
