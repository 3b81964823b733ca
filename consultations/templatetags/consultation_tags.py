"""Template helpers: a consultation's dates as one sentence, always with the time."""

from django import template
from django.utils.translation import gettext as _

from consultations.dates import format_deadline
from consultations.models import ConsultationStatus

register = template.Library()


@register.simple_tag
def consultation_dates(consultation):
    status = consultation.status
    if status == ConsultationStatus.UPCOMING:
        return _("Opens on %(start)s, comments until %(end)s") % {
            "start": format_deadline(consultation.starts_at),
            "end": format_deadline(consultation.ends_at),
        }
    if status == ConsultationStatus.OPEN:
        return _("Comments until %(end)s") % {"end": format_deadline(consultation.ends_at)}
    return _("Closed on %(end)s") % {"end": format_deadline(consultation.ends_at)}
