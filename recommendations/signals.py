"""Keeping the status timeline current where no service makes the change: an agenda item
made exempt or public (its form saves it through ``save_form_page``, and the admin edits
items too). Connected in ``RecommendationsConfig.ready``."""

from recommendations.models import ClosureProposal, UpdateEntry
from recommendations.services import timeline_rebuild


def agenda_item_saved(sender, instance, created, update_fields=None, **kwargs):
    """Rebuild the timelines of the recommendations spoken of, or signed off, at the item:
    whether it is exempt decides which audiences count what was said or agreed there."""
    if created or (update_fields is not None and "exempt" not in update_fields):
        return
    spoken_of = set(
        UpdateEntry.all_objects.filter(update__item=instance).values_list(
            "recommendation_id", flat=True
        )
    )
    spoken_of |= set(
        ClosureProposal.objects.filter(item=instance).values_list("recommendation_id", flat=True)
    )
    if spoken_of:
        timeline_rebuild(recommendations=spoken_of)
