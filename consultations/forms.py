"""Public forms: a comment on a consultation and a visitor's flag on a comment."""

import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from consultations.models import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, FlagReason, RejectionReason, Stance
from consultations.text import clean_user_text
from portal.spam import SpamProtectedForm

GENERAL = ""


class CommentForm(SpamProtectedForm):
    """Name (published), e-mail (never published), text, stance, terms; plus the spam guards.

    `submission_token` is minted when the form is rendered; submitting the same form
    twice (a double click, a reload after a slow answer) carries the same token, and
    the server stores one comment per token.
    """

    article = forms.ChoiceField(label=_("Comment on"), required=False)
    author_name = forms.CharField(
        label=_("Name or pseudonym"),
        max_length=NAME_MAX_LENGTH,
        help_text=_("Published with your comment."),
    )
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        help_text=_("Never published. Used only to write to you about this comment."),
    )
    text = forms.CharField(
        label=_("Your comment"),
        max_length=TEXT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=format_lazy(_("Up to {max} characters."), max=TEXT_MAX_LENGTH),
    )
    stance = forms.ChoiceField(
        label=_("Your position (optional)"),
        required=False,
        choices=[("", _("No position")), *Stance.choices],
        widget=forms.RadioSelect,
    )
    notify_results = forms.BooleanField(
        label=_("E-mail me when the results of the consultation are published"), required=False
    )
    accept_terms = forms.BooleanField(
        label=_(
            "I accept the participation terms: my comment and name are published under the "
            "Creative Commons Attribution 4.0 licence (CC BY 4.0), and my e-mail is handled as the privacy notice says."
        ),
        error_messages={"required": _("Please accept the participation terms to send your comment.")},
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
            raise ValidationError(_("Please give a name or a pseudonym."), code="required")
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_text(self):
        text = clean_user_text(self.cleaned_data.get("text", ""))
        if not text:
            raise ValidationError(_("Please write your comment."), code="required")
        return text

    def clean_submission_token(self):
        # A form without a token (an old page, a script) still gets one, so it is stored once.
        return self.cleaned_data.get("submission_token") or uuid.uuid4()


class FlagForm(SpamProtectedForm):
    reason = forms.ChoiceField(
        label=_("What is wrong with this comment?"), choices=FlagReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(
        label=_("Details (optional)"), required=False, max_length=500, widget=forms.Textarea(attrs={"rows": 3})
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
