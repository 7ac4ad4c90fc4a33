"""What comes back through an update request's link: held as a submission until the
council's democratic services accept it (then it is a real progress update, given by the
person who sent it, on the day they sent it) or return it with a comment (the person is
emailed the comment and a fresh link)."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext

from partnerships.models import User
from recommendations.models import (
    SubmissionState,
    SubmittedEntry,
    SubmittedUpdate,
    UpdateKind,
)
from recommendations.services import EntryInput, update_create
from scrutiny.models import Meeting
from scrutiny.services.mail import mail_render, mail_send
from scrutiny.services.update_requests import request_url


def submission_create(
    *, person: User, meeting: Meeting, entries: list[EntryInput]
) -> SubmittedUpdate:
    """Hold what ``person`` sent for ``meeting`` (at least one entry), unpublished."""
    if not entries:
        raise ValidationError(gettext("Say what was reported on at least one recommendation."))
    with transaction.atomic():
        submission = SubmittedUpdate(person=person, meeting=meeting)
        submission.full_clean()
        submission.save()
        rows = [
            SubmittedEntry(
                submission=submission,
                recommendation=e.recommendation,
                text=e.text,
                text_cy=e.text_cy,
                new_status=e.new_status,
                revised_target_date=e.revised_target_date,
                reason=e.reason,
            )
            for e in entries
        ]
        for row in rows:
            row.full_clean()
        SubmittedEntry.objects.bulk_create(rows)
    return submission


def _decide(submission: SubmittedUpdate, actor: User, state: str) -> SubmittedUpdate:
    """Lock the submission and check it is still pending and ``actor`` manages its council."""
    locked = SubmittedUpdate.objects.select_for_update().get(pk=submission.pk)
    if not actor.manages_council(submission.meeting.committee.council_id):
        raise PermissionDenied(gettext("You cannot check this council's submitted updates."))
    if locked.state != SubmissionState.PENDING:
        raise PermissionDenied(gettext("This submitted update has already been checked."))
    locked.state = state
    locked.decided_by = actor
    return locked


def submission_accept(*, submission: SubmittedUpdate, actor: User):
    """Publish ``submission`` as a written progress update through ``update_create``:
    recorded by ``actor``, given by its sender for their organisation, dated the day it was
    sent. Its rules (a slipped status needs a date and a reason, ...) are the update's."""
    person = submission.person
    entries = [
        EntryInput(
            recommendation=e.recommendation,
            text=e.text,
            text_cy=e.text_cy,
            new_status=e.new_status,
            revised_target_date=e.revised_target_date,
            reason=e.reason,
        )
        for e in submission.entries.select_related("recommendation__review__committee")
    ]
    with transaction.atomic():
        locked = _decide(submission, actor, SubmissionState.ACCEPTED)
        update = update_create(
            actor=actor,
            given_on=submission.submitted_on,
            kind=UpdateKind.WRITTEN,
            organisation=person.organisation,
            given_by_role=person.job_title or gettext("Officer"),
            given_by_name=person.display_name,
            entries=entries,
            reason="Accepted from an update request",
        )
        locked.update = update
        locked.save()
    return update


def submission_return(*, submission: SubmittedUpdate, actor: User, comment: str) -> None:
    """Send ``submission`` back to its sender with ``comment`` (needed), emailed in their
    language with a fresh link to send it again."""
    comment = comment.strip()
    if not comment:
        raise ValidationError(gettext("Say why you are returning it."))
    person, meeting = submission.person, submission.meeting
    with transaction.atomic():
        locked = _decide(submission, actor, SubmissionState.RETURNED)
        locked.comment = comment
        locked.save()
        mail = mail_render(
            template="recommendations/email/update_returned",
            context={
                "user": person,
                "meeting": meeting,
                "comment": comment,
                "url": request_url(person, meeting),
                "site_url": settings.SITE_URL,
            },
            language=person.language or "en",
        )
        mail_send(
            to=person.email,
            mail=mail,
            kind="update_returned",
            council_id=meeting.committee.council_id,
        )
