"""The survey form: Wagtail's form builder with our question types and the spam guards.

Answers are stored without anything that identifies the respondent; the honeypot,
the captcha and the form token are checked and then left out of the stored answers.
"""

import uuid

from django import forms
from django.db import IntegrityError, transaction
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.contrib.forms.forms import BaseForm, FormBuilder
from wagtail.models import Locale

from consultations.models import SCALE_POINTS, SurveyFieldType
from consultations.text import clean_user_text
from core.forms import PublicFormMixin
from core.i18n import localized_name, localized_names
from core.spam import HONEYPOT_FIELD, SpamProtectedForm
from directory.models import AdministrativeArea, AreaLevel

FREE_TEXT_MAX_LENGTH = 3000
NOT_STORED = {HONEYPOT_FIELD, "captcha", "submission_token"}


def municipality_choices(locale=None):
    """(code, name) of every municipality, named in the visitor's language where
    translated (core.i18n, the rule of the social map's filters), by name."""
    language = locale.language_code if locale is not None else None
    names = localized_names(AdministrativeArea, language, level=AreaLevel.MUNICIPALITY)
    return sorted(names.items(), key=lambda item: item[1])


def municipality_name(code):
    """A municipality's name in the default language (the team's exports), or its code."""
    return localized_name(AdministrativeArea, code, None)


class SurveyBaseForm(PublicFormMixin, SpamProtectedForm, BaseForm):
    """Wagtail's form base plus the honeypot, the captcha and a token against double submits."""

    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())

    def clean(self):
        cleaned = super().clean()
        for name, field in self.fields.items():
            if isinstance(field.widget, forms.Textarea) and isinstance(cleaned.get(name), str):
                cleaned[name] = clean_user_text(cleaned[name])
        return cleaned


def _error_messages(field_type, question):
    """What to do, naming the question: the error summary lists several questions at once."""
    if field_type == SurveyFieldType.MUNICIPALITY:
        return {
            "required": _("Select your municipality"),
            "invalid_choice": _("Select a municipality from the list"),
        }
    if field_type == SurveyFieldType.MULTIPLE_CHOICE:
        return {
            "required": format_lazy(_("Select at least one answer to “{question}”"), question=question),
            "invalid_choice": format_lazy(_("Select answers from the list for “{question}”"), question=question),
        }
    if field_type == SurveyFieldType.FREE_TEXT:
        return {
            "required": format_lazy(_("Enter your answer to “{question}”"), question=question),
            "max_length": format_lazy(
                _("Your answer to “{question}” must be {max} characters or fewer"),
                question=question,
                max=FREE_TEXT_MAX_LENGTH,
            ),
        }
    return {
        "required": format_lazy(_("Select an answer to “{question}”"), question=question),
        "invalid_choice": format_lazy(_("Select one of the answers to “{question}”"), question=question),
    }


class SurveyFormBuilder(FormBuilder):
    def get_field_options(self, field):
        options = super().get_field_options(field)
        options["error_messages"] = _error_messages(field.field_type, field.label)
        return options

    def create_multiline_field(self, field, options):
        options["max_length"] = FREE_TEXT_MAX_LENGTH
        options.setdefault("widget", forms.Textarea(attrs={"rows": 4}))
        return forms.CharField(**options)

    def create_scale_field(self, field, options):
        labels = [label for _value, label in self.get_formatted_field_choices(field)] if field.choices else []
        choices = []
        for n in range(1, SCALE_POINTS + 1):
            label = str(n)
            if labels and n == 1:
                label = f"1 ({labels[0]})"
            elif len(labels) > 1 and n == SCALE_POINTS:
                label = f"{n} ({labels[-1]})"
            choices.append((str(n), label))
        options["choices"] = choices
        options.setdefault("widget", forms.RadioSelect)
        return forms.ChoiceField(**options)

    def create_municipality_field(self, field, options):
        options["choices"] = [("", _("Choose a municipality")), *municipality_choices(Locale.get_active())]
        return forms.ChoiceField(**options)

    def get_form_class(self):
        return type("SurveyForm", (SurveyBaseForm,), self.formfields)


def store_submission(page, form):
    """Save the answers once per form token; returns the submission (the first one on a repeat)."""
    submission_class = page.get_submission_class()
    token = form.cleaned_data.get("submission_token") or uuid.uuid4()
    existing = submission_class.objects.filter(submission_token=token).first()
    if existing:
        return existing
    answers = {name: value for name, value in form.cleaned_data.items() if name not in NOT_STORED}
    municipality = next(
        (
            answers.get(f.clean_name) or ""
            for f in page.get_form_fields()
            if f.field_type == SurveyFieldType.MUNICIPALITY
        ),
        "",
    )
    try:
        with transaction.atomic():
            return submission_class.objects.create(
                page=page, form_data=answers, municipality_code=municipality, submission_token=token
            )
    except IntegrityError:
        return submission_class.objects.get(submission_token=token)
