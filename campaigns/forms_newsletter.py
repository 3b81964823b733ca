"""The newsletter's public sign-up form and the admin form that composes an issue."""

import unicodedata

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from campaigns.models.newsletter import EMAIL_MAX_LENGTH, NewsletterIssue
from campaigns.newsletter import topics_in
from core.forms import PublicFormMixin
from core.spam import SpamProtectedForm

EMAIL_INVALID = _("Enter an e-mail address in the correct format, like name@example.com")


def _has_invisible_controls(value):
    """Format characters (bidirectional overrides, zero-width marks) have no place in an address."""
    return any(unicodedata.category(c) in ("Cf", "Cc") for c in value)


class SignupForm(PublicFormMixin, SpamProtectedForm):
    """E-mail, language (the page's by default), topics, consent; plus the honeypot and reCAPTCHA."""

    email = forms.EmailField(
        label=_("E-mail address"),
        max_length=EMAIL_MAX_LENGTH,
        help_text=_("We will send you a link to confirm it. Nothing is sent to it before you confirm."),
        error_messages={
            "required": _("Enter your e-mail address"),
            "invalid": EMAIL_INVALID,
            "max_length": _("Your e-mail address must be 254 characters or fewer"),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the newsletter"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select the language you want the newsletter in"),
            "invalid_choice": _("Select a language from the list"),
        },
    )
    topics = forms.MultipleChoiceField(
        label=_("Topics (optional)"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Choose none to receive every issue in your language."),
        error_messages={"invalid_choice": _("Select topics from the list")},
    )
    consent = forms.BooleanField(
        label=_(
            "I want to receive the newsletter by e-mail. I can unsubscribe at any time with the link in every issue."
        ),
        error_messages={"required": _("Tick the box to agree to receive the newsletter")},
    )

    def __init__(self, *args, language="el", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topics_in(language)
        if not self.is_bound:
            self.initial.setdefault("language", language)

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if _has_invisible_controls(email):
            raise ValidationError(EMAIL_INVALID, code="invalid")
        return email.lower()


class TopicsChoiceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple


class IssueForm(forms.ModelForm):
    """Compose an issue: subject, the page, the language, optional topics and introduction."""

    topics = TopicsChoiceField(
        label=_("Topics"), required=False, help_text=NewsletterIssue._meta.get_field("topics").help_text
    )

    class Meta:
        model = NewsletterIssue
        fields = ["subject", "page", "language", "topics", "introduction"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].choices = topics_in(settings.LANGUAGE_CODE)
        if "page" in self.fields:
            from wagtail.admin.widgets import AdminPageChooser

            self.fields["page"].widget = AdminPageChooser()
