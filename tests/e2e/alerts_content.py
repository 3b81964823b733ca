"""An untidy alert for the browser tests (layout, axe): extreme, in Kozani, a long Greek
headline in capitals without accents, long words, and an Arabic text; it concerns no
service, so every page in Kozani shows it as a banner and the home page names the area."""

import datetime

from django.utils import timezone

from campaigns.factories_alerts import AlertFactory

ALERT_IDENTIFIER = "koinonia-e2e-heatwave"
GREEK = (
    "ΚΑΥΣΩΝΑΣ ΕΩΣ ΤΗΝ ΠΑΡΑΣΚΕΥΗ: ΚΛΙΜΑΤΙΖΟΜΕΝΟΙ ΧΩΡΟΙ ΑΝΟΙΧΤΟΙ ΣΤΗΝ ΚΟΖΑΝΗ ΚΑΙ ΣΤΗΝ ΠΤΟΛΕΜΑΪΔΑ ΓΙΑ ΟΛΟΥΣ",
    "Θερμοκρασίες έως 43 °C. Ιδιαίτερη προσοχή σε ηλικιωμένους, χρονίως πάσχοντες και αστέγους "
    "(κοινωνικοοικονομικής ευαλωτότητας).",
    "Μείνετε σε δροσερό χώρο 11:00–18:00, πίνετε νερό και καλέστε 112 αν κάποιος δεν αισθάνεται καλά.",
)
ARABIC = (
    "موجة حر حتى يوم الجمعة: أماكن مكيفة مفتوحة للجميع في كوزاني",
    "ستصل درجات الحرارة إلى 43 درجة مئوية.",
    "ابقَ في مكان بارد من 11:00 إلى 18:00، واشرب الماء، واتصل بالرقم 112 عند الخطر.",
)


def build_alert():
    """The alert's identifier (its page: /<lang>/alerts/<identifier>/)."""
    AlertFactory(
        identifier=ALERT_IDENTIFIER,
        severity="Extreme",
        texts={"el": GREEK, "ar": ARABIC},
        area_codes=["m-67"],
        expires=timezone.now() + datetime.timedelta(days=2),
    )
    return ALERT_IDENTIFIER
