"""Today, the addresses of the home and due pages, a recommendation's status set on a day,
and the text of a piece of a page."""

from django.urls import reverse
from django.utils import timezone

from recommendations.models import Status
from tests.factories import ProgressUpdateFactory, UpdateEntryFactory
from tests.scrutiny.committee_people import text_of

TODAY = timezone.localdate()
HOME = reverse("scrutiny:home")


def due_url(meeting) -> str:
    return reverse("scrutiny:meeting-due", args=[meeting.pk])


def set_status(rec, status, on, **entry):
    if status in Status.closing():
        entry.setdefault("reason", "Done")
    return UpdateEntryFactory(
        update=ProgressUpdateFactory(given_on=on), recommendation=rec, new_status=status, **entry
    )


def text_of_html(html: str) -> str:
    class Fake:
        content = html.encode()

    return text_of(Fake)
