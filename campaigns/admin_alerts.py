"""Alerts in the Wagtail admin: raise, update and cancel in at most two screens.

An alert is raised in a hurry, so the snippet's full edit form is not the way in:
"Raise an alert" is one form with the essentials and defaults for the rest (severe,
immediate, observed, public safety, for 24 hours, the whole network's area), then a
confirmation screen showing the banner as the public will see it, whose button
publishes. "Update" opens the same form filled in from the current message and
publishes a new CAP message (msgType Update) that references it; "Cancel" is one
confirmation screen that publishes a Cancel message. Sent messages are never edited
or deleted (CAP's rule, and the record of what the public was told): the snippet
list shows them all with their state, and its own add/edit forms lead here.

Who: the secretariat group and the dedicated "Alerts" group (`ensure_alerts_group`,
run by setup_site) hold campaigns.add_alert; partners do not.
"""

import datetime
from contextlib import contextmanager

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views import View

from wagtail import hooks
from wagtail.admin.views.generic import CreateView
from wagtail.admin.widgets import AdminDateTimeInput, AdminPageChooser, Button
from wagtail.models import Locale
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from campaigns.alerts import alert_changed
from campaigns.models.alerts import (
    Alert,
    AlertCategory,
    AlertCertainty,
    AlertInfo,
    AlertMessageType,
    AlertSeverity,
    AlertStatus,
    AlertUrgency,
)
from campaigns.templatetags.alert_tags import SEVERITY_LABELS
from directory.models import AdministrativeArea, AreaLevel, ServicePage

ALERTS_GROUP_NAME = "Ειδοποιήσεις έκτακτης ανάγκης"
PUBLISH_PERMISSION = "campaigns.add_alert"
DURATIONS = [
    (6, _("6 hours")),
    (12, _("12 hours")),
    (24, _("24 hours")),
    (48, _("2 days")),
    (72, _("3 days")),
    (168, _("a week")),
]
OTHER_LANGUAGES = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
SERVICE_FIELDS = ("service_1", "service_2", "service_3")
TEXT_KINDS = ("headline", "instruction", "description")


# --- who may publish -------------------------------------------------------------------


def alert_permissions():
    return list(
        Permission.objects.filter(content_type__app_label="campaigns", codename__in=["add_alert", "view_alert"])
    )


@transaction.atomic
def ensure_alerts_group():
    """The "Alerts" group (admin access, raise/update/cancel alerts), and the same
    rights for the secretariat. Idempotent; partners' groups get nothing."""
    from directory.partners import SECRETARIAT_GROUP_NAME, ensure_secretariat_group

    access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    group, _created = Group.objects.get_or_create(name=ALERTS_GROUP_NAME)
    group.permissions.add(access, *alert_permissions())
    secretariat = Group.objects.filter(name=SECRETARIAT_GROUP_NAME).first() or ensure_secretariat_group()
    secretariat.permissions.add(*alert_permissions())
    return group


def can_publish(user):
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


# --- the form ---------------------------------------------------------------------------


def _area_choices():
    areas = AdministrativeArea.objects.filter(
        locale=Locale.get_default(), level__in=[AreaLevel.REGIONAL_UNIT, AreaLevel.MUNICIPALITY]
    ).order_by("level", "name")
    return areas


class AlertForm(forms.Form):
    """The essentials of an alert; everything else has a default."""

    headline = forms.CharField(
        label=_("Headline (Greek)"),
        max_length=160,
        help_text=_("What is happening and where, in one line, e.g. 'Heatwave: cooling centres open in Kozani'."),
    )
    instruction = forms.CharField(
        label=_("What people should do (Greek)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description = forms.CharField(
        label=_("What is happening (Greek)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    areas = forms.ModelMultipleChoiceField(
        label=_("Areas"),
        queryset=AdministrativeArea.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("None chosen: the alert is shown on every page. Hold Ctrl (⌘ on a Mac) to choose several."),
    )
    severity = forms.ChoiceField(label=_("Severity"), choices=AlertSeverity.choices, initial=AlertSeverity.SEVERE)
    duration = forms.TypedChoiceField(
        label=_("How long it lasts"),
        choices=DURATIONS,
        coerce=int,
        initial=24,
        help_text=_("From the moment it is published."),
    )
    expires = forms.DateTimeField(
        label=_("Or until (Athens time)"),
        required=False,
        widget=AdminDateTimeInput,
        help_text=_("Overrides the duration."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=AlertCategory.choices, initial=AlertCategory.SAFETY)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=AlertUrgency.choices, initial=AlertUrgency.IMMEDIATE)
    certainty = forms.ChoiceField(label=_("Certainty"), choices=AlertCertainty.choices, initial=AlertCertainty.OBSERVED)
    status = forms.ChoiceField(
        label=_("Kind of message"),
        choices=AlertStatus.choices,
        initial=AlertStatus.ACTUAL,
        help_text=_("Only 'Actual' alerts are shown to the public; exercises and tests go to the CAP feed only."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = _area_choices()
        for index, name in enumerate(SERVICE_FIELDS, start=1):
            self.fields[name] = forms.ModelChoiceField(
                label=_("Service or place concerned (%(number)s)") % {"number": index},
                queryset=ServicePage.objects.all(),
                required=False,
                widget=AdminPageChooser(target_models=[ServicePage]),
            )
        for code in OTHER_LANGUAGES:
            name = dict(settings.LANGUAGES)[code]
            self.fields[f"headline_{code}"] = forms.CharField(
                label=_("Headline (%(language)s)") % {"language": name}, max_length=160, required=False
            )
            self.fields[f"instruction_{code}"] = forms.CharField(
                label=_("What people should do (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )
            self.fields[f"description_{code}"] = forms.CharField(
                label=_("What is happening (%(language)s)") % {"language": name},
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
            )

    def clean_expires(self):
        value = self.cleaned_data.get("expires")
        if value is not None and value <= timezone.now():
            raise forms.ValidationError(_("This time has already passed."))
        return value

    def clean(self):
        data = super().clean()
        for code in OTHER_LANGUAGES:
            has_text = data.get(f"instruction_{code}") or data.get(f"description_{code}")
            if has_text and not data.get(f"headline_{code}"):
                self.add_error(f"headline_{code}", _("Give a headline in this language too, or leave its texts empty."))
        return data

    # Groups of fields, for the template.
    def essentials(self):
        return [self[n] for n in ("headline", "instruction", "description", "areas", "severity", "duration", "expires")]

    def details(self):
        return [self[n] for n in ("category", "urgency", "certainty", "status", *SERVICE_FIELDS)]

    def languages(self):
        return [
            (
                dict(settings.LANGUAGES)[code],
                [self[f"{kind}_{code}"] for kind in ("headline", "instruction", "description")],
            )
            for code in OTHER_LANGUAGES
        ]

    def texts(self):
        """{language: (headline, description, instruction)} of the cleaned data."""
        data = self.cleaned_data
        texts = {settings.LANGUAGE_CODE: (data["headline"], data["description"], data["instruction"])}
        for code in OTHER_LANGUAGES:
            if data.get(f"headline_{code}"):
                texts[code] = (data[f"headline_{code}"], data[f"description_{code}"], data[f"instruction_{code}"])
        return texts

    def expiry(self, now):
        return self.cleaned_data.get("expires") or now + datetime.timedelta(hours=self.cleaned_data["duration"])

    def services(self):
        return [s for s in (self.cleaned_data.get(n) for n in SERVICE_FIELDS) if s is not None]


def initial_from(alert):
    """The form's starting values for an update of `alert`."""
    initial = {
        "severity": alert.severity,
        "category": alert.category,
        "urgency": alert.urgency,
        "certainty": alert.certainty,
        "status": alert.status,
        "areas": list(alert.areas.all()),
        "expires": alert.expires,
    }
    for info in alert.infos.all():
        suffix = "" if info.language == settings.LANGUAGE_CODE else f"_{info.language}"
        initial.update(
            {
                f"headline{suffix}": info.headline,
                f"instruction{suffix}": info.instruction,
                f"description{suffix}": info.description,
            }
        )
    for name, service in zip(SERVICE_FIELDS, alert.services.all(), strict=False):
        initial[name] = service
    return initial


class AlreadyReplaced(Exception):
    """The message to update or cancel got a newer one meanwhile (another publisher was quicker)."""


@contextmanager
def replacing(previous):
    """A transaction in which `previous` (if any) is locked and known to be still the newest.

    Two publishers updating or cancelling the same message at once: the second waits on
    the row lock for the first to commit, then finds the first's message and stops with
    AlreadyReplaced (as does a save refused by the one-successor constraint), instead of
    an IntegrityError and a 500.
    """
    try:
        with transaction.atomic():
            if previous is not None:
                locked = Alert.objects.select_for_update().filter(pk=previous.pk).first()
                if locked is None or locked.is_cancel or Alert.objects.filter(previous_id=previous.pk).exists():
                    raise AlreadyReplaced
            yield
    except IntegrityError as error:
        constraint = getattr(getattr(error.__cause__, "diag", None), "constraint_name", None) or ""
        if previous is not None and "previous" in constraint:
            raise AlreadyReplaced from error
        raise


def publish(form, user, previous=None, msg_type=AlertMessageType.ALERT):
    """A new CAP message from a valid form (an update when `previous` is given).

    Raises AlreadyReplaced when `previous` got a newer message meanwhile.
    """
    with replacing(previous):
        return _publish(form, user, previous, msg_type)


def _publish(form, user, previous, msg_type):
    now = timezone.now()
    data = form.cleaned_data
    headline = data["headline"]
    alert = Alert(
        sent=now,
        msg_type=msg_type,
        previous=previous,
        status=data["status"],
        category=data["category"],
        event=(previous.event if previous else headline)[:100],
        severity=data["severity"],
        urgency=data["urgency"],
        certainty=data["certainty"],
        onset=previous.onset if previous else now,
        expires=form.expiry(now),
        raised_by=user,
    )
    alert.save()
    for language, (title, description, instruction) in form.texts().items():
        AlertInfo.objects.create(
            alert=alert, language=language, headline=title, description=description, instruction=instruction
        )
    alert.areas.set(data["areas"])
    alert.services.set(form.services())
    alert.save()
    alert_changed(alert)
    return alert


def cancel(alert, user):
    """A Cancel message for `alert`: it leaves the banner at once, and the feed says so.

    Raises AlreadyReplaced when `alert` got a newer message meanwhile.
    """
    with replacing(alert):
        return _cancel(alert, user)


def _cancel(alert, user):
    now = timezone.now()
    message = Alert(
        sent=now,
        msg_type=AlertMessageType.CANCEL,
        previous=alert,
        status=alert.status,
        category=alert.category,
        event=alert.event,
        severity=alert.severity,
        urgency=AlertUrgency.PAST,
        certainty=alert.certainty,
        onset=alert.onset,
        expires=max(alert.expires, now + datetime.timedelta(minutes=1)),
        raised_by=user,
    )
    message.save()
    for info in alert.infos.all():
        AlertInfo.objects.create(
            alert=message,
            language=info.language,
            headline=info.headline,
            description=info.description,
            instruction=info.instruction,
        )
    message.areas.set(alert.areas.all())
    message.save()
    alert_changed(message)
    return message


# --- the views ---------------------------------------------------------------------------


class PublisherRequiredMixin:
    def dispatch(self, request, *args, **kwargs):
        if not can_publish(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def _current_or_404(pk):
    """The message to update or cancel: the newest of its chain, not a cancellation."""
    alert = get_object_or_404(Alert, pk=pk)
    if getattr(alert, "next_message", None) is not None or alert.is_cancel:
        return None
    return alert


ALREADY_REPLACED_UPDATE = _("This alert was already replaced or cancelled: update the newest message.")


class RaiseAlertView(PublisherRequiredMixin, View):
    """Screen 1: the form. Screen 2: the preview and "Publish". Nothing else."""

    template_form = "campaigns/alert_admin_form.html"
    template_confirm = "campaigns/alert_admin_confirm.html"

    def previous(self):
        """The message an update replaces (None when raising a new alert)."""
        pk = self.kwargs.get("pk")
        return _current_or_404(pk) if pk is not None else None

    def dispatch(self, request, *args, **kwargs):
        if kwargs.get("pk") is not None and can_publish(request.user) and self.previous() is None:
            messages.warning(request, ALREADY_REPLACED_UPDATE)
            return redirect("wagtailsnippets_campaigns_alert:list")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, pk=None):
        previous = self.previous()
        form = AlertForm(initial=initial_from(previous) if previous else None)
        return self.render_form(form, previous)

    def post(self, request, pk=None):
        previous = self.previous()
        form = AlertForm(request.POST)
        if not form.is_valid() or "back" in request.POST:
            return self.render_form(form, previous, status=200 if form.is_valid() else 400)
        if "confirm" not in request.POST:
            return self.render_confirm(form, previous)
        msg_type = AlertMessageType.UPDATE if previous else AlertMessageType.ALERT
        try:
            alert = publish(form, request.user, previous=previous, msg_type=msg_type)
        except AlreadyReplaced:
            messages.warning(request, ALREADY_REPLACED_UPDATE)
            return redirect("wagtailsnippets_campaigns_alert:list")
        messages.success(
            request,
            gettext("Alert '%(headline)s' published. It is shown now.") % {"headline": form.cleaned_data["headline"]}
            if alert.status == AlertStatus.ACTUAL
            else gettext("Message published to the CAP feed only (not an actual alert)."),
        )
        return redirect("wagtailsnippets_campaigns_alert:list")

    def _context(self, form, previous):
        return {
            "form": form,
            "previous": previous,
            "page_title": gettext("Update the alert") if previous else gettext("Raise an alert"),
            "header_icon": "warning",
        }

    def render_form(self, form, previous, status=200):
        return TemplateResponse(self.request, self.template_form, self._context(form, previous), status=status)

    def render_confirm(self, form, previous):
        context = self._context(form, previous)
        now = timezone.now()
        context.update(
            {
                "expires": form.expiry(now),
                "severity_label": SEVERITY_LABELS.get(form.cleaned_data["severity"], SEVERITY_LABELS["Unknown"]),
                "texts": form.texts(),
                "services": form.services(),
                "is_public": form.cleaned_data["status"] == AlertStatus.ACTUAL,
            }
        )
        return TemplateResponse(self.request, self.template_confirm, context)


class CancelAlertView(PublisherRequiredMixin, View):
    """One screen: what will be cancelled, and the button."""

    def get(self, request, pk):
        alert = _current_or_404(pk)
        if alert is None:
            messages.warning(request, gettext("This alert was already replaced or cancelled."))
            return redirect("wagtailsnippets_campaigns_alert:list")
        context = {"alert": alert, "page_title": gettext("Cancel the alert"), "header_icon": "warning"}
        return TemplateResponse(request, "campaigns/alert_admin_cancel.html", context)

    def post(self, request, pk):
        alert = _current_or_404(pk)
        try:
            if alert is None:
                raise AlreadyReplaced
            cancel(alert, request.user)
        except AlreadyReplaced:
            messages.warning(request, gettext("This alert was already replaced or cancelled."))
        else:
            messages.success(request, gettext("The alert was cancelled. It is no longer shown."))
        return redirect("wagtailsnippets_campaigns_alert:list")


urlpatterns = [
    path("raise/", RaiseAlertView.as_view(), name="raise"),
    path("<int:pk>/update/", RaiseAlertView.as_view(), name="update"),
    path("<int:pk>/cancel/", CancelAlertView.as_view(), name="cancel"),
]


# --- the snippet: a record of every message sent ------------------------------------------


class SentMessagesPolicy(ModelPermissionPolicy):
    """Messages are records: never edited or deleted in place (update or cancel instead)."""

    def user_has_permission(self, user, action):
        if action in ("change", "delete"):
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_permission(user, action)


class RaiseInsteadOfCreate(CreateView):
    """The snippet's "Add" button leads to the two-screen raise form."""

    def dispatch(self, request, *args, **kwargs):
        return redirect("campaigns_alerts:raise")


class AlertViewSet(SnippetViewSet):
    model = Alert
    icon = "warning"
    menu_label = _("Alerts")
    menu_name = "alerts"
    menu_order = 250
    add_to_admin_menu = True
    add_view_class = RaiseInsteadOfCreate
    inspect_view_enabled = True
    list_display = ["__str__", "msg_type", "severity", "status", "sent", "expires"]
    list_filter = ["msg_type", "status", "severity"]
    ordering = ["-sent"]

    @property
    def permission_policy(self):
        return SentMessagesPolicy(self.model)


def register():
    register_snippet(AlertViewSet)

    @hooks.register("register_admin_urls")
    def alert_admin_urls():
        return [path("campaigns/alerts/", include((urlpatterns, "campaigns_alerts")))]

    @hooks.register("register_snippet_listing_buttons")
    def alert_listing_buttons(snippet, user, next_url=None):
        if not isinstance(snippet, Alert) or not can_publish(user):
            return []
        if getattr(snippet, "next_message", None) is not None or snippet.is_cancel:
            return []
        if snippet.expires <= timezone.now():
            return []
        return [
            Button(gettext("Update"), reverse("campaigns_alerts:update", args=[snippet.pk]), priority=10),
            Button(gettext("Cancel"), reverse("campaigns_alerts:cancel", args=[snippet.pk]), priority=20),
        ]
