"""GOV.UK Notify as a Django email backend: the one adapter between the app's email and
Notify's API (notifications-python-client).

Notify sends only from templates kept in the service's Notify account, so the app uses one
email template whose subject is ``((subject))`` and whose message is ``((body))``; each email
fills those two from its own subject and plain text. Notify writes its own HTML from the
plain text, so the message's HTML alternative is not sent.
"""

from __future__ import annotations

from django.core.mail.backends.base import BaseEmailBackend
from notifications_python_client.notifications import NotificationsAPIClient

DEFAULT_BASE_URL = "https://api.notifications.service.gov.uk"


class NotifyEmailBackend(BaseEmailBackend):
    """Sends each recipient of each message as one Notify email notification. A refusal by
    Notify (an HTTP error) is raised, so the outbox records it and tries again."""

    def __init__(
        self,
        *args,
        api_key: str = "",
        template_id: str = "",
        base_url: str = DEFAULT_BASE_URL,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.api_key = api_key
        self.template_id = template_id
        self.base_url = base_url or DEFAULT_BASE_URL

    def send_messages(self, email_messages) -> int:
        client = NotificationsAPIClient(self.api_key, base_url=self.base_url)
        sent = 0
        for message in email_messages:
            for address in message.recipients():
                client.send_email_notification(
                    email_address=address,
                    template_id=self.template_id,
                    personalisation={"subject": message.subject, "body": message.body},
                    reference=message.extra_headers.get("X-Outbox-Key") or None,
                )
            sent += 1
        return sent
