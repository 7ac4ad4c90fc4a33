"""The world's records of the tracker import's later steps: an upload of council B's that
names a body nobody knows, and each council's saved columns."""

from recommendations.models import SavedImportMapping
from recommendations.services.imports import import_run_create

UNKNOWN_BODY_CSV = b"Ref,Review,Recommendation,Partners\r\n1,Parks,Open the gates.,Nobody Known\r\n"


def import_records(democratic_b, committee_b, council_a, council_b) -> dict:
    saved_a, saved_b = (
        SavedImportMapping.objects.create(
            council=council, name="Our tracker", headings=["ref"], mapping=["reference"]
        )
        for council in (council_a, council_b)
    )
    run = import_run_create(
        actor=democratic_b, committee=committee_b, filename="bodies.csv", content=UNKNOWN_BODY_CSV
    )
    return {"unknown_body_run_b": run, "saved_mapping_a": saved_a, "saved_mapping_b": saved_b}
