"""Recording what happened at a meeting, item by item."""

import re

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from scrutiny.common.once import AlreadySent, already_sent_response, form_token, posted_token
from scrutiny.common.pages import refuse
from scrutiny.forms import MeetingRecordForm
from scrutiny.selectors.record import RecordChoices, record_choices
from scrutiny.services import meeting_record
from scrutiny.views._common import bound_or_kept, meeting_for_change, require_manager

RECORD_ENTRY_TEXT = re.compile(r"^item-(\d+)-rec-(\d+)-text$")


def _refuse_unoffered(user, data, choices: RecordChoices) -> None:
    """Words sent about a recommendation the page did not offer at that item (one of a
    review the item does not take, or another council's) are refused outright, never
    silently dropped."""
    offered = {
        (item.number, rec.pk) for item in choices.items for rec in choices.recommendations_for(item)
    }
    for key, value in data.items():
        match = RECORD_ENTRY_TEXT.match(key)
        if match and value.strip() and (int(match[1]), int(match[2])) not in offered:
            refuse(user, gettext("That recommendation is not one this item reports on."))


def _add_service_errors(record: MeetingRecordForm, error: ValidationError, can_record: bool):
    keyed = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    for key, words in keyed.items():
        for message in words:
            # With no form on the page (a meeting to come), the error leads to the top.
            anchor = key if key.startswith("item-") else None
            record.add_error(message, anchor if can_record else "main-content")


def _save_record(request, meeting, record: MeetingRecordForm, can_record: bool):
    """Save the valid ``record`` and go to the meeting; None, with the service's refusals
    added to the record, when it turns it down. Sent again, it shows what was saved."""
    try:
        result = meeting_record(
            meeting=meeting,
            actor=request.user,
            items=record.item_records(),
            form_token=posted_token(request.POST),
        )
    except AlreadySent as sent:
        return already_sent_response(request, sent, meeting.get_absolute_url())
    except ValidationError as error:
        _add_service_errors(record, error, can_record)
        return None
    messages.success(request, result.summary())
    return redirect(meeting)


@login_required
@require_http_methods(["GET", "POST"])
def meeting_record_page(request, pk: int):
    """Democratic services of the committee's council (and administrators) record, item by
    item, what happened at a meeting: the update given at each item on its review's
    recommendations, the actions the committee agreed, and which earlier actions each item
    delivered. Saved all or nothing (``scrutiny.services.meeting_record``); any error
    brings the page back with every typed value kept."""
    meeting = meeting_for_change(pk)
    require_manager(request.user, meeting.committee.council_id)
    choices = record_choices(meeting, request.user)
    data = bound_or_kept(request)
    if data is not None:
        _refuse_unoffered(request.user, data, choices)
    record = MeetingRecordForm.for_meeting(data, meeting=meeting, choices=choices)
    can_record = not meeting.cancelled and meeting.date <= timezone.localdate()
    saving = request.method == "POST" and record.is_valid()
    if saving and (saved := _save_record(request, meeting, record, can_record)):
        return saved
    return render(
        request,
        "scrutiny/meeting_record.html",
        {
            "meeting": meeting,
            "committee": meeting.committee,
            "record": record,
            # base.html marks the page title when ``form.errors`` is set.
            "form": record,
            "can_record": can_record,
            # Read once for the forms' choices and the page's tags alike.
            "status_words": choices.status_words,
            "form_token": form_token(data),
        },
    )
