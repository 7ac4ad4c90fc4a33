"""Recommendations take the reference their report gives ("R10", "3a", "OSC (24/25) 07")
instead of a whole number, sorted naturally by a stored key; each number becomes the same
reference ("1" stays "1"), in the history too. Adds the optional details councils' trackers
keep: who agreed it and when, the directorate, the decision-maker and the expected outcome.
"""

import re
import unicodedata

import django.db.models.deletion
import django.db.models.functions.text
import scrutiny.common.rules
from django.conf import settings
from django.db import migrations, models


# The key as recommendations.models.references.natural_sort_key derives it, frozen here so
# that this migration gives the same keys whatever that function becomes.
_RUNS = re.compile(r"[0-9]+|[a-z]+")


def _sort_key(reference):
    folded = unicodedata.normalize("NFKD", reference.strip().casefold())
    folded = folded.encode("ascii", "ignore").decode()
    return "".join(
        (run.lstrip("0") or "0").zfill(10) if run[0].isdigit() else run
        for run in _RUNS.findall(folded)
    )[:220]


def numbers_to_references(apps, schema_editor):
    """Each number becomes the same reference: 1 stays "1"."""
    for name, fields in (
        ("Recommendation", ["reference", "sort_key"]),
        ("HistoricalRecommendation", ["reference"]),
    ):
        model = apps.get_model("recommendations", name)
        rows = list(model._base_manager.only("pk", "number"))
        for row in rows:
            row.reference = str(row.number)
            row.sort_key = _sort_key(row.reference)
        model._base_manager.bulk_update(rows, fields, batch_size=500)


def references_to_numbers(apps, schema_editor):
    """Back to numbers: a reference that is a whole number keeps it; any other takes the
    next number after its review's highest."""
    for name in ("Recommendation", "HistoricalRecommendation"):
        model = apps.get_model("recommendations", name)
        rows = list(model._base_manager.order_by("review_id", "pk"))
        highest = {}
        for row in rows:
            if row.reference.strip().isdigit():
                highest[row.review_id] = max(highest.get(row.review_id, 0), int(row.reference))
        for row in rows:
            if row.reference.strip().isdigit():
                row.number = int(row.reference)
            else:
                highest[row.review_id] = highest.get(row.review_id, 0) + 1
                row.number = highest[row.review_id]
        model._base_manager.bulk_update(rows, ["number"], batch_size=500)


class Migration(migrations.Migration):

    dependencies = [
        ('partnerships', '0004_interface_names'),
        ('recommendations', '0009_stored_search_vectors'),
        ('scrutiny', '0015_shared_cache_table'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='recommendation',
            options={'ordering': ['review', 'sort_key', 'reference'], 'verbose_name': 'recommendation', 'verbose_name_plural': 'recommendations'},
        ),
        migrations.AlterModelOptions(
            name='updateentry',
            options={'ordering': ['recommendation__sort_key'], 'verbose_name': 'update entry', 'verbose_name_plural': 'update entries'},
        ),
        migrations.RemoveConstraint(
            model_name='recommendation',
            name='recommendation_unique_number',
        ),
        migrations.RemoveConstraint(
            model_name='recommendation',
            name='recommendation_number_positive',
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='agreed_by',
            field=models.ForeignKey(blank=True, db_constraint=False, help_text="The committee that agreed it, if not the review's committee.", null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='scrutiny.committee', verbose_name='agreed by'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='agreed_on',
            field=models.DateField(blank=True, help_text='The date it was agreed, if not the date the report was agreed.', null=True, verbose_name='agreed on'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='decision_maker',
            field=models.CharField(blank=True, help_text='The Cabinet member or portfolio who decides on it.', max_length=200, verbose_name='decision-maker'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='directorate',
            field=models.CharField(blank=True, max_length=200, verbose_name='directorate or service area'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='expected_outcome',
            field=models.TextField(blank=True, verbose_name='expected outcome'),
        ),
        migrations.AddField(
            model_name='historicalrecommendation',
            name='reference',
            field=models.CharField(default='', help_text='As the report gives it, for example 7, R10, 3a or "OSC (24/25) 07".', max_length=40, verbose_name='reference'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='agreed_by',
            field=models.ForeignKey(blank=True, help_text="The committee that agreed it, if not the review's committee.", null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='scrutiny.committee', verbose_name='agreed by'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='agreed_on',
            field=models.DateField(blank=True, help_text='The date it was agreed, if not the date the report was agreed.', null=True, verbose_name='agreed on'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='decision_maker',
            field=models.CharField(blank=True, help_text='The Cabinet member or portfolio who decides on it.', max_length=200, verbose_name='decision-maker'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='directorate',
            field=models.CharField(blank=True, max_length=200, verbose_name='directorate or service area'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='expected_outcome',
            field=models.TextField(blank=True, verbose_name='expected outcome'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='reference',
            field=models.CharField(default='', help_text='As the report gives it, for example 7, R10, 3a or "OSC (24/25) 07".', max_length=40, verbose_name='reference'),
        ),
        migrations.AddField(
            model_name='recommendation',
            name='sort_key',
            field=models.CharField(default='', editable=False, max_length=220, verbose_name='sort key'),
        ),
        migrations.RunPython(numbers_to_references, references_to_numbers, elidable=False),
        migrations.RemoveField(
            model_name='historicalrecommendation',
            name='number',
        ),
        migrations.RemoveField(
            model_name='recommendation',
            name='number',
        ),
        migrations.AlterField(
            model_name='historicalrecommendation',
            name='reference',
            field=models.CharField(help_text='As the report gives it, for example 7, R10, 3a or "OSC (24/25) 07".', max_length=40, verbose_name='reference'),
        ),
        migrations.AlterField(
            model_name='recommendation',
            name='reference',
            field=models.CharField(help_text='As the report gives it, for example 7, R10, 3a or "OSC (24/25) 07".', max_length=40, verbose_name='reference'),
        ),
        migrations.AddIndex(
            model_name='recommendation',
            index=models.Index(fields=['review', 'sort_key'], name='recommendation_order'),
        ),
        migrations.AddConstraint(
            model_name='recommendation',
            constraint=scrutiny.common.rules.UniqueRule(django.db.models.functions.text.Lower(django.db.models.functions.text.Trim('reference')), models.F('review'), field='reference', name='recommendation_unique_reference_any_case', violation_error_message='This review already has a recommendation %(reference)s: give another reference'),
        ),
    ]
