"""A name in the visitor's language, else in the default language (Greek).

Taxonomy terms and administrative areas are translatable snippets that share a
`code` across languages; most have no translation in most languages. Every list,
filter, facet, card and form names them by one rule, here, so a term is never called
one thing in the filter panel and another on the result card:

* the record's name in the visitor's language where a translation exists, else the
  default-language record's name;
* a record's name is its `short_name` where the model has one and it is filled (the
  everyday "Κοζάνη" rather than the official "Δήμος Κοζάνης"; for readers of other
  scripts an area's translation holds "Κοζάνη (Kozani)"), else its `name`;
* records come in the default language's order (the taxonomy's own order).

The functions take the model as an argument: core imports no other app.
"""

from wagtail.models import Locale


def default_language():
    return Locale.get_default().language_code


def _name_fields(model):
    fields = {f.name for f in model._meta.get_fields()}
    return ("code", "name", "short_name") if "short_name" in fields else ("code", "name")


def _shown(row):
    code, name, *short = row
    return code, (short[0] if short and short[0] else name)


def localized_names(model, language, codes=None, **filters):
    """{code: name} of `model`'s default-language records (narrowed by `codes` and
    `filters`), each named in `language` where translated, in the default order."""
    default = default_language()
    fields = _name_fields(model)
    records = model.objects.filter(locale__language_code=default, **filters)
    if codes is not None:
        records = records.filter(code__in=list(codes))
    names = dict(_shown(row) for row in records.values_list(*fields))
    if language and language != default and names:
        translated = model.objects.filter(locale__language_code=language, code__in=list(names))
        names.update(_shown(row) for row in translated.values_list(*fields))
    return names


def localized_name(model, code, language):
    """The name of one record by the same rule (its code when there is none)."""
    return localized_names(model, language, codes=[code]).get(code, code)


def label_records(records, language):
    """Give default-language records (terms, areas) a `label`: their name in
    `language` by the same rule. One query for the translations of the whole list."""
    records = list(records)
    if not records:
        return records
    names = localized_names(type(records[0]), language, codes={r.code for r in records})
    for record in records:
        own = _shown((record.code, record.name, getattr(record, "short_name", "")))[1]
        record.label = names.get(record.code) or own
    return records


def name_in(names_by_language, key, language, default):
    """The rule on names loaded beforehand: `names_by_language[(key, language)]`, else
    the default language's, else None."""
    return names_by_language.get((key, language)) or names_by_language.get((key, default))
