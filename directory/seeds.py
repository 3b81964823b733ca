"""The taxonomies every network starts with (editors extend them in the admin).

Codes are stable identifiers used in URLs and HSDS files; names are (Greek, English).
"""

# (code, el, en, [(code, el, en), ...children])
SERVICE_CATEGORIES = [
    (
        "psychosocial",
        "Ψυχοκοινωνική υποστήριξη",
        "Psychosocial support",
        [
            ("counselling", "Ατομική συμβουλευτική", "Individual counselling"),
            ("group-support", "Ομάδες υποστήριξης", "Support groups"),
            ("mental-health", "Ψυχική υγεία", "Mental health"),
            ("addiction", "Εξαρτήσεις", "Addiction"),
        ],
    ),
    (
        "basic-goods",
        "Βασικά αγαθά",
        "Basic goods",
        [
            ("food", "Σίτιση", "Meals and food"),
            ("social-grocery", "Κοινωνικό παντοπωλείο", "Social grocery"),
            ("clothing", "Ρουχισμός", "Clothing"),
            ("hygiene", "Είδη υγιεινής", "Hygiene products"),
        ],
    ),
    (
        "legal",
        "Νομική συμβουλευτική",
        "Legal advice",
        [
            ("legal-aid", "Νομική βοήθεια", "Legal aid"),
            ("asylum", "Άσυλο και διαμονή", "Asylum and residence"),
            ("debt", "Χρέη και οφειλές", "Debt advice"),
        ],
    ),
    (
        "employment",
        "Απασχόληση",
        "Employment",
        [
            ("job-counselling", "Συμβουλευτική απασχόλησης", "Job counselling"),
            ("training", "Κατάρτιση", "Vocational training"),
            ("social-economy", "Κοινωνική οικονομία", "Social economy"),
        ],
    ),
    (
        "health",
        "Υγεία",
        "Health",
        [
            ("primary-care", "Πρωτοβάθμια φροντίδα", "Primary care"),
            ("social-pharmacy", "Κοινωνικό φαρμακείο", "Social pharmacy"),
            ("dental", "Οδοντιατρική φροντίδα", "Dental care"),
        ],
    ),
    (
        "elderly-care",
        "Φροντίδα ηλικιωμένων",
        "Care of older people",
        [
            ("home-help", "Βοήθεια στο σπίτι", "Help at home"),
            ("day-centre", "Κέντρο ημερήσιας φροντίδας (ΚΗΦΗ)", "Day care centre"),
            ("kapi", "ΚΑΠΗ", "Open care centre for older people (KAPI)"),
            ("care-home", "Μονάδα φροντίδας ηλικιωμένων", "Care home"),
        ],
    ),
    (
        "children-family",
        "Παιδιά και οικογένεια",
        "Children and family",
        [
            ("nursery", "Βρεφονηπιακός σταθμός", "Nursery"),
            ("kdap", "ΚΔΑΠ", "Creative activity centre for children (KDAP)"),
            ("family-support", "Στήριξη οικογένειας", "Family support"),
        ],
    ),
    (
        "housing",
        "Στέγαση",
        "Housing",
        [
            ("shelter", "Ξενώνας φιλοξενίας", "Shelter"),
            ("night-shelter", "Υπνωτήριο", "Night shelter"),
            ("rent-support", "Στεγαστική συνδρομή", "Rent support"),
        ],
    ),
    (
        "education",
        "Εκπαίδευση",
        "Education",
        [
            ("tutoring", "Κοινωνικό φροντιστήριο", "Free tutoring"),
            ("language-courses", "Μαθήματα γλώσσας", "Language courses"),
            ("digital-skills", "Ψηφιακές δεξιότητες", "Digital skills"),
        ],
    ),
    (
        "benefits",
        "Επιδόματα και παροχές",
        "Benefits and allowances",
        [
            ("welfare-benefits", "Προνοιακά επιδόματα", "Welfare benefits"),
            ("gmi", "Ελάχιστο Εγγυημένο Εισόδημα", "Guaranteed minimum income"),
        ],
    ),
]

TARGET_GROUPS = [
    ("disability", "Άτομα με αναπηρία", "People with disabilities"),
    ("chronic-illness", "Χρόνια πάσχοντες", "People with chronic illness"),
    ("single-parent", "Μονογονεϊκές οικογένειες", "Single-parent families"),
    ("large-family", "Πολύτεκνες οικογένειες", "Large families"),
    ("migrants-refugees", "Μετανάστες και πρόσφυγες", "Migrants and refugees"),
    ("women-violence", "Γυναίκες θύματα βίας", "Women victims of violence"),
    ("homeless", "Άστεγοι", "Homeless people"),
    ("addicted", "Εξαρτημένα άτομα", "People with addictions"),
    ("unemployed", "Άνεργοι και μακροχρόνια άνεργοι", "Unemployed and long-term unemployed"),
    ("neet", "NEETs (νέοι εκτός εκπαίδευσης και απασχόλησης)", "NEETs (young people not in education or work)"),
    ("gmi-beneficiaries", "Δικαιούχοι ΕΕΕ", "Guaranteed minimum income beneficiaries"),
    ("elderly", "Ηλικιωμένοι", "Older people"),
    ("children-teens", "Παιδιά και έφηβοι", "Children and teenagers"),
    ("new-mothers", "Νέες μητέρες", "New mothers"),
    ("ex-prisoners", "Αποφυλακισμένοι", "Former prisoners"),
    ("roma", "Ρομά", "Roma"),
    ("general", "Γενικός πληθυσμός", "General population"),
]

ACCESS_CONDITIONS = [
    ("free", "Δωρεάν", "Free of charge"),
    ("appointment", "Με ραντεβού", "Appointment needed"),
    ("referral", "Με παραπομπή", "Referral needed"),
    ("documents", "Απαιτούνται δικαιολογητικά", "Documents needed"),
    ("walk-in", "Χωρίς ραντεβού", "Walk in"),
]

ACCESSIBILITY_FEATURES = [
    ("wheelchair", "Πρόσβαση με αμαξίδιο", "Wheelchair access"),
    ("accessible-wc", "Προσβάσιμη τουαλέτα", "Accessible toilet"),
    ("lift", "Ανελκυστήρας", "Lift"),
    ("sign-language", "Νοηματική γλώσσα", "Sign language"),
    ("braille", "Σήμανση Braille", "Braille signs"),
    ("hearing-loop", "Επαγωγικός βρόχος ακοής", "Hearing loop"),
    ("accessible-parking", "Θέση στάθμευσης ΑμεΑ", "Accessible parking"),
]

# ISO 639-1 codes
LANGUAGES = [
    ("el", "Ελληνικά", "Greek"),
    ("en", "Αγγλικά", "English"),
    ("ar", "Αραβικά", "Arabic"),
    ("uk", "Ουκρανικά", "Ukrainian"),
    ("fa", "Φαρσί", "Farsi"),
    ("ur", "Ούρντου", "Urdu"),
    ("sq", "Αλβανικά", "Albanian"),
    ("ru", "Ρωσικά", "Russian"),
    ("fr", "Γαλλικά", "French"),
    ("bg", "Βουλγαρικά", "Bulgarian"),
    ("ro", "Ρουμανικά", "Romanian"),
    ("sgn-gr", "Ελληνική νοηματική", "Greek Sign Language"),
]

# Everyday names of municipalities (ΥΠΕΣ code → names people use), beyond the
# official genitive and the seat that the loader adds by itself.
MUNICIPALITY_ALIASES = {
    "Αμαρουσίου": ["Μαρούσι", "Αμαρούσιο"],
    "Αθηναίων": ["Αθήνα", "Athens"],
    "Πειραιά": ["Πειραιάς", "Piraeus", "Πειραιώς"],
    "Θεσσαλονίκης": ["Θεσσαλονίκη", "Salonica"],
    "Περιστερίου": ["Περιστέρι"],
    "Νίκαιας - Αγίου Ιωάννη Ρέντη": ["Νίκαια", "Ρέντης", "Αγ. Ιωάννης Ρέντης"],
    "Κοζάνης": ["Κοζάνη"],
    "Φλώρινας": ["Φλώρινα"],
    "Καστοριάς": ["Καστοριά"],
    "Γρεβενών": ["Γρεβενά"],
    "Εορδαίας": ["Πτολεμαΐδα", "Πτολεμαϊδα"],
    "Κερατσινίου - Δραπετσώνας": ["Κερατσίνι", "Δραπετσώνα"],
}
