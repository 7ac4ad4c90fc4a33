from django.contrib import admin

from recommendations.models import (
    ClosureProposal,
    ProgressUpdate,
    Recommendation,
    StatusWord,
    UpdateEntry,
)
from recommendations.services import timeline_rebuild
from scrutiny.common.history_admin import ReadOnlyHistoryAdmin
from scrutiny.common.locking import VersionCheckedAdmin


@admin.register(Recommendation)
class RecommendationAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = [
        "reference",
        "heading",
        "review",
        "response",
        "lead_officer",
        "directorate",
        "decision_maker",
        "target_date",
    ]
    list_filter = ["response", "review__committee", "review", "responsible_bodies"]
    search_fields = [
        "reference",
        "title",
        "text",
        "response_text",
        "lead_officer",
        "directorate",
        "decision_maker",
        "expected_outcome",
    ]
    filter_horizontal = ["responsible_bodies"]
    autocomplete_fields = ["review"]

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting is soft, with a reason, on the recommendation's own page, so that
        # democratic services can restore it; the admin would destroy it.
        return False


class UpdateEntryInline(admin.StackedInline):
    model = UpdateEntry
    extra = 0
    autocomplete_fields = ["recommendation"]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = ["given_on", "kind", "given_by_role", "organisation", "item"]
    list_filter = ["kind", "organisation"]
    search_fields = ["given_by_role", "given_by_name", "summary", "entries__text"]
    date_hierarchy = "given_on"
    autocomplete_fields = ["item", "organisation"]
    inlines = [UpdateEntryInline]

    def has_delete_permission(self, request, obj=None) -> bool:
        # As for recommendations: delete an update softly, on its own page.
        return False

    def save_model(self, request, obj, form, change):
        # The recommendations its entries spoke of before the save: an entry moved to
        # another recommendation, or removed, changes the first one's timeline too.
        obj._timeline_before = set(_spoken_of(obj)) if change else set()
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        update = form.instance
        timeline_rebuild(recommendations=update._timeline_before | set(_spoken_of(update)))


@admin.register(UpdateEntry)
class UpdateEntryAdmin(ReadOnlyHistoryAdmin):
    list_display = ["recommendation", "update", "new_status"]
    list_filter = ["new_status"]
    search_fields = ["text", "reason"]
    autocomplete_fields = ["recommendation", "update"]

    # Correcting or removing an entry here moves the timelines of the recommendations it
    # spoke of (before and after), in the admin's transaction.
    def save_model(self, request, obj, form, change):
        before = set()
        if change:
            before = set(
                UpdateEntry.all_objects.filter(pk=obj.pk).values_list(
                    "recommendation_id", flat=True
                )
            )
        super().save_model(request, obj, form, change)
        timeline_rebuild(recommendations=before | {obj.recommendation_id})

    def delete_model(self, request, obj):
        recommendation_id = obj.recommendation_id
        super().delete_model(request, obj)
        timeline_rebuild(recommendations=[recommendation_id])

    def delete_queryset(self, request, queryset):
        spoken_of = set(queryset.values_list("recommendation_id", flat=True))
        super().delete_queryset(request, queryset)
        timeline_rebuild(recommendations=spoken_of)


@admin.register(ClosureProposal)
class ClosureProposalAdmin(ReadOnlyHistoryAdmin):
    """Read only, with its history (who proposed, decided or withdrew it, and when): a
    proposal is made in an update, decided on the meeting record screen and withdrawn on
    its recommendation's page, each of which keeps the status timeline right."""

    list_display = ["recommendation", "status", "state", "proposed_at", "item"]
    list_filter = ["state", "status"]
    search_fields = ["evidence", "decline_reason"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def _spoken_of(update: ProgressUpdate):
    """The recommendations an update's entries speak of (deleted ones too)."""
    return UpdateEntry.all_objects.filter(update=update).values_list("recommendation_id", flat=True)


@admin.register(StatusWord)
class StatusWordAdmin(ReadOnlyHistoryAdmin):
    """A council's words for our statuses; the same rules as the app's page (the model's
    constraints and clean)."""

    list_display = ["council", "status", "label", "label_cy"]
    list_filter = ["status", "council"]
    search_fields = ["label", "label_cy", "council__name"]
    autocomplete_fields = ["council"]
