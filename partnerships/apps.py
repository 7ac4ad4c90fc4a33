from django.apps import AppConfig


class PartnershipsConfig(AppConfig):
    name = "partnerships"
    verbose_name = "Organisations, partnerships and people"

    def ready(self):
        # Connects the signal receivers (the signed-out message, two-factor sign-in).
        from partnerships import signals  # noqa: F401
