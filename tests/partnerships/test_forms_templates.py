"""Our override of crispy-forms-gds templates (templates/gds/...) renders valid GOV.UK markup."""

from crispy_forms.utils import render_crispy_form
from crispy_forms_gds.helper import FormHelper
from crispy_forms_gds.layout import Field, Layout
from django import forms

CHOICES = [("yes", "Yes"), ("no", "No")]


class AnswerForm(forms.Form):
    answer = forms.ChoiceField(label="Was it agreed?", choices=CHOICES, widget=forms.RadioSelect)

    def __init__(self, *args, inline: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.layout = Layout(Field.radios("answer", inline=inline))


def test_inline_radios_keep_the_base_radios_class():
    html = render_crispy_form(AnswerForm())

    assert 'class="govuk-radios govuk-radios--inline"' in html
    assert 'class="govuk-radios--inline' not in html
    assert html.count('class="govuk-radios__input"') == 2


def test_stacked_radios_are_unchanged():
    html = render_crispy_form(AnswerForm(inline=False))

    assert 'class="govuk-radios"' in html
    assert "govuk-radios--inline" not in html


def test_inline_radios_show_the_error_and_keep_the_choice_made():
    missing = render_crispy_form(AnswerForm(data={}))
    chosen = " ".join(render_crispy_form(AnswerForm(data={"answer": "no"})).split())

    assert 'class="govuk-radios govuk-radios--inline"' in missing
    assert "This field is required." in missing
    assert 'value="no" checked="checked"' in chosen
    assert 'value="yes" checked="checked"' not in chosen
