"""The admin of every audited model: administrators read each record's history (who changed
what and when, django-simple-history's history page) but can never change it. Reverting to
an old version is refused (``SIMPLE_HISTORY_REVERT_DISABLED`` hides the button; this refuses
the POST too), and no historical model is registered for editing."""

from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyHistoryAdmin(SimpleHistoryAdmin):
    def has_change_history_permission(self, request, obj=None) -> bool:
        return False

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """An old version, to read only: saving it (reverting) is refused."""
        if request.method not in ("GET", "HEAD"):
            raise PermissionDenied("History cannot be changed: nothing was reverted.")
        return super().history_form_view(request, object_id, version_id, extra_context)
