"""The dates of the Leicester pattern (an executive response in January, a verbal update in
April) and a progress update given at an agenda item."""

import datetime

from tests.factories import ProgressUpdateFactory, UpdateEntryFactory

JANUARY = datetime.date(2021, 1, 19)
APRIL = datetime.date(2021, 4, 20)


def update_at(item, recommendation, **entry):
    update = ProgressUpdateFactory(item=item, given_on=item.meeting.date)
    return UpdateEntryFactory(update=update, recommendation=recommendation, **entry)
