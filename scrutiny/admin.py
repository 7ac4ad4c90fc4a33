from django.contrib import admin
from django.core.exceptions import ValidationError

from scrutiny.common.history_admin import ReadOnlyHistoryAdmin
from scrutiny.common.locking import VersionCheckedAdmin, VersionCheckedAdminForm
from scrutiny.models import (
    AgendaItem,
    AgreedAction,
    Committee,
    CouncilChasing,
    DecisionPoint,
    ExecutiveDecision,
    Meeting,
    Outbox,
    Review,
)


@admin.register(Committee)
class CommitteeAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = ["name", "council", "kind", "chair", "vice_chair"]
    list_filter = ["kind", "council"]
    search_fields = ["name", "council__name", "chair", "vice_chair"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["number", "title", "review", "exempt", "exempt_reason"]
    autocomplete_fields = ["review"]


@admin.register(Meeting)
class MeetingAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = ["committee", "date", "start_time", "venue", "cancelled"]
    list_filter = ["committee__council", "committee", "cancelled"]
    search_fields = ["committee__name", "venue"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


class AgendaItemAdminForm(VersionCheckedAdminForm):
    """The admin keeps the item's rule for the reviews it also reports on
    (``AgendaItem.clean_other_reviews``)."""

    class Meta:
        model = AgendaItem
        exclude = ["version"]

    def clean(self):
        cleaned = super().clean()
        meeting, others = cleaned.get("meeting"), cleaned.get("other_reviews")
        if meeting is not None and others:
            self.instance.meeting = meeting
            try:
                self.instance.clean_other_reviews(
                    cleaned.get("review"), others.select_related("committee")
                )
            except ValidationError as error:
                self.add_error("other_reviews", error)
        return cleaned


@admin.register(AgendaItem)
class AgendaItemAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    form = AgendaItemAdminForm
    list_display = ["number", "title", "meeting", "exempt"]
    list_filter = ["exempt", "meeting__committee"]
    search_fields = ["title", "description"]
    autocomplete_fields = ["meeting", "review", "other_reviews"]


@admin.register(Review)
class ReviewAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = [
        "title",
        "committee",
        "status",
        "published",
        "report_agreed_on",
        "response_due_on",
        "response_received_on",
    ]
    list_filter = ["status", "published", "committee__council", "committee"]
    search_fields = ["title", "report_title", "summary", "lead_member"]
    readonly_fields = ["response_due_on"]
    autocomplete_fields = ["response_meeting"]


class DecisionPointInline(admin.TabularInline):
    model = DecisionPoint
    extra = 0


@admin.register(ExecutiveDecision)
class ExecutiveDecisionAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = ["minute_number", "title", "decided_by", "decided_on", "referred_to"]
    list_filter = ["decided_by__council", "referred_to"]
    search_fields = ["minute_number", "title", "summary"]
    date_hierarchy = "decided_on"
    inlines = [DecisionPointInline]
    autocomplete_fields = ["referred_to_item"]


@admin.register(DecisionPoint)
class DecisionPointAdmin(ReadOnlyHistoryAdmin):
    list_display = ["decision", "kind", "number"]
    list_filter = ["kind"]
    search_fields = ["text", "decision__minute_number"]


@admin.register(AgreedAction)
class AgreedActionAdmin(VersionCheckedAdmin, ReadOnlyHistoryAdmin):
    list_display = ["text", "meeting", "falls_to", "due_on", "due_meeting", "delivered_on"]
    list_filter = ["meeting__committee", ("delivered_on", admin.EmptyFieldListFilter)]
    search_fields = ["text", "falls_to"]
    autocomplete_fields = ["meeting", "item", "review", "due_meeting", "delivered_meeting"]


@admin.register(CouncilChasing)
class CouncilChasingAdmin(admin.ModelAdmin):
    list_display = [
        "council",
        "weekly_digest",
        "digest_day",
        "update_overdue",
        "target_passed",
        "response_deadline",
        "response_warning_days",
        "language",
    ]
    list_filter = ["weekly_digest", "update_overdue", "target_passed", "response_deadline"]


@admin.register(Outbox)
class OutboxAdmin(admin.ModelAdmin):
    """The outbox, read only: what was sent is a record (the outbox page sends again)."""

    list_display = ["queued_at", "to", "kind", "council", "sent_at", "failed_at", "attempts"]
    list_filter = ["kind", "council"]
    search_fields = ["to", "subject"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
