"""Publishing a consultation with its results tells the commenters who asked."""

from django.db import transaction

from wagtail.signals import page_published

from consultations.models import ConsultationPage
from consultations.notifications import send_results_notifications


def notify_commenters_of_results(sender, instance, **kwargs):
    if not getattr(instance, "results_published", False):
        return
    page = instance.canonical
    transaction.on_commit(lambda: send_results_notifications(page))


def connect():
    page_published.connect(notify_commenters_of_results, sender=ConsultationPage, dispatch_uid="consultation-results")
