"""Names of facet values and result types in the visitor's language (codes are the
same in every language).

Result types are named by their builders (`label`, `label_plural`); facet values by
the apps that own them (search.registry.register_labels: the directory names its
categories, groups, languages, accessibility features and areas).
"""

from django.utils import translation
from django.utils.translation import gettext as _

from search import documents, registry


def type_labels():
    """{doc type: plural name} in the order of the type facet."""
    return {
        builder.doc_type: str(builder.label_plural or builder.doc_type)
        for builder in sorted(documents.builders(), key=lambda b: b.order)
    }


def type_label(doc_type):
    if doc_type == "category":  # an autocomplete suggestion, not a document
        return _("Category")
    builder = documents.builder_for_type(doc_type)
    return str(builder.label or doc_type) if builder is not None else doc_type


def status_label(doc_type, status):
    """A result's status in words ("Temporarily closed", "Comments until …"), as the
    builder of its type reads it: only the builder knows what its statuses mean."""
    builder = documents.builder_for_type(doc_type)
    return str(builder.status_label(status)) if builder is not None and status else ""


def term_labels(language):
    """{facet: {code: name}} for the registered facets, in `language`."""
    return registry.term_labels(language)


def facet_labels(language):
    """{facet: {value: label}} for every facet, in `language` (UI strings included)."""
    with translation.override(language):
        labels = dict(term_labels(language))
        labels["type"] = type_labels()
        labels["open_now"] = {"1": _("Open now")}
    return labels
