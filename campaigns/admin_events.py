"""Admin side of events: the team's list of registrations (with its CSV/XLSX export, the
only place registrants' details leave the database) and the publish signal that raises
the calendar SEQUENCE and e-mails registrants about a change."""

import django_filters

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.views.generic import DeleteView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.signals import page_published

from campaigns.models.events import EventPage, EventRegistration, RegistrationStatus
from core.spreadsheets import FormulaSafeExportMixin


class RegistrationFilterSet(WagtailFilterSet):
    event = django_filters.ModelChoiceFilter(label=_("Event"), queryset=EventPage.objects.all().order_by("-starts_at"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=RegistrationStatus.choices)

    class Meta:
        model = EventRegistration
        fields = ["event", "status"]


class RegistrationIndexView(FormulaSafeExportMixin, IndexView):
    pass


class RegistrationDeleteView(DeleteView):
    """Deleting a registration cancels it first, under the event's lock, so the places it
    held are offered to the waiting list (campaigns.registration.cancel) as when the
    person cancels by their link; the offers are e-mailed once the deletion commits."""

    def delete_action(self):
        from campaigns import event_mail, registration

        with transaction.atomic():
            offers = registration.cancel(self.object).offers
            super().delete_action()
            transaction.on_commit(lambda: event_mail.send_offers(offers))


class NoAddPolicy(ModelPermissionPolicy):
    """Nobody adds a registration in the admin, superusers included: a place is only
    given through campaigns.registration, under the event's lock."""

    def user_has_permission(self, user, action):
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


class RegistrationViewSet(ModelViewSet):
    """Registrations and waiting lists, per event; read, export, note needs, delete
    (which passes the freed places on to the waiting list)."""

    model = EventRegistration
    icon = "date"
    menu_label = _("Event registrations")
    add_to_admin_menu = True
    menu_order = 260
    index_view_class = RegistrationIndexView
    permission_policy = NoAddPolicy(EventRegistration)
    filterset_class = RegistrationFilterSet
    list_display = ["name", "event", "people", "status", "created_at"]
    list_export = [
        "event",
        "name",
        "email",
        "phone",
        "people",
        "interpretation",
        "accessibility_needs",
        "notes",
        "language",
        "status",
        "created_at",
        "offer_expires_at",
    ]
    export_filename = "event-registrations"
    delete_view_class = RegistrationDeleteView
    # Status and people are not editable here: places are only given and freed under the
    # event's lock (campaigns.registration); to free a place, delete the registration.
    form_fields = ["interpretation", "accessibility_needs", "notes"]
    search_fields = ["name", "email", "phone"]
    search_backend_name = None
    ordering = ["event", "created_at"]


def _on_publish(sender, instance, **kwargs):
    from campaigns.event_mail import note_published

    transaction.on_commit(lambda: note_published(instance))


def register():
    from wagtail import hooks

    page_published.connect(_on_publish, sender=EventPage, dispatch_uid="campaigns-event-published")
    import campaigns.event_partners  # noqa: F401  (its signal receivers)

    @hooks.register("register_admin_viewset")
    def _registrations():
        return RegistrationViewSet("event_registrations")
