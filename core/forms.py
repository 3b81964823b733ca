"""What every public form shares: the GOV.UK/GOV.GR error pattern and inert input.

After a failed submit the page opens with an error summary
(templates/components/error_summary.html) that lists each problem as a link to the
control to fix, worded as what to do ("Enter your comment"), the same words as the
message beside the field. `error_summary()` gives that list in the order of the
form, so templates do not have to know which controls are radios (linked by their
first option) or hidden (the honeypot: no link to a field nobody can see).

NUL bytes are removed from the submitted data before validation: nobody types
one, Django would answer with an error about "null characters" that tells a
person nothing, and PostgreSQL cannot store them anyway.
"""

from dataclasses import dataclass

from django import forms
from django.http import QueryDict

from core.spam import HONEYPOT_FIELD


@dataclass(frozen=True)
class SummaryError:
    message: str
    anchor: str = ""  # the id of the control to fix; "" for a problem with the whole form


def _without_nul(data):
    if isinstance(data, QueryDict):
        cleaned = data.copy()
        for key, values in data.lists():
            cleaned.setlist(key, [v.replace("\x00", "") if isinstance(v, str) else v for v in values])
        return cleaned
    if isinstance(data, dict):
        return {k: v.replace("\x00", "") if isinstance(v, str) else v for k, v in data.items()}
    return data


def field_anchor(bound_field):
    """The id the summary links to: the control itself, or a group's first option."""
    widget = bound_field.field.widget
    if widget.is_hidden or bound_field.name == HONEYPOT_FIELD:
        return ""
    if isinstance(widget, forms.RadioSelect):  # CheckboxSelectMultiple is a RadioSelect too
        return f"{bound_field.auto_id}_0"
    return bound_field.auto_id or ""


class PublicFormMixin:
    """Mix into a public form (before the Form class) for `error_summary()` and NUL-free data."""

    def __init__(self, *args, **kwargs):
        if args:
            args = (_without_nul(args[0]), *args[1:])
        elif "data" in kwargs:
            kwargs["data"] = _without_nul(kwargs["data"])
        super().__init__(*args, **kwargs)

    def error_summary(self):
        """[SummaryError] for the summary: the whole form's problems first, then each field's."""
        items = [SummaryError(str(e)) for e in self.non_field_errors()]
        for bound in self:
            items.extend(SummaryError(str(e), field_anchor(bound)) for e in bound.errors)
        return items
