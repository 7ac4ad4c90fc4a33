"""The recommendation list's filters (django-filter), sent by GET so that the filter state
is in the URL and a member can share or bookmark a filtered list.

Rules enforced here:
- the council, committee, review and responsible body choices come only from the
  recommendations the user may see (``Recommendation.objects.visible_to``), so a draft
  review, or a body or committee reached only through one, is never offered to someone who
  may not see it; a value that is not offered is an error, never a silent match;
- the review choice follows the committee: only the chosen committee's reviews are offered
  (without JavaScript, once the filters are applied), or the one review a URL names;
- directorate and decision-maker match the words typed anywhere in them, whatever the case;
- "status" is the status now and "overdue" and "no update for" follow the list's own
  ``with_status(user=...)`` annotations, so they count only the updates the user may see;
- invalid input (a month count of "abc", 31 February, an earliest target date after the
  latest) is an error in the form: the view then shows no list rather than a list filtered
  by only some of what was asked.
"""

from __future__ import annotations

import django_filters
from crispy_forms_gds.layout import HTML, Field, Size
from django import forms
from django.db.models import Exists, OuterRef
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from partnerships.models import Organisation
from recommendations.models import Recommendation, Response, Status, StatusWords
from scrutiny.common.forms import DateField, form_helper
from scrutiny.models import Committee, Review

# Twenty years: longer than any review lasts, and small enough that "today less N months"
# is always a date the database can hold.
MAX_MONTHS = 240


class RecommendationFilterForm(forms.Form):
    """The form django-filter builds from ``RecommendationFilter``'s filters: a GET form
    drawn by crispy-forms-gds, refusing a target date range that ends before it starts."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = form_helper(
            Field.select("council"),
            Field.select("committee"),
            Field.select("review"),
            Field.select("body"),
            Field.text("directorate"),
            Field.text("decision_maker"),
            Field.select("status"),
            Field.select("response"),
            Field.select("overdue"),
            Field.select("sign_off"),
            Field.text("no_update_for", field_width=None),
            Field("target_from"),
            Field("target_to"),
            # A button without a name, so the filtered list's URL holds only the filters.
            HTML(
                format_html(
                    '<button type="submit" class="govuk-button govuk-button--secondary" '
                    'data-module="govuk-button">{}</button>',
                    gettext("Apply filters"),
                )
            ),
            size=Size.SMALL,
        )
        self.helper.form_tag = True
        self.helper.form_method = "get"

    def clean(self):
        data = super().clean()
        start, end = data.get("target_from"), data.get("target_to")
        if start and end and start > end:
            self.add_error(
                "target_to",
                _("Latest target date must be the same as or after the earliest target date"),
            )
        return data


class DateFilter(django_filters.Filter):
    """One end of a date range, in GOV.UK day, month and year boxes."""

    field_class = DateField


class MonthsFilter(django_filters.Filter):
    """A whole number of months, from 1 to ``MAX_MONTHS``."""

    field_class = forms.IntegerField


def _months_errors() -> dict:
    words = _("Enter the number of months as a whole number from 1 to %(max)s, like 6") % {
        "max": MAX_MONTHS
    }
    return {"invalid": words, "min_value": words, "max_value": words}


# The filters that ask about each recommendation's status now.
STATUS_FILTERS = ("status", "overdue", "no_update_for", "target_from", "target_to")


class RecommendationFilter(django_filters.FilterSet):
    """Narrow the recommendations the list shows.

    Needs ``request``, whose user the council, committee, review and body choices are
    limited to, and whose ``with_status`` the status filters read.
    """

    council = django_filters.ChoiceFilter(
        field_name="review__committee__council_id",
        label=_("Council"),
        empty_label=_("All councils"),
    )
    committee = django_filters.ChoiceFilter(
        field_name="review__committee_id",
        label=_("Committee"),
        empty_label=_("All committees"),
    )
    review = django_filters.ChoiceFilter(
        field_name="review_id", label=_("Review"), empty_label=_("All reviews")
    )
    body = django_filters.ChoiceFilter(
        field_name="responsible_bodies",
        label=_("Responsible body"),
        empty_label=_("Any body"),
    )
    # Words to look for rather than choices: listing the distinct values of every
    # recommendation a reader may see would read them all, as the places once did (issue 17).
    directorate = django_filters.CharFilter(
        field_name="directorate",
        lookup_expr="icontains",
        label=_("Directorate or service area"),
        help_text=_("All or part of its name, for example Social Services."),
        max_length=200,
    )
    decision_maker = django_filters.CharFilter(
        field_name="decision_maker",
        lookup_expr="icontains",
        label=_("Decision-maker"),
        help_text=_("All or part of the Cabinet member's title or portfolio."),
        max_length=200,
    )
    status = django_filters.ChoiceFilter(
        field_name="status",
        choices=Status.choices,
        label=_("Status now"),
        empty_label=_("Any status"),
    )
    response = django_filters.ChoiceFilter(
        field_name="response",
        choices=Response.choices,
        label=_("Executive response"),
        empty_label=_("Any response"),
    )
    overdue = django_filters.ChoiceFilter(
        choices=[("yes", _("Overdue only")), ("no", _("Not overdue"))],
        method="filter_overdue",
        label=_("Overdue"),
        help_text=_("Overdue means open and past its target date (revised, if it was)."),
        empty_label=_("Overdue or not"),
    )
    sign_off = django_filters.ChoiceFilter(
        choices=[("proposed", _("Proposed for sign-off"))],
        method="filter_sign_off",
        label=_("Sign-off"),
        help_text=_(
            "Proposed for sign-off: open, and waiting for the committee to agree it is closed."
        ),
        empty_label=_("Proposed or not"),
    )
    no_update_for = MonthsFilter(
        method="filter_no_update_for",
        label=_("No progress update for (months)"),
        help_text=_(
            "For example, 6: those whose latest update is more than 6 months old, "
            "and those never updated."
        ),
        min_value=1,
        max_value=MAX_MONTHS,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-3"}),
    )
    target_from = DateFilter(
        field_name="current_target_date",
        lookup_expr="gte",
        label=_("Earliest target date"),
        help_text=_("The target date now (revised, if it was). For example, 1 4 2022."),
    )
    target_to = DateFilter(
        field_name="current_target_date",
        lookup_expr="lte",
        label=_("Latest target date"),
        help_text=_("For example, 31 3 2023."),
    )

    class Meta:
        model = Recommendation
        fields: list[str] = []
        form = RecommendationFilterForm

    def __init__(self, data=None, queryset=None, *, request, status_words=None, **kwargs):
        super().__init__(data, queryset, request=request, **kwargs)
        # Worded per request, in the language of the page.
        self.filters["no_update_for"].extra["error_messages"] = _months_errors()
        councils, committees = _committees(request.user)
        self.filters["council"].extra["choices"] = councils
        self.filters["committee"].extra["choices"] = committees
        self._review_follows_committee(request.user, data)
        self.filters["body"].extra["choices"] = _bodies(request.user)
        self.filters["status"].extra["choices"] = _status_choices(
            self.data, councils, status_words or StatusWords()
        )

    def _review_follows_committee(self, user, data) -> None:
        """Offer the chosen committee's reviews; with no committee chosen, none but the one
        a URL names (a shared or older link), and a hint to choose the committee first.

        A national list offered every review (16,450 options, 1 MB of HTML: issue 17). A
        review that is not offered (another committee's, one hidden from the user) is an
        error, never a silent match.
        """
        review = self.filters["review"]
        committee, chosen = _whole_number((data or {}).get("committee")), None
        if committee is not None:
            chosen = _reviews(user, committee_id=committee)
            review.extra["error_messages"] = {
                "invalid_choice": _("Choose one of the committee's reviews, or all reviews")
            }
        elif (wanted := _whole_number((data or {}).get("review"))) is not None:
            chosen = _reviews(user, pk=wanted)
        if committee is None:
            review.extra["help_text"] = _(
                "Choose a committee and apply the filters: its reviews are then offered here."
            )
        review.extra["choices"] = chosen or []

    def filter_queryset(self, queryset):
        """Add each recommendation's status now, as the user sees it, only when a filter
        asks about it: reading every recommendation's status costs as much as the page."""
        if any(self.form.cleaned_data.get(name) not in (None, "") for name in STATUS_FILTERS):
            queryset = queryset.with_status(user=self.request.user)
        return super().filter_queryset(queryset)

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue() if value == "yes" else queryset.not_overdue()

    def filter_sign_off(self, queryset, name, value):
        return queryset.proposed_for_sign_off(self.request.user)

    def filter_no_update_for(self, queryset, name, value):
        return queryset.no_update_for(value)

    @property
    def active(self) -> bool:
        """Whether valid filters narrow the list (not merely a page number in the URL)."""
        return self.is_valid() and any(
            value not in (None, "") for value in self.form.cleaned_data.values()
        )


def _status_choices(
    data, councils: list[tuple[str, str]], words: StatusWords
) -> list[tuple[str, str]]:
    """Our statuses, the values the filter keeps; when the list is for one council (chosen
    in the council filter, or the only one the reader sees), each labelled with that
    council's word beside ours ("On hold (Slipped)"), from ``words`` (the page's, so that
    the words are read once for the filter and the list)."""
    ids = {pk for pk, _name in councils}
    chosen = (data or {}).get("council")
    one = chosen if chosen in ids else (next(iter(ids)) if len(ids) == 1 else None)
    if one is None:
        return list(Status.choices)
    return words.choices(Status.values, int(one))


def _bodies(user) -> list[tuple[str, str]]:
    """Choices of the bodies that carry a recommendation ``user`` may see, by name.

    Each body is asked whether it carries one (an index look-up that stops at the first),
    rather than listing the bodies of every recommendation: that is a scan of them all.
    """
    carries = Recommendation.objects.visible_to(user).filter(responsible_bodies=OuterRef("pk"))
    return [
        (str(body.pk), body.label)
        for body in Organisation.objects.filter(Exists(carries)).order_by("name")
    ]


def _whole_number(value) -> int | None:
    """A query parameter's whole number (within the database's integers), else None."""
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**31 else None


def _committees(user) -> tuple[list, list]:
    """Choices of the councils and committees (grouped by council) of the recommendations
    ``user`` may see, in one query.

    Read from the committees table, each asked whether it has a review the user may see
    with a recommendation (index look-ups that stop at the first), not from every
    recommendation or review: a recommendation is visible exactly when its review is, and
    at national size the distinct places of 235,000 recommendations cost a join and a sort
    of them all (issue 17).
    """
    reviews = Review.objects.visible_to(user).filter(
        Exists(Recommendation.objects.filter(review=OuterRef("pk"))), committee=OuterRef("pk")
    )
    rows = (
        Committee.objects.filter(Exists(reviews))
        .order_by("council__name", "name", "pk")
        .values_list("council_id", "council__name", "pk", "name")
    )
    councils: dict[int, str] = {}
    committees: dict[str, list] = {}
    for council_id, council, committee_id, committee in rows:
        councils[council_id] = council
        committees.setdefault(council, []).append((str(committee_id), committee))
    return [(str(pk), name) for pk, name in councils.items()], list(committees.items())


def _reviews(user, **where) -> list[tuple[str, str]]:
    """Choices of the reviews ``user`` may see that have a recommendation, narrowed by
    ``where`` (a committee, or one review), by title."""
    return [
        (str(pk), title)
        for pk, title in Review.objects.visible_to(user)
        .filter(Exists(Recommendation.objects.filter(review=OuterRef("pk"))), **where)
        .order_by("title", "pk")
        .values_list("pk", "title")
    ]
