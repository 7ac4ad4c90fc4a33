"""The tracker import's forms: the upload, and the columns page (one choice per column)."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Size
from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from recommendations.models import ImportRun, SavedImportMapping, UndatedTargets
from recommendations.services.import_files import FIELDS
from scrutiny.common.forms import DateField, form_helper
from scrutiny.models import AgendaItem, Committee


class ImportUploadForm(forms.Form):
    """The file and the committee whose reviews it holds; the file's content is checked by
    the service (``import_run_create``), its size here first."""

    file = forms.FileField(
        label=_("Tracker spreadsheet"),
        help_text=_("An Excel workbook (.xlsx) or a CSV file, with one row per recommendation."),
        error_messages={
            "required": _("Choose the spreadsheet to import"),
            "empty": _("The file is empty"),
            "max_length": _("The file's name is too long: shorten it"),
        },
    )
    committee = forms.ModelChoiceField(
        label=_("Committee"),
        queryset=Committee.objects.none(),
        help_text=_("Reviews the file names that we do not have yet are made for it."),
        error_messages={"required": _("Choose the committee")},
    )

    def __init__(self, *args, council_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["committee"].queryset = Committee.objects.filter(council_id=council_id)
        self.helper = form_helper(
            Field("file"), Field.select("committee"), submit=gettext("Upload")
        )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > settings.TRACKER_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                gettext("The file is larger than %(size)s MB: split it, or delete empty rows")
                % {"size": round(settings.TRACKER_IMPORT_MAX_BYTES / 1024 / 1024, 1)}
            )
        return upload


class ImportMappingForm(forms.Form):
    """One choice of field per column of the header row, the sheet, and what the file
    leaves out (the review of rows that name none, the date of undated progress, the
    agenda item at which closed ones were agreed, what a target date in words means)."""

    review_title = forms.CharField(
        label=_("Review of rows that do not name one"), max_length=300, required=False
    )
    updates_given_on = DateField(label=_("Date of progress updates that have no date"))
    item = forms.ModelChoiceField(
        label=_("Agenda item at which the committee agreed the closed ones (optional)"),
        queryset=AgendaItem.objects.none(),
        required=False,
    )
    undated_targets = forms.ChoiceField(
        label=_("Target dates in words, such as “Summer 2026”"),
        choices=UndatedTargets.choices,
        widget=forms.RadioSelect,
    )
    save_as = forms.CharField(
        label=_("Save these columns as a mapping for this council (optional)"),
        help_text=_(
            "Give them a name: a later file with the same headings takes these columns by "
            "itself. A name already used is replaced."
        ),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, run: ImportRun, table, **kwargs):
        initial = {
            "review_title": run.review_title,
            "updates_given_on": run.updates_given_on,
            "item": run.item_id,
            "undated_targets": run.undated_targets,
            "sheet": run.sheet,
        }
        initial.update({f"column_{i}": name for i, name in enumerate(run.mapping)})
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["item"].queryset = AgendaItem.objects.filter(
            meeting__committee__council=run.council
        ).select_related("meeting")
        layout = []
        if len(table.sheets) > 1:
            self.fields["sheet"] = forms.ChoiceField(
                label=_("Sheet"), choices=[(s, s) for s in table.sheets]
            )
            layout.append(Field.select("sheet"))
        self.columns = []
        for i, heading in enumerate(table.headings):
            name = f"column_{i}"
            label = heading or gettext("Column %(number)s (no heading)") % {"number": i + 1}
            self.fields[name] = forms.ChoiceField(label=label, choices=FIELDS, required=False)
            self.columns.append(name)
            layout.append(Field.select(name))
        layout += ["review_title", "updates_given_on", Field.select("item"), "undated_targets"]
        layout.append("save_as")
        self.helper = form_helper(*layout, size=Size.SMALL, submit=gettext("Preview the import"))

    def clean(self):
        cleaned = super().clean()
        chosen = [cleaned.get(c) for c in self.columns if cleaned.get(c)]
        for name in {n for n in chosen if chosen.count(n) > 1}:
            label = dict(FIELDS)[name]
            self.add_error(
                None, gettext("Choose “%(field)s” for one column only") % {"field": label}
            )
        return cleaned

    def mapping(self) -> list[str]:
        return [self.cleaned_data.get(c) or "" for c in self.columns]


class SavedMappingChoiceForm(forms.Form):
    """One of the council's saved columns, to set a file's columns from."""

    saved = forms.ModelChoiceField(
        label=_("Use saved columns"),
        queryset=SavedImportMapping.objects.none(),
        error_messages={"required": _("Choose the saved columns to use")},
    )

    def __init__(self, *args, council_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["saved"].queryset = SavedImportMapping.objects.filter(council_id=council_id)
        # Its button is the page's (one id per page: the columns form has the helper's).
        self.helper = form_helper(Field.select("saved"), size=Size.SMALL)


class BodyChoicesForm(forms.Form):
    """For each body name the file gives and we do not know: a new organisation of that
    name, or which organisation it is another name for."""

    def __init__(self, *args, unknown: dict, organisations: list, choices: dict, **kwargs):
        super().__init__(*args, **kwargs)
        options = [
            ("", gettext("Choose what it is")),
            ("new", gettext("Create a new partner body with this name")),
            *[
                (str(org.pk), gettext("The same as %(body)s") % {"body": org.label})
                for org in organisations
            ],
        ]
        self.keys = {}
        for i, (key, (name, rows)) in enumerate(unknown.items()):
            field = f"body_{i}"
            self.keys[field] = key
            self.fields[field] = forms.ChoiceField(
                label=name,
                help_text=gettext("Rows %(rows)s") % {"rows": ", ".join(map(str, rows))},
                choices=options,
                required=False,
                initial=str(choices.get(key, "")),
            )
        self.helper = form_helper(
            *[Field.select(f) for f in self.keys], submit=gettext("Save these choices")
        )

    def choices(self) -> dict[str, str]:
        return {key: self.cleaned_data.get(field) or "" for field, key in self.keys.items()}
