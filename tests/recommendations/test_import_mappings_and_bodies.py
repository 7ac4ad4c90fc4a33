"""The tracker import's second increment (services): saved columns reused by a later file,
unknown bodies made or kept as aliases only on confirming, the minute number column, and
old uploads' files pruned."""

import datetime
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone

from partnerships.models import Organisation, OrganisationAlias, Role
from recommendations.models import ImportRun, ImportState, Recommendation, UndatedTargets
from recommendations.services.import_files import propose_mapping
from recommendations.services.import_mappings import (
    saved_mapping_delete,
    saved_mapping_save,
    saved_mapping_use,
)
from recommendations.services.imports import (
    import_run_choose_bodies,
    import_run_confirm,
    import_run_create,
    import_run_map,
    import_run_plan,
    import_run_table,
    import_runs_prune,
)
from tests.factories import CommitteeFactory, PartnershipFactory, user_with_role

DAY = datetime.date(2025, 12, 1)
# Headings no rule knows ("Item", "Words", "Who"), so only saved columns map them.
ODD = (
    b"Item,Words,Study,Who,Min ref\n"
    b"1,Open the gates earlier.,Parks,Parks Trust,Minute 45\n"
    b"2,Add benches.,Parks,Bench Friends; Parks Trust,Minute 45\n"
    b"3,Light the paths.,Parks,bench friends,OSC/23/7\n"
)


def upload(clerk, committee, content, mapping=None):
    run = import_run_create(actor=clerk, committee=committee, filename="t.csv", content=content)
    return import_run_map(
        run=run,
        actor=clerk,
        sheet=run.sheet,
        mapping=run.mapping if mapping is None else mapping,
        review_title="",
        updates_given_on=DAY,
        item=None,
        undated_targets=UndatedTargets.ERROR,
    )


COLUMNS = ["reference", "text", "review", "bodies", "minute"]


def test_saved_columns_are_used_by_themselves_for_a_file_with_the_same_headings(clerk, committee):
    run = upload(clerk, committee, ODD)
    assert run.mapping == ["", "", "", "", "minute"] and run.saved_mapping is None
    run = upload(clerk, committee, ODD, mapping=COLUMNS)
    headings = import_run_table(run).headings
    saved = saved_mapping_save(actor=clerk, run=run, name="Parks tracker", headings=headings)
    # The same headings written otherwise ("WORDS", "Min. Ref") are the same headings.
    again = ODD.replace(b"Words", b"WORDS").replace(b"Min ref", b"Min. Ref")
    later = import_run_create(actor=clerk, committee=committee, filename="b.csv", content=again)
    assert later.mapping == COLUMNS and later.saved_mapping == saved
    other = import_run_create(
        actor=clerk, committee=committee, filename="c.csv", content=b"Item,Words\n1,x\n"
    )
    assert other.mapping == ["", ""] and other.saved_mapping is None
    # Picked from the list: each column whose heading it knows.
    saved_mapping_use(
        actor=clerk, run=other, saved=saved, headings=import_run_table(other).headings
    )
    other.refresh_from_db()
    assert other.mapping == ["reference", "text"] and other.saved_mapping == saved


def test_saving_under_a_name_used_replaces_it_and_another_council_cannot_use_or_delete(
    clerk, committee
):
    run = upload(clerk, committee, ODD, mapping=COLUMNS)
    table = import_run_table(run)
    first = saved_mapping_save(actor=clerk, run=run, name="Parks", headings=table.headings)
    assert first.headings == ["item", "words", "study", "who", "min ref"]
    run = upload(clerk, committee, ODD, mapping=["reference", "text", "review", "", ""])
    second = saved_mapping_save(actor=clerk, run=run, name=" PARKS ", headings=table.headings)
    assert second.pk == first.pk and second.mapping == ["reference", "text", "review", "", ""]
    stranger = user_with_role(Role.DEMOCRATIC_SERVICES, CommitteeFactory().council)
    with pytest.raises(Exception, match="democratic services|another council"):
        saved_mapping_use(actor=stranger, run=run, saved=second, headings=table.headings)
    with pytest.raises(Exception, match="democratic services"):
        saved_mapping_delete(actor=stranger, saved=second)
    saved_mapping_delete(actor=clerk, saved=second)
    run.refresh_from_db()
    assert run.saved_mapping is None  # the run stays


def test_unknown_bodies_are_listed_and_made_or_aliased_only_on_confirming(clerk, committee):
    trust = PartnershipFactory(name="Parks Trust", short_name="")
    run = upload(clerk, committee, ODD, mapping=COLUMNS)
    plan = import_run_plan(run)
    assert plan.unknown_bodies == {"bench friends": ("Bench Friends", [3, 4])}
    assert [(n, c) for n, c, _t in plan.errors] == [(3, "Who"), (4, "Who")]
    import_run_choose_bodies(run=run, actor=clerk, choices={"bench friends": "new"})
    orgs, aliases = Organisation.objects.count(), OrganisationAlias.objects.count()
    plan = import_run_plan(run)
    assert plan.errors == [] and [o.name for o in plan.new_bodies] == ["Bench Friends"]
    assert Organisation.objects.count() == orgs  # nothing made before confirming
    import_run_confirm(run=run, actor=clerk)
    friends = Organisation.objects.get(name="Bench Friends")
    assert friends.history.get().history_user == clerk
    benches = Recommendation.objects.get(reference="2")
    assert set(benches.responsible_bodies.all()) == {friends, trust}
    assert list(Recommendation.objects.get(reference="3").responsible_bodies.all()) == [friends]
    assert OrganisationAlias.objects.count() == aliases
    # Next time the name is known.
    assert import_run_plan(upload(clerk, committee, ODD, mapping=COLUMNS)).count("same") == 3


def test_an_unknown_name_said_to_be_a_body_we_have_becomes_its_alias(clerk, committee):
    trust = PartnershipFactory(name="Parks Trust", short_name="")
    run = upload(clerk, committee, ODD, mapping=COLUMNS)
    with pytest.raises(ValidationError):
        import_run_choose_bodies(run=run, actor=clerk, choices={"bench friends": "999999"})
    import_run_choose_bodies(run=run, actor=clerk, choices={"bench friends": str(trust.pk)})
    assert not OrganisationAlias.objects.filter(name="Bench Friends").exists()
    plan = import_run_plan(run)
    assert plan.errors == [] and plan.new_aliases == [("Bench Friends", trust)]
    import_run_confirm(run=run, actor=clerk)
    assert OrganisationAlias.objects.get(name="Bench Friends").organisation == trust
    assert list(Recommendation.objects.get(reference="3").responsible_bodies.all()) == [trust]
    assert Organisation.objects.filter(name__iexact="bench friends").count() == 0


def test_bodies_chosen_are_not_made_when_the_import_fails(clerk, committee):
    PartnershipFactory(name="Parks Trust", short_name="")
    run = upload(clerk, committee, ODD, mapping=COLUMNS)
    import_run_choose_bodies(run=run, actor=clerk, choices={"bench friends": "new"})
    # A problem in the file refuses the import before anything, the chosen body too.
    run.mapping = ["reference", "text", "review", "bodies", "agreed_on"]  # "Minute 45": no date
    run.save()
    with pytest.raises(ValidationError):
        import_run_confirm(run=run, actor=clerk)
    assert not Organisation.objects.filter(name="Bench Friends").exists()
    assert run.state != ImportState.IMPORTED


def test_the_minute_number_column_is_recognised_and_kept(clerk, committee):
    assert propose_mapping(["Minute", "Minute No", "Min ref", "Minute No."]) == [
        "minute",
        "",
        "",
        "",
    ]
    assert propose_mapping(["Min ref"]) == ["minute"] == propose_mapping(["Minute No"])
    content = b"Ref,Recommendation,Review,Minute No\n1,Open the gates.,Parks,Minute 45\n"
    run = upload(clerk, committee, content)
    assert run.mapping == ["reference", "text", "review", "minute"]
    import_run_confirm(run=run, actor=clerk)
    rec = Recommendation.objects.get()
    assert rec.minute == "Minute 45"
    edited = content.replace(b"Minute 45", b"Minute 46")
    plan = import_run_plan(upload(clerk, committee, edited))
    assert [r.changes for r in plan.rows] == [["minute"]]


def test_prune_deletes_old_files_of_done_and_left_uploads_and_keeps_the_runs(
    clerk, committee, settings
):
    content = b"Ref,Recommendation,Review\n1,Open the gates.,Parks\n"
    old = timezone.now() - datetime.timedelta(days=40)
    done = upload(clerk, committee, content)
    import_run_confirm(run=done, actor=clerk)
    ImportRun.objects.filter(pk=done.pk).update(created_at=old, imported_at=old)
    left = upload(clerk, committee, content)
    ImportRun.objects.filter(pk=left.pk).update(created_at=old)
    recent_done = upload(clerk, committee, content)
    import_run_confirm(run=recent_done, actor=clerk)
    ImportRun.objects.filter(pk=recent_done.pk).update(created_at=old)  # imported lately
    fresh = upload(clerk, committee, content)
    assert import_runs_prune(days=30) == 2
    runs = {run.pk: run for run in ImportRun.objects.all()}
    assert bytes(runs[done.pk].content) == b"" and runs[done.pk].pruned_at is not None
    assert runs[done.pk].summary["same"] + runs[done.pk].summary["created"] == 1
    assert bytes(runs[left.pk].content) == b"" and runs[left.pk].pruned_at is not None
    assert bytes(runs[recent_done.pk].content) == content
    assert bytes(runs[fresh.pk].content) == content
    settings.TRACKER_IMPORT_KEEP_DAYS = 0
    out = io.StringIO()
    call_command("prune_imports", stdout=out)
    assert "Deleted the files of 2 tracker uploads older than 0 days." in out.getvalue()
    assert not ImportRun.objects.exclude(content=b"").exists()
    assert ImportRun.objects.count() == 4
