from django.apps import AppConfig


class CommonConfig(AppConfig):
    """Cross-cutting machinery every app uses: optimistic locking, the GOV.UK form kit,
    bilingual fields, the security log, sessions, abstract models, context processors and
    template tags. It imports only Django and third-party code, never the project's apps."""

    name = "scrutiny.common"
    label = "common"
    verbose_name = "Common machinery"

    def ready(self):
        # Connects the security log's and the sessions' signal receivers.
        from scrutiny.common import security, sessions  # noqa: F401
