"""The form where a council names our statuses its own way: an English and a Welsh word
for each fixed status, any left blank keeping ours."""

from __future__ import annotations

from crispy_forms_gds.layout import Field, Fieldset, Size
from django import forms
from django.utils.translation import gettext

from recommendations.models import Status, StatusWord
from scrutiny.common.forms import form_helper


def field_names(status: str) -> tuple[str, str]:
    return f"label_{status}", f"label_cy_{status}"


class StatusWordsForm(forms.Form):
    """Two boxes per fixed status; shape only (the words' rules are the model's, checked by
    ``status_words_set``)."""

    def __init__(self, *args, council, **kwargs):
        kept = {w.status: w for w in StatusWord.objects.filter(council=council)}
        kwargs.setdefault("initial", {})
        for status, word in kept.items():
            english, welsh = field_names(status)
            kwargs["initial"].setdefault(english, word.label)
            kwargs["initial"].setdefault(welsh, word.label_cy)
        super().__init__(*args, **kwargs)
        layout = []
        for status in Status:
            english, welsh = field_names(status.value)
            self.fields[english] = forms.CharField(
                label=gettext("Your word for “%(status)s”") % {"status": status.label},
                help_text=gettext("Leave blank to keep “%(status)s”.") % {"status": status.label},
                max_length=60,
                required=False,
            )
            self.fields[welsh] = forms.CharField(
                label=gettext("In Welsh (optional)"),
                help_text=gettext("Welsh pages show the English word when this is blank."),
                max_length=60,
                required=False,
            )
            layout.append(
                Fieldset(
                    Field.text(english, field_width=20),
                    Field.text(welsh, field_width=20),
                    legend=status.label,
                    legend_size=Size.SMALL,
                )
            )
        self.helper = form_helper(*layout, size=Size.SMALL)

    def words(self) -> dict[str, tuple[str, str]]:
        """status -> (English, Welsh) as typed (needs is_valid)."""
        c = self.cleaned_data
        return {
            s: (c.get(field_names(s)[0], ""), c.get(field_names(s)[1], "")) for s in Status.values
        }

    def preview(self) -> list[dict]:
        """The mapping as it would be saved: each of our statuses with the words shown for
        it (ours where none is typed); from what was typed when bound, else as kept."""
        source = self.data if self.is_bound else None
        rows = []
        for status in Status:
            english, welsh = field_names(status.value)
            if source is not None:
                en = (source.get(self.add_prefix(english)) or "").strip()
                cy = (source.get(self.add_prefix(welsh)) or "").strip()
            else:
                en, cy = self.initial.get(english, ""), self.initial.get(welsh, "")
            rows.append({"status": status, "label": en, "label_cy": cy})
        return rows
