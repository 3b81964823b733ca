"""Public forms: a comment on a consultation and a visitor's flag on a comment."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from consultations.models import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, FlagReason, RejectionReason, Stance
from consultations.text import clean_user_text
from core.forms import PublicFormMixin
from core.spam import SpamProtectedForm

GENERAL = ""
FLAG_NOTE_MAX_LENGTH = 500
NAME_REQUIRED = _("Enter a name or a pseudonym")
TEXT_REQUIRED = _("Enter your comment")


class CommentForm(PublicFormMixin, SpamProtectedForm):
    """Name (published), e-mail (never published), text, stance, terms; plus the spam guards.

    `submission_token` is minted when the form is rendered; submitting the same form
    twice (a double click, a reload after a slow answer) carries the same token, and
    the server stores one comment per token. Every error message says what to do
    (GOV.UK pattern), without the field's name in front: the summary links it.
    """

    article = forms.ChoiceField(
        label=_("Comment on"),
        required=False,
        error_messages={"invalid_choice": _("Select what you are commenting on from the list")},
    )
    author_name = forms.CharField(
        label=_("Name or pseudonym"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Published with your comment."),
        error_messages={
            "required": NAME_REQUIRED,
            "max_length": format_lazy(
                _("Your name or pseudonym must be {max} characters or fewer"), max=NAME_MAX_LENGTH
            ),
        },
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Never published. Used only to write to you about this comment."),
        error_messages={
            "required": _("Enter your e-mail address"),
            "invalid": _("Enter an e-mail address in the correct format, like name@example.com"),
            "max_length": format_lazy(_("Your e-mail address must be {max} characters or fewer"), max=254),
        },
    )
    text = forms.CharField(
        label=_("Your comment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(_("Up to {max} characters."), max=TEXT_MAX_LENGTH),
        error_messages={
            "required": TEXT_REQUIRED,
            "max_length": format_lazy(_("Your comment must be {max} characters or fewer"), max=TEXT_MAX_LENGTH),
        },
    )
    stance = forms.ChoiceField(
        label=_("Your position (optional)"),
        required=False,
        choices=[("", _("No position")), *Stance.choices],
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": _("Select your position from the list, or no position")},
    )
    notify_results = forms.BooleanField(
        label=_("E-mail me when the results of the consultation are published"), required=False
    )
    accept_terms = forms.BooleanField(
        label=_(
            "I accept the participation terms: my comment and name are published under the "
            "Creative Commons Attribution 4.0 licence (CC BY 4.0), and my e-mail is handled as the privacy notice says."
        ),
        error_messages={"required": _("Tick the box to accept the participation terms")},
    )
    submission_token = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, articles=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["article"].choices = [(GENERAL, _("The consultation as a whole")), *articles]
        if not self.is_bound:
            self.initial.setdefault("submission_token", uuid.uuid4())

    def clean_author_name(self):
        name = clean_user_text(self.cleaned_data.get("author_name", ""), multiline=False)
        if not name:
            raise ValidationError(NAME_REQUIRED, code="required")
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_text(self):
        text = clean_user_text(self.cleaned_data.get("text", ""))
        if not text:
            raise ValidationError(TEXT_REQUIRED, code="required")
        return text

    def clean_submission_token(self):
        # A form without a token (an old page, a script) still gets one, so it is stored once.
        return self.cleaned_data.get("submission_token") or uuid.uuid4()


class FlagForm(PublicFormMixin, SpamProtectedForm):
    """A visitor's flag on a published comment: a reason from the list, and optional details."""

    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"),
        choices=FlagReason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Select a reason"), "invalid_choice": _("Select a reason from the list")},
    )
    note = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=FLAG_NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": format_lazy(_("Details must be {max} characters or fewer"), max=FLAG_NOTE_MAX_LENGTH)
        },
    )

    def clean_note(self):
        return clean_user_text(self.cleaned_data.get("note", ""))


class RejectForm(forms.Form):
    """A moderator's rejection: a reason from the list, and a note the commenter reads."""

    reason = forms.ChoiceField(label=_("Reason"), choices=RejectionReason.choices)
    note = forms.CharField(
        label=_("Note to the commenter (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ReplyForm(forms.Form):
    reply = forms.CharField(
        label=_("Official reply"), max_length=TEXT_MAX_LENGTH, widget=forms.Textarea(attrs={"rows": 4})
    )

    def clean_reply(self):
        text = clean_user_text(self.cleaned_data.get("reply", ""))
        if not text:
            raise ValidationError(_("Please write the reply."), code="required")
        return text
