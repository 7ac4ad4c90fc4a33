from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Organisations, partnerships and people"

    def ready(self):
        # Connects the security log's and the sessions' signal receivers.
        from partnerships import security, sessions  # noqa: F401
