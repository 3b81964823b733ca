"""Public forms of the social map: the listing filters and the problem report."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

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
from portal.spam import SpamProtectedForm


def _term_choices(model, locale, **filters):
    """(code, name) pairs in the visitor's language, falling back to Greek names."""
    default = Locale.get_default()
    names = {t.code: t.name for t in model.objects.filter(locale=default, **filters)}
    if locale and locale.pk != default.pk:
        names.update({t.code: t.name for t in model.objects.filter(locale=locale, code__in=names)})
    order = model.objects.filter(locale=default, **filters).values_list("code", flat=True)
    return [(code, names[code]) for code in order]


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


class ReportProblemForm(SpamProtectedForm):
    """ "Report a problem with this listing": what is wrong, and optionally who asks."""

    reason = forms.ChoiceField(label=_("What is wrong?"), choices=ReportReason.choices, widget=forms.RadioSelect)
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
    )
    reporter_name = forms.CharField(label=_("Your name (optional)"), required=False, max_length=120)
    reporter_contact = forms.CharField(
        label=_("Your phone or e-mail (optional)"),
        required=False,
        max_length=200,
        help_text=_("Only the network's staff see it, and only to ask you about this report."),
    )

    def clean_message(self):
        message = self.cleaned_data.get("message", "")
        # Strip control characters (keep new lines) so nothing invisible is stored.
        return "".join(ch for ch in message if ch in "\n\t" or ch.isprintable()).strip()

    def save(self, service):
        return ListingReport.objects.create(
            service=service,
            reason=self.cleaned_data["reason"],
            message=self.cleaned_data["message"],
            reporter_name=self.cleaned_data["reporter_name"],
            reporter_contact=self.cleaned_data["reporter_contact"],
        )
