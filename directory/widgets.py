"""The service editor's taxonomy checkboxes: each term once, grouped by main category.

Every taxonomy term exists once per language (wagtail-localize translations of the
Greek term), so Django's default checkbox list showed each category four times, about
84 boxes for the categories alone. `TaxonomyTermsForm` narrows each taxonomy field to
the terms of the page's own language (the terms a page links to: the importer and the
editor agree on it, and filters read codes, which are the same in every language),
labels them in the editor's admin language, and hands the categories to
`GroupedTermCheckboxes` grouped under their main category.
"""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale

from directory.models.taxonomy import ServiceCategory, TaxonomyTerm


class GroupedTermCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes with each group in a <fieldset> whose <legend> names it (Django's own
    template puts a group's name in a <label> that labels nothing)."""

    template_name = "directory/admin/widgets/grouped_term_checkboxes.html"

    def render(self, name, value, attrs=None, renderer=None):
        """Through the project's template engine: Django's form renderer reads app
        folders only, and our templates live in templates/ (the template writes each
        option's <input> itself, as Django's option template would)."""
        return mark_safe(render_to_string(self.template_name, self.get_context(name, value, attrs)))

    class Media:
        css = {"all": ["css/admin-terms.css"]}


class TaxonomyTermsForm(WagtailAdminPageForm):
    """The editor form of pages that link to taxonomy terms (ServicePage, GoodPracticePage)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        locale = self._page_locale()
        editor_locale = _editor_locale()
        for name, field in self.fields.items():
            model = getattr(getattr(field, "queryset", None), "model", None)
            if isinstance(field, forms.ModelMultipleChoiceField) and model and issubclass(model, TaxonomyTerm):
                self._narrow(name, field, model, locale, editor_locale)

    def _page_locale(self):
        if self.instance.locale_id:
            return self.instance.locale
        parent = getattr(self, "parent_page", None)
        return parent.locale if parent is not None else Locale.get_default()

    def _narrow(self, name, field, model, locale, editor_locale):
        terms = list(model.objects.filter(locale=locale).order_by("sort_order", "name"))
        if not terms:  # a language whose terms were never seeded: link to the Greek ones
            terms = list(model.objects.filter(locale=Locale.get_default()).order_by("sort_order", "name"))
        field.queryset = model.objects.filter(pk__in=[term.pk for term in terms])
        labels = _labels(model, terms, editor_locale)
        if model is ServiceCategory:
            field.widget.choices = _grouped_categories(terms, labels)
        else:
            field.widget.choices = [(term.pk, labels[term.pk]) for term in terms]
        if self.instance.pk and not self.is_bound:
            self.initial[name] = _same_terms_in(terms, getattr(self.instance, name).all())


def _editor_locale():
    try:
        return Locale.objects.get_for_language(translation.get_language())
    except Locale.DoesNotExist:
        return None


def _labels(model, terms, editor_locale):
    """{term pk: its name in the editor's language, else its own name}."""
    names = {}
    if editor_locale is not None:
        keys = [term.translation_key for term in terms]
        rows = model.objects.filter(locale=editor_locale, translation_key__in=keys)
        names = dict(rows.values_list("translation_key", "name"))
    return {term.pk: names.get(term.translation_key, term.name) for term in terms}


def _grouped_categories(terms, labels):
    """[(main category's name, [(its own pk, "… (in general)"), (sub pk, name), …]), …]

    A service may be classed under a whole main category, so the main category is a
    box too, first in its group.
    """
    children = {}
    for term in terms:
        if term.parent_id:
            children.setdefault(term.parent_id, []).append(term)
    groups = []
    for term in terms:
        if term.parent_id:
            continue
        whole = _("%(category)s (in general)") % {"category": labels[term.pk]}
        options = [(term.pk, whole)] + [(child.pk, labels[child.pk]) for child in children.get(term.pk, [])]
        groups.append((labels[term.pk], options))
    known = {pk for _group, options in groups for pk, _label in options}
    orphans = [(term.pk, labels[term.pk]) for term in terms if term.pk not in known]
    if orphans:  # a subcategory whose main category is in another language
        groups.append((_("Other categories"), orphans))
    return groups


def _same_terms_in(terms, linked):
    """The pks among `terms` of the terms `linked` (a page linked to another language's copies)."""
    by_key = {term.translation_key: term.pk for term in terms}
    return [by_key[term.translation_key] for term in linked if term.translation_key in by_key]
