"""The organisations of the demo network and what each of them offers.

Modelled on what a Western Macedonian or Attican social network really lists: each
municipality with its social directorate and its legal entity for ΚΑΠΗ, ΚΔΑΠ and
nurseries, the women's counselling centres, the Metropolis' charity, health and
employment bodies, NGOs and volunteer groups. The names are plausible but the
contact details are invented (e-mail and web addresses are under the reserved
`.example` domain, so nothing reaches a real mailbox).
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Offered:
    """One service of an organisation; anything left empty comes from its kind."""

    kind: str
    name: str = ""
    town: str = ""  # default: the organisation's town
    also_at: tuple[str, ...] = ()  # further towns where the service is also given
    status: str = "active"
    alert: str = ""
    extra: tuple[str, ...] = ()  # sentences only this service has


@dataclass(frozen=True)
class Organisation:
    key: str
    name: str
    legal_status: str
    town: str
    domain: str
    services: tuple[Offered, ...]
    description: str = ""  # default: written from the legal status
    alternate_name: str = ""
    genitive: str = ""  # for names such as "Συσσίτιο {org}"


def o(kind, name="", **kwargs):
    return Offered(kind, name, **kwargs)


def municipality(key, town, domain, kinds, **kwargs):
    """A municipality's social directorate offering `kinds` (strings or Offered)."""
    from directory.demo.places import TOWNS

    services = tuple(k if isinstance(k, Offered) else Offered(k) for k in kinds)
    return Organisation(key, TOWNS[town].municipality, "municipal", town, domain, services, **kwargs)


def legal_entity(key, town, domain, name, alternate_name, kinds):
    """A municipal legal entity (ΝΠΔΔ) that runs ΚΑΠΗ, ΚΔΑΠ, nurseries and day centres."""
    services = tuple(k if isinstance(k, Offered) else Offered(k) for k in kinds)
    return Organisation(key, name, "municipal", town, domain, services, alternate_name=alternate_name)


LIGNITE = (
    "Στο πλαίσιο της Δίκαιης Αναπτυξιακής Μετάβασης ενημερώνει πρώην εργαζόμενους των λιγνιτικών μονάδων και των "
    "εργολάβων τους για προγράμματα επανακατάρτισης και επιδοτούμενης απασχόλησης."
)
MOUNTAIN = "Το συνεργείο καλύπτει και τα ορεινά χωριά του δήμου, ακόμη και τον χειμώνα με το όχημα 4x4 του δήμου."
FROST = (
    "Τις ημέρες παγετού η τραπεζαρία λειτουργεί και ως θερμαινόμενος χώρος για όσους δεν μπορούν να ζεστάνουν το "
    "σπίτι τους."
)

WEST_MACEDONIA = [
    municipality(
        "dimos-kozanis",
        "kozani",
        "kozani.example",
        [
            "social-service",
            "community-centre",
            o(
                "social-grocery",
                alert="Τον Δεκέμβριο γίνεται επιπλέον εορταστική διανομή το Σάββατο 19/12, 09:00–13:00.",
            ),
            "social-pharmacy",
            o("home-help", extra=(MOUNTAIN,)),
            "rent-support",
            "digital-skills",
            "tutoring",
            "municipal-meals",
        ],
    ),
    legal_entity(
        "npkp-kozanis",
        "kozani",
        "npkp-kozani.example",
        "Νομικό Πρόσωπο Κοινωνικής Προστασίας Δήμου Κοζάνης",
        "Ν.Π.Κ.Π. Δήμου Κοζάνης",
        [
            o("kapi", "1ο ΚΑΠΗ Κοζάνης"),
            o(
                "kapi",
                "2ο ΚΑΠΗ Κοζάνης",
                status="temporarily closed",
                alert="Το 2ο ΚΑΠΗ παραμένει κλειστό λόγω εργασιών ενεργειακής αναβάθμισης του κτιρίου έως τις 31 "
                "Ιανουαρίου 2027. Τα μέλη εξυπηρετούνται στο 1ο ΚΑΠΗ.",
            ),
            o("kdap", "1ο ΚΔΑΠ Κοζάνης"),
            o("kdap", "2ο ΚΔΑΠ Κοζάνης"),
            o("kdap-mea", "ΚΔΑΠ ΜΕΑ «Ουράνιο Τόξο» Κοζάνης"),
            o("nursery", "1ος Δημοτικός Βρεφονηπιακός Σταθμός Κοζάνης"),
            o("nursery", "3ος Δημοτικός Βρεφονηπιακός Σταθμός Κοζάνης"),
            "khfh",
        ],
    ),
    Organisation(
        "skg-kozanis",
        "Συμβουλευτικό Κέντρο Γυναικών Κοζάνης",
        "municipal",
        "kozani",
        "women-kozani.example",
        (o("women-counselling"), o("women-shelter")),
        description="Μέλος του Δικτύου δομών για την πρόληψη και την αντιμετώπιση της βίας κατά των γυναικών. "
        "Λειτουργεί από τον Δήμο Κοζάνης μαζί με τον Ξενώνα Φιλοξενίας Γυναικών.",
    ),
    Organisation(
        "mitropoli-kozanis",
        "Ιερά Μητρόπολη Σερβίων και Κοζάνης – Γραφείο Κοινωνικής Διακονίας",
        "church",
        "kozani",
        "imsk.example",
        (
            o("church-meals"),
            o("clothing-bank"),
            o("tutoring", "Ενοριακό Φροντιστήριο Μητροπόλεως Κοζάνης"),
            o("care-home", "Γηροκομείο Ιεράς Μητροπόλεως Σερβίων και Κοζάνης"),
        ),
        description="Το Γραφείο Κοινωνικής Διακονίας συντονίζει το φιλανθρωπικό έργο των ενοριών της Μητρόπολης: "
        "συσσίτια, ιματιοθήκη, φροντιστήριο και φροντίδα ηλικιωμένων.",
        genitive="Ιεράς Μητροπόλεως Κοζάνης",
    ),
    Organisation(
        "kepa-kozanis",
        "Κέντρο Πιστοποίησης Αναπηρίας Κοζάνης",
        "public",
        "kozani",
        "kepa-kozani.example",
        (o("kepa", "Πιστοποίηση Αναπηρίας – ΚΕΠΑ Κοζάνης"),),
        description="Περιφερειακή υπηρεσία του e-ΕΦΚΑ για την υγειονομική πιστοποίηση της αναπηρίας στην Π.Ε. Κοζάνης.",
        alternate_name="ΚΕΠΑ Κοζάνης",
    ),
    Organisation(
        "kpa-kozanis",
        "Κέντρο Προώθησης Απασχόλησης Κοζάνης",
        "public",
        "kozani",
        "kpa-kozani.example",
        (
            o("employment"),
            o("employment", "Συμβουλευτική Νέων 15–29 – Εγγύηση για τη Νεολαία"),
            o("employment", "Προγράμματα Κατάρτισης Δίκαιης Μετάβασης – Κοζάνη", extra=(LIGNITE,)),
        ),
        description="Τοπική υπηρεσία της δημόσιας υπηρεσίας απασχόλησης: μητρώο ανέργων, επιδόματα, συμβουλευτική και "
        "προγράμματα απασχόλησης.",
        alternate_name="ΚΠΑ2 Κοζάνης",
    ),
    Organisation(
        "kpsy-kozanis",
        "Κέντρο Ψυχικής Υγείας Κοζάνης",
        "health",
        "kozani",
        "kpsy-kozani.example",
        (
            o("mental-health"),
            o("mental-health-children", "Τμήμα Παιδιών και Εφήβων – Κέντρο Ψυχικής Υγείας Κοζάνης"),
            o("mental-health", "Κινητή Μονάδα Ψυχικής Υγείας Κοζάνης – Βοΐου", also_at=("siatista",)),
        ),
        description="Μονάδα ψυχικής υγείας του δημόσιου συστήματος υγείας για την Π.Ε. Κοζάνης, με κινητή μονάδα για "
        "τις ορεινές περιοχές.",
        alternate_name="ΚΨΥ Κοζάνης",
    ),
    Organisation(
        "orizontas",
        "Θεραπευτικό Πρόγραμμα «Ορίζοντας»",
        "ngo",
        "kozani",
        "orizontas.example",
        (
            o("addiction-counselling", "Συμβουλευτικός Σταθμός «Ορίζοντας» Κοζάνης"),
            o("addiction-prevention", "Πρόγραμμα Πρόληψης «Ορίζοντας» για Σχολεία και Γονείς"),
            o("addiction-counselling", "Συμβουλευτικός Σταθμός «Ορίζοντας» Πτολεμαΐδας", town="ptolemaida"),
        ),
        description="Στεγνό θεραπευτικό πρόγραμμα για την εξάρτηση από ουσίες, αλκοόλ και τζόγο, με σταθμούς σε "
        "Κοζάνη και Πτολεμαΐδα και πρόγραμμα κοινωνικής επανένταξης.",
    ),
    Organisation(
        "dsk-nomiki",
        "Δικηγορικός Σύλλογος Κοζάνης – Γραφείο Νομικής Αρωγής",
        "other",
        "kozani",
        "dsk-arogi.example",
        (
            o("legal-aid", "Δωρεάν Νομική Συμβουλή – Κοζάνη"),
            o("legal-aid", "Συμβουλευτική για Χρέη και Εξωδικαστικό Μηχανισμό"),
        ),
        description="Εθελοντική δράση των μελών του Συλλόγου για δωρεάν νομική συμβουλή σε πολίτες με χαμηλό εισόδημα.",
    ),
    Organisation(
        "pdm",
        "Περιφέρεια Δυτικής Μακεδονίας – Διεύθυνση Κοινωνικής Μέριμνας",
        "regional",
        "kozani",
        "pdm.example",
        (
            o("regional-welfare", "Διεύθυνση Κοινωνικής Μέριμνας Π.Ε. Κοζάνης"),
            o("regional-welfare", "Διεύθυνση Κοινωνικής Μέριμνας Π.Ε. Φλώρινας", town="florina"),
            o("regional-welfare", "Διεύθυνση Κοινωνικής Μέριμνας Π.Ε. Καστοριάς", town="kastoria"),
            o("regional-welfare", "Διεύθυνση Κοινωνικής Μέριμνας Π.Ε. Γρεβενών", town="grevena"),
        ),
        description="Οι υπηρεσίες κοινωνικής μέριμνας της Περιφέρειας στις τέσσερις Περιφερειακές Ενότητες: εποπτεία "
        "κοινωνικών δομών, αναδοχή, υιοθεσία και στήριξη σε καταστροφές.",
    ),
    Organisation(
        "koinsep-allileggyi",
        "Κοιν.Σ.Επ. «Αλληλεγγύη» Κοζάνης",
        "social_enterprise",
        "kozani",
        "allileggyi-kozani.example",
        (
            o("social-enterprise"),
            o("social-enterprise", "Εργαστήρι Ξυλουργικής και Επαναχρησιμοποίησης Επίπλων"),
        ),
        description="Κοινωνική συνεταιριστική επιχείρηση ένταξης που απασχολεί άτομα από ευάλωτες ομάδες σε "
        "καθαριότητα, πράσινο και ξυλουργική.",
        genitive="Κοιν.Σ.Επ. «Αλληλεγγύη»",
    ),
    Organisation(
        "xeri-voitheias",
        "Ομάδα Εθελοντών «Χέρι Βοηθείας» Κοζάνης",
        "volunteer",
        "kozani",
        "xeri-voitheias.example",
        (
            o("food-parcels", "Δέματα Τροφίμων «Χέρι Βοηθείας»"),
            o("clothing-bank", "Ιματιοθήκη «Χέρι Βοηθείας»"),
            o("tutoring", "Εθελοντικά Μαθήματα «Χέρι Βοηθείας»"),
        ),
        description="Άτυπη ομάδα πολιτών που από το 2012 συγκεντρώνει και μοιράζει τρόφιμα και ρούχα και κάνει "
        "μαθήματα σε παιδιά της πόλης.",
    ),
    Organisation(
        "gefyra",
        "Σύλλογος Υποστήριξης Προσφύγων και Μεταναστών «Γέφυρα»",
        "ngo",
        "kozani",
        "gefyra-dm.example",
        (o("language-courses"), o("asylum-legal"), o("ukraine-desk")),
        description="Μη κερδοσκοπικός σύλλογος που στηρίζει πρόσφυγες και μετανάστες στη Δυτική Μακεδονία με μαθήματα "
        "ελληνικών, νομική βοήθεια και διασύνδεση με υπηρεσίες.",
    ),
    Organisation(
        "enosi-kofon",
        "Ένωση Κωφών Δυτικής Μακεδονίας",
        "ngo",
        "kozani",
        "kofoi-dm.example",
        (o("deaf-interpretation"),),
        description="Σωματείο των κωφών και βαρήκοων της Δυτικής Μακεδονίας· διερμηνεία, μαθήματα νοηματικής και "
        "υπεράσπιση δικαιωμάτων.",
    ),
    municipality(
        "dimos-eordaias",
        "ptolemaida",
        "eordaia.example",
        [
            "social-service",
            "community-centre",
            "social-grocery",
            "social-pharmacy",
            "home-help",
            "municipal-meals",
            "digital-skills",
        ],
    ),
    legal_entity(
        "ko-eordaias",
        "ptolemaida",
        "ko-eordaia.example",
        "Κοινωνικός Οργανισμός Δήμου Εορδαίας",
        "ΚΟΔΕ",
        [
            o("kapi", "1ο ΚΑΠΗ Πτολεμαΐδας"),
            o("kapi", "2ο ΚΑΠΗ Πτολεμαΐδας"),
            "kdap",
            o("nursery", "1ος Βρεφονηπιακός Σταθμός Πτολεμαΐδας"),
            o("nursery", "2ος Βρεφονηπιακός Σταθμός Πτολεμαΐδας"),
            "khfh",
        ],
    ),
    Organisation(
        "kmpsy-eordaias",
        "Κινητή Μονάδα Ψυχικής Υγείας Εορδαίας",
        "health",
        "ptolemaida",
        "kmpsy-eordaia.example",
        (o("mental-health", "Κινητή Μονάδα Ψυχικής Υγείας Εορδαίας", also_at=("amyntaio",)),),
        description="Κινητή μονάδα που φέρνει τη φροντίδα ψυχικής υγείας στα χωριά της Εορδαίας και του Αμυνταίου.",
    ),
    Organisation(
        "mitropoli-florinis",
        "Ιερά Μητρόπολη Φλωρίνης, Πρεσπών και Εορδαίας – Φιλόπτωχα Ταμεία",
        "church",
        "florina",
        "imfpe.example",
        (
            o("church-meals", "Συσσίτιο Φιλόπτωχου Ταμείου Πτολεμαΐδας", town="ptolemaida"),
            o("clothing-bank", "Ιματιοθήκη Φιλόπτωχου Ταμείου Πτολεμαΐδας", town="ptolemaida"),
            o("church-meals", "Συσσίτιο Ιεράς Μητροπόλεως Φλωρίνης"),
            o("clothing-bank", "Ιματιοθήκη Ιεράς Μητροπόλεως Φλωρίνης"),
        ),
        description="Τα φιλόπτωχα ταμεία των ενοριών της Μητρόπολης σε Φλώρινα και Πτολεμαΐδα προσφέρουν καθημερινά "
        "φαγητό, ρούχα και στήριξη σε οικογένειες που δυσκολεύονται.",
    ),
    Organisation(
        "kpa-ptolemaidas",
        "Κέντρο Προώθησης Απασχόλησης Πτολεμαΐδας",
        "public",
        "ptolemaida",
        "kpa-ptolemaida.example",
        (
            o("employment"),
            o("employment", "Επανακατάρτιση Εργαζομένων Λιγνίτη – Πτολεμαΐδα", extra=(LIGNITE,)),
        ),
        description="Τοπική υπηρεσία απασχόλησης για την Εορδαία, με έμφαση στη μετάβαση της περιοχής μετά τον "
        "λιγνίτη.",
        alternate_name="ΚΠΑ2 Πτολεμαΐδας",
    ),
    Organisation(
        "elpida-eordaias",
        "Σύλλογος Γονέων και Φίλων Ατόμων με Αναπηρία «Ελπίδα» Εορδαίας",
        "ngo",
        "ptolemaida",
        "elpida-eordaia.example",
        (o("disability-parents"), o("kdap-mea", "Εργαστήρι Δημιουργικής Απασχόλησης «Ελπίδα»")),
        description="Σύλλογος γονέων που στηρίζει παιδιά και νέους με αναπηρία και τις οικογένειές τους στην Εορδαία.",
    ),
    municipality(
        "dimos-florinas",
        "florina",
        "florina.example",
        [
            "social-service",
            "community-centre",
            "social-grocery",
            "social-pharmacy",
            "home-help",
            o("municipal-meals", extra=(FROST,)),
        ],
    ),
    legal_entity(
        "kpa-dimou-florinas",
        "florina",
        "kpa-florina.example",
        "Κοινωνική Προστασία και Αλληλεγγύη Δήμου Φλώρινας",
        "ΝΠΔΔ Κοινωνικής Προστασίας Φλώρινας",
        ["kapi", "kdap", "nursery", "khfh"],
    ),
    Organisation(
        "skg-florinas",
        "Συμβουλευτικό Κέντρο Γυναικών Φλώρινας",
        "municipal",
        "florina",
        "women-florina.example",
        (o("women-counselling"),),
        description="Δομή του Δήμου Φλώρινας για την υποστήριξη γυναικών που έχουν υποστεί βία ή διακρίσεις.",
    ),
    Organisation(
        "pyxida",
        "Οργάνωση «Πυξίδα» για την Ένταξη",
        "ngo",
        "florina",
        "pyxida.example",
        (o("language-courses"), o("refugee-psychosocial"), o("women-migrant-centre")),
        description="Μη κυβερνητική οργάνωση που στηρίζει πρόσφυγες και μετανάστες στη Φλώρινα και την ευρύτερη "
        "περιοχή με εκπαίδευση και ψυχοκοινωνική στήριξη.",
    ),
    Organisation(
        "kpsy-florinas",
        "Κέντρο Ψυχικής Υγείας Φλώρινας",
        "health",
        "florina",
        "kpsy-florina.example",
        (o("mental-health"), o("mental-health-children")),
        description="Μονάδα ψυχικής υγείας για ενήλικες, παιδιά και εφήβους της Π.Ε. Φλώρινας.",
    ),
    municipality(
        "dimos-amyntaiou",
        "amyntaio",
        "amyntaio.example",
        ["social-service", "community-centre", o("home-help", extra=(MOUNTAIN,)), "kapi", "social-grocery"],
    ),
    Organisation(
        "ky-amyntaiou",
        "Κέντρο Υγείας Αμυνταίου",
        "health",
        "amyntaio",
        "ky-amyntaio.example",
        (o("health-centre"),),
        description="Κέντρο Υγείας της πρωτοβάθμιας φροντίδας για τον Δήμο Αμυνταίου, με περιφερειακά ιατρεία στα "
        "χωριά.",
    ),
    municipality(
        "dimos-kastorias",
        "kastoria",
        "kastoria.example",
        [
            "social-service",
            "community-centre",
            "social-grocery",
            "social-pharmacy",
            "home-help",
            "rent-support",
            "municipal-meals",
        ],
    ),
    legal_entity(
        "dikek-kastorias",
        "kastoria",
        "dikek-kastoria.example",
        "Κοινωφελής Επιχείρηση Δήμου Καστοριάς",
        "ΔΗ.Κ.Ε.Κ.",
        [o("kapi", "1ο ΚΑΠΗ Καστοριάς"), o("kapi", "2ο ΚΑΠΗ Καστοριάς"), "kdap", "kdap-mea", "nursery"],
    ),
    Organisation(
        "mitropoli-kastorias",
        "Ιερά Μητρόπολη Καστορίας – Φιλόπτωχο Ταμείο",
        "church",
        "kastoria",
        "imkastorias.example",
        (o("church-meals"), o("clothing-bank"), o("care-home")),
        description="Το φιλόπτωχο ταμείο της Μητρόπολης Καστορίας: συσσίτιο, ιματιοθήκη και μονάδα φροντίδας "
        "ηλικιωμένων.",
        genitive="Ιεράς Μητροπόλεως Καστορίας",
    ),
    Organisation(
        "skg-kastorias",
        "Συμβουλευτικό Κέντρο Γυναικών Καστοριάς",
        "municipal",
        "kastoria",
        "women-kastoria.example",
        (o("women-counselling"),),
        description="Δομή του Δήμου Καστοριάς για την ψυχολογική, κοινωνική και νομική στήριξη γυναικών.",
    ),
    Organisation(
        "kpa-kastorias",
        "Κέντρο Προώθησης Απασχόλησης Καστοριάς",
        "public",
        "kastoria",
        "kpa-kastoria.example",
        (o("employment"),),
        description="Τοπική υπηρεσία της δημόσιας υπηρεσίας απασχόλησης για την Π.Ε. Καστοριάς.",
        alternate_name="ΚΠΑ2 Καστοριάς",
    ),
    municipality(
        "dimos-argous-orestikou",
        "argos_orestiko",
        "argos-orestiko.example",
        ["social-service", "community-centre", "home-help", "kapi"],
    ),
    municipality(
        "dimos-grevenon",
        "grevena",
        "grevena.example",
        [
            "social-service",
            "community-centre",
            "social-grocery",
            "social-pharmacy",
            o("home-help", extra=(MOUNTAIN,)),
            "kapi",
            "kdap",
            "nursery",
        ],
    ),
    Organisation(
        "mitropoli-grevenon",
        "Ιερά Μητρόπολη Γρεβενών – Γραφείο Αγάπης",
        "church",
        "grevena",
        "imgrevenon.example",
        (o("church-meals"), o("clothing-bank")),
        description="Το Γραφείο Αγάπης της Μητρόπολης Γρεβενών στηρίζει άπορες οικογένειες και μοναχικούς "
        "ηλικιωμένους.",
        genitive="Γραφείου Αγάπης Μητροπόλεως Γρεβενών",
    ),
    Organisation(
        "kpa-grevenon",
        "Κέντρο Προώθησης Απασχόλησης Γρεβενών",
        "public",
        "grevena",
        "kpa-grevena.example",
        (o("employment"),),
        description="Τοπική υπηρεσία της δημόσιας υπηρεσίας απασχόλησης για την Π.Ε. Γρεβενών.",
        alternate_name="ΚΠΑ2 Γρεβενών",
    ),
    municipality(
        "dimos-deskatis", "deskati", "deskati.example", ["social-service", o("home-help", extra=(MOUNTAIN,)), "kapi"]
    ),
    Organisation(
        "ky-deskatis",
        "Κέντρο Υγείας Δεσκάτης",
        "health",
        "deskati",
        "ky-deskati.example",
        (o("health-centre"),),
        description="Κέντρο Υγείας για τη Δεσκάτη και τα ορεινά χωριά της, με εφημερία όλο το 24ωρο.",
    ),
    municipality(
        "dimos-voiou",
        "siatista",
        "voio.example",
        [
            "social-service",
            o("home-help", also_at=("tsotyli",), extra=(MOUNTAIN,)),
            o("kapi", "ΚΑΠΗ Σιάτιστας"),
            o("kapi", "ΚΑΠΗ Τσοτυλίου", town="tsotyli"),
            "community-centre",
        ],
    ),
    Organisation(
        "ky-siatistas",
        "Κέντρο Υγείας Σιάτιστας",
        "health",
        "siatista",
        "ky-siatista.example",
        (o("health-centre"),),
        description="Κέντρο Υγείας για τον Δήμο Βοΐου, με περιφερειακά ιατρεία σε Τσοτύλι και στα χωριά.",
    ),
    municipality(
        "dimos-servion",
        "servia",
        "servia.example",
        [
            "social-service",
            "home-help",
            "kapi",
            o(
                "kdap",
                status="temporarily closed",
                alert="Το ΚΔΑΠ δεν λειτουργεί προσωρινά μέχρι να ολοκληρωθεί η πρόσληψη νέων παιδαγωγών. Οι εγγραφές "
                "συνεχίζονται στην Κοινωνική Υπηρεσία.",
            ),
            "community-centre",
        ],
    ),
    Organisation(
        "ky-servion",
        "Κέντρο Υγείας Σερβίων",
        "health",
        "servia",
        "ky-servia.example",
        (o("health-centre"),),
        description="Κέντρο Υγείας της πρωτοβάθμιας φροντίδας για τα Σέρβια και τη γύρω περιοχή.",
    ),
]
