"""Demo alert: a heatwave, cooling centres open in the municipalities of Kozani and Athens.

Idempotent: the message has a fixed identifier. A second run changes nothing while
the alert is current; once it has expired, the run moves its end three days on,
so that a demo site always has one alert to show.
"""

import datetime

from django.utils import timezone

from wagtail.models import Locale

from campaigns.models import Alert, AlertInfo
from directory.models import AdministrativeArea, ServicePage

DEMO_IDENTIFIER = "koinonia-demo-heatwave"
AREA_CODES = ("m-67", "m-193")  # Δήμος Κοζάνης, Δήμος Αθηναίων
SERVICE_TITLES = ("Κέντρο Κοινότητας Δήμου Κοζάνης", "Κέντρο Ημέρας Αστέγων Δήμου Αθηναίων")
TEXTS = {
    "el": (
        "Καύσωνας: ανοιχτοί κλιματιζόμενοι χώροι στην Κοζάνη και στην Αθήνα",
        "Η θερμοκρασία θα φτάσει τους 42 °C έως την Παρασκευή. Οι δήμοι ανοίγουν κλιματιζόμενους χώρους "
        "για όποιον τους χρειάζεται, χωρίς χρέωση.",
        "Μείνετε σε δροσερό μέρος από τις 11:00 έως τις 18:00. Πίνετε νερό. Φροντίστε ηλικιωμένους γείτονες. "
        "Κλιματιζόμενοι χώροι: Κέντρο Κοινότητας Δήμου Κοζάνης και Κέντρο Ημέρας Αστέγων Δήμου Αθηναίων, "
        "καθημερινά 10:00–20:00. Σε κίνδυνο καλέστε 112.",
    ),
    "en": (
        "Heatwave: cooling centres open in Kozani and Athens",
        "Temperatures will reach 42 °C until Friday. The municipalities are opening air-conditioned spaces "
        "for anyone who needs them, free of charge.",
        "Stay somewhere cool from 11:00 to 18:00. Drink water. Check on older neighbours. "
        "Cooling centres: Kozani Community Centre and the Athens Day Centre for the Homeless, "
        "every day 10:00–20:00. In danger, call 112.",
    ),
}


def load_alerts_demo():
    alert = Alert.objects.filter(identifier=DEMO_IDENTIFIER).first()
    now = timezone.now()
    if alert is not None:
        if alert.expires > now:
            return "Alerts: the demo heatwave alert is current"
        alert.expires = now + datetime.timedelta(days=3)
        alert.save(update_fields=["expires"])
        _refresh(alert)
        return "Alerts: the demo heatwave alert was extended by three days"
    greek = Locale.get_default()
    alert = Alert(
        identifier=DEMO_IDENTIFIER,
        sent=now,
        category="Met",
        event="Καύσωνας",
        severity="Severe",
        urgency="Immediate",
        certainty="Observed",
        onset=now,
        expires=now + datetime.timedelta(days=3),
    )
    alert.save()
    for language, (headline, description, instruction) in TEXTS.items():
        AlertInfo.objects.create(
            alert=alert, language=language, headline=headline, description=description, instruction=instruction
        )
    alert.areas.set(AdministrativeArea.objects.filter(code__in=AREA_CODES, locale=greek))
    alert.services.set(ServicePage.objects.filter(title__in=SERVICE_TITLES, locale=greek))
    alert.save()  # parental many-to-many relations are written when the cluster is saved
    _refresh(alert)
    return "Alerts: one active area alert (heatwave, Kozani and Athens)"


def _refresh(alert):
    from campaigns.alerts import alert_changed

    alert_changed(alert)
