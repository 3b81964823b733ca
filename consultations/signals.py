"""Publishing a consultation with its results tells the commenters who asked."""

from django.db import transaction

from wagtail.signals import page_published


def notify_commenters_of_results(sender, instance, **kwargs):
    if not getattr(instance, "results_published", False):
        return
    from consultations.notifications import send_results_notifications

    page = instance.canonical
    transaction.on_commit(lambda: send_results_notifications(page))


def connect():
    from consultations.models import ConsultationPage

    page_published.connect(notify_commenters_of_results, sender=ConsultationPage, dispatch_uid="consultation-results")
