"""Public forms of the social map: the listing filters and the problem report."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.forms import PublicFormMixin
from core.i18n import localized_names
from core.spam import SpamProtectedForm
from directory.contact import normalise_contact
from directory.models import (
    AccessibilityFeature,
    AdministrativeArea,
    AreaLevel,
    Language,
    ListingReport,
    ReportReason,
    ServiceCategory,
    TargetGroup,
)


def _term_choices(model, locale, **filters):
    """(code, name) pairs in the visitor's language, falling back to Greek names (core.i18n)."""
    return list(localized_names(model, locale.language_code if locale else None, **filters).items())


class ServiceFilterForm(forms.Form):
    """GET filters of the service listing. Every combination has its own URL.

    Unknown values (an old bookmark, a hand-edited URL) are dropped with a
    message instead of failing the whole page; see `cleaned_filters`.
    """

    q = forms.CharField(label=_("Name contains"), required=False, max_length=200)
    category = forms.MultipleChoiceField(label=_("Category"), required=False, widget=forms.CheckboxSelectMultiple)
    group = forms.MultipleChoiceField(label=_("Who it is for"), required=False, widget=forms.CheckboxSelectMultiple)
    area = forms.ChoiceField(label=_("Municipality"), required=False)
    language = forms.MultipleChoiceField(
        label=_("Language spoken"), required=False, widget=forms.CheckboxSelectMultiple
    )
    access = forms.MultipleChoiceField(label=_("Accessibility"), required=False, widget=forms.CheckboxSelectMultiple)
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    free = forms.BooleanField(label=_("Free of charge"), required=False)

    def __init__(self, data=None, *, locale=None, municipality_choices=None, **kwargs):
        super().__init__(data, **kwargs)
        self.fields["category"].choices = _term_choices(ServiceCategory, locale, parent__isnull=True)
        self.fields["group"].choices = _term_choices(TargetGroup, locale)
        self.fields["language"].choices = _term_choices(Language, locale)
        self.fields["access"].choices = _term_choices(AccessibilityFeature, locale)
        self.subcategory_choices = _term_choices(ServiceCategory, locale, parent__isnull=False)
        self.fields["category"].choices += self.subcategory_choices
        if municipality_choices is None:
            municipality_choices = _term_choices(AdministrativeArea, locale, level=AreaLevel.MUNICIPALITY)
        self.fields["area"].choices = [("", _("Anywhere")), *municipality_choices]

    def category_tree(self):
        """Main categories, each with its subcategories, for a filter that folds the
        subcategories under their sector instead of one flat list of forty."""
        selected = set(self.data.getlist("category")) if hasattr(self.data, "getlist") else set()
        parents = dict(
            ServiceCategory.objects.filter(locale=Locale.get_default(), parent__isnull=False).values_list(
                "code", "parent__code"
            )
        )
        children = {}
        for code, label in self.subcategory_choices:
            children.setdefault(parents.get(code), []).append(
                {"value": code, "label": label, "selected": code in selected}
            )
        tree = []
        for code, label in self.fields["category"].choices:
            if code in parents:
                continue
            subs = children.get(code, [])
            tree.append(
                {
                    "value": code,
                    "label": label,
                    "selected": code in selected,
                    "children": subs,
                    "open": any(sub["selected"] for sub in subs),
                }
            )
        return tree

    def option_groups(self):
        """The other multiple-choice filters as (name, label, options) with what is ticked."""
        groups = []
        for name in ("group", "language", "access"):
            selected = set(self.data.getlist(name)) if hasattr(self.data, "getlist") else set()
            options = [
                {"value": value, "label": label, "selected": value in selected}
                for value, label in self.fields[name].choices
            ]
            groups.append({"name": name, "label": self.fields[name].label, "open": bool(selected), "options": options})
        return groups

    def cleaned_filters(self):
        """Valid filters only, plus the list of problems to tell the visitor about."""
        self.is_valid()
        problems = [str(e) for errors in self.errors.values() for e in errors]
        filters = {}
        for name, field in self.fields.items():
            if name in self.errors:
                raw = self.data.getlist(name) if hasattr(self.data, "getlist") else []
                valid = {str(c[0]) for c in field.choices} if hasattr(field, "choices") else set()
                kept = [v for v in raw if v in valid]
                filters[name] = kept if isinstance(field, forms.MultipleChoiceField) else (kept[0] if kept else "")
            else:
                filters[name] = self.cleaned_data.get(name)
        return filters, problems


class ReportProblemForm(PublicFormMixin, SpamProtectedForm):
    """ "Report a problem with this listing": what is wrong, and optionally who asks.

    Each error message says what to do, GOV.UK style ("Select what is wrong with
    this listing"); the contact, when given, must be an e-mail address or a phone
    number staff can use (`directory.contact`).
    """

    reason = forms.ChoiceField(
        label=_("What is wrong?"),
        choices=ReportReason.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Select what is wrong with this listing"),
            "invalid_choice": _("Select what is wrong with this listing from the list"),
        },
    )
    message = forms.CharField(
        label=_("Details (optional)"),
        required=False,
        max_length=ListingReport.MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 5}),
        # Lazy: formatted in the visitor's language at render time, not at import.
        help_text=format_lazy(
            _("Up to {max} characters. Please do not write personal or health details."),
            max=ListingReport.MESSAGE_MAX_LENGTH,
        ),
        error_messages={
            "max_length": format_lazy(
                _("Details must be {max} characters or fewer"), max=ListingReport.MESSAGE_MAX_LENGTH
            )
        },
    )
    reporter_name = forms.CharField(
        label=_("Your name (optional)"),
        required=False,
        max_length=120,
        error_messages={"max_length": format_lazy(_("Your name must be {max} characters or fewer"), max=120)},
    )
    reporter_contact = forms.CharField(
        label=_("Your phone or e-mail (optional)"),
        required=False,
        max_length=200,
        help_text=_("Only the network's staff see it, and only to ask you about this report."),
        error_messages={
            "max_length": format_lazy(_("Your phone or e-mail must be {max} characters or fewer"), max=200)
        },
    )

    def clean_message(self):
        message = self.cleaned_data.get("message", "")
        # Strip control characters (keep new lines) so nothing invisible is stored.
        return "".join(ch for ch in message if ch in "\n\t" or ch.isprintable()).strip()

    def clean_reporter_name(self):
        name = self.cleaned_data.get("reporter_name", "")
        return " ".join("".join(ch for ch in name if ch.isprintable()).split())

    def clean_reporter_contact(self):
        return normalise_contact(self.cleaned_data.get("reporter_contact", ""))

    def save(self, service):
        return ListingReport.objects.create(
            service=service,
            reason=self.cleaned_data["reason"],
            message=self.cleaned_data["message"],
            reporter_name=self.cleaned_data["reporter_name"],
            reporter_contact=self.cleaned_data["reporter_contact"],
        )
