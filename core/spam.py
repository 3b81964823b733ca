"""Spam protection for every public form: reCAPTCHA, a honeypot and rate limits.

django-recaptcha does the reCAPTCHA work; this module adds two things it lacks:
- it fails *closed with a message* when Google cannot be reached (the library
  lets urllib's URLError escape, which would be a 500);
- with Google's published test keys (which Google answers "success" to anyway)
  and RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS on (development, tests), it skips the
  round trip, because our machines have no route to Google.
"""

from urllib.error import URLError

from django_ratelimit.core import is_ratelimited
from django_recaptcha.fields import ReCaptchaField

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

HONEYPOT_FIELD = "website"


def captcha_offline():
    """True when the configured keys are Google's test keys and verification is skipped."""
    return (
        getattr(settings, "RECAPTCHA_SKIP_VERIFY_WITH_TEST_KEYS", False)
        and settings.RECAPTCHA_PRIVATE_KEY == settings.RECAPTCHA_TEST_PRIVATE_KEY
    )


class CaptchaField(ReCaptchaField):
    default_error_messages = {
        "captcha_invalid": _("Please confirm that you are not a robot."),
        "captcha_error": _("We could not check that you are not a robot. Please try again in a moment."),
        "required": _("Please confirm that you are not a robot."),
    }

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("Confirmation"))
        super().__init__(*args, **kwargs)
        if captcha_offline():
            self.required = False
            self.widget = forms.HiddenInput()

    def validate(self, value):
        if captcha_offline():
            return
        try:
            super().validate(value)
        except (URLError, OSError, TimeoutError) as exc:
            raise ValidationError(self.error_messages["captcha_error"], code="captcha_error") from exc


class SpamProtectedForm(forms.Form):
    """Base for public forms: a honeypot field people never see, and reCAPTCHA."""

    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    captcha = CaptchaField()

    def clean_website(self):
        if self.cleaned_data.get(HONEYPOT_FIELD):
            raise ValidationError(_("Your message could not be sent. Please try again."), code="honeypot")
        return ""


def over_rate_limit(request, group, rate):
    """Count this request against a per-IP limit; True when the limit is exceeded."""
    if not getattr(settings, "RATELIMIT_ENABLE", True):
        return False
    return is_ratelimited(request, group=group, key="ip", rate=rate, method="POST", increment=True)
