"""What the meeting record tests share: the Leicester meetings' dates, what the LSCDG said
at item 7 in May 2021 and the POST that records it, the screen's address, and the counts
and states an all-or-nothing save must leave as they were."""

import datetime
import html as html_lib

from django.apps import apps
from django.urls import reverse

from recommendations.models import Status, UpdateKind
from scrutiny.models import AgreedAction

JANUARY = datetime.date(2021, 1, 19)
MAY = datetime.date(2021, 5, 25)
NOVEMBER = datetime.date(2021, 11, 2)
FURTHER_REPORT = "That a detailed update report be brought to a future meeting."

# What the LSCDG representative said at item 7 on 25 May 2021, point by point.
SAID = {
    4: "LSDG had received a report on career pathways today; it would be worked through.",
    5: "The sub regional workforce group was due to meet in June to motion this.",
    8: "Part of the careers pathway work and the Inspire to Care Programme workshops.",
    10: "Local workforce plans and packs had been created; meetings had been arranged.",
    11: "Points 11, 12 and 13 taken together: LSDG had run a Leadership Programme.",
    12: "Points 11, 12 and 13 taken together: LSDG applied to deliver the programme.",
    13: "Points 11, 12 and 13 taken together: workforce development fund sessions.",
    15: "Interlinked with the work being done across the career's pathway.",
}


def record_url(meeting) -> str:
    return reverse("scrutiny:meeting-record", args=[meeting.pk])


def verbal_update(leicester) -> dict[str, str]:
    """The POST of the May screen as a browser sends it after the LSCDG's update."""
    data = {
        "item-7-update-given_by_role": "Representative",
        "item-7-update-organisation": str(leicester["lscdg"].pk),
        "item-7-update-kind": UpdateKind.VERBAL,
        "item-7-update-summary": "Members received a verbal update on workforce planning.",
        "item-7-action-1-text": FURTHER_REPORT,
        "item-7-action-1-due": "future",
    }
    for number, words in SAID.items():
        data[f"item-7-rec-{leicester['recs'][number].pk}-text"] = words
    data[f"item-7-rec-{leicester['recs'][4].pk}-new_status"] = Status.ON_TRACK
    return data


def model_counts() -> dict[str, int]:
    return {m._meta.label: m.objects.count() for m in apps.get_models()}


def delivered_state() -> list:
    return list(AgreedAction.objects.values_list("pk", "delivered_on", "delivered_meeting"))


def page_words(response) -> str:
    return html_lib.unescape(response.content.decode())
