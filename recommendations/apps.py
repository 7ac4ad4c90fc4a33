from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class RecommendationsConfig(AppConfig):
    name = "recommendations"
    verbose_name = _("Recommendations and progress updates")

    def ready(self):
        from recommendations.signals import agenda_item_saved
        from scrutiny.models import AgendaItem

        post_save.connect(agenda_item_saved, sender=AgendaItem, dispatch_uid="timeline-item")
