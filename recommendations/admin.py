from django.contrib import admin

from recommendations.models import ProgressUpdate, Recommendation, UpdateEntry
from scrutiny.common.history_admin import ReadOnlyHistoryAdmin
from scrutiny.common.locking import VersionCheckedAdmin


@admin.register(Recommendation)
class RecommendationAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = ["number", "heading", "review", "response", "lead_officer", "target_date"]
    list_filter = ["response", "review__committee", "review", "responsible_bodies"]
    search_fields = ["title", "text", "response_text", "lead_officer"]
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


@admin.register(UpdateEntry)
class UpdateEntryAdmin(ReadOnlyHistoryAdmin):
    list_display = ["recommendation", "update", "new_status"]
    list_filter = ["new_status"]
    search_fields = ["text", "reason"]
    autocomplete_fields = ["recommendation", "update"]
