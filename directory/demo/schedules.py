"""Opening hours of the demo services, as real Greek social services keep them.

Public offices open on weekday mornings, some with one afternoon a week; ΚΑΠΗ open
mornings and again in the evening; ΚΔΑΠ open after school; the night shelter runs
20:00–08:00 (an overnight row: closes_at <= opens_at); the hotline and the women's
shelters answer around the clock (00:00–00:00). Closures are dated exceptions:
Christmas, Easter, the August break of ΚΔΑΠ and nurseries.

Each pattern is a list of alternatives; a service picks one with its own seeded
generator, so two ΚΑΠΗ rarely keep exactly the same hours.
"""

WEEKDAYS = "MO,TU,WE,TH,FR"
EVERY_DAY = "MO,TU,WE,TH,FR,SA,SU"

# pattern → alternatives → rows of (byday, opens_at, closes_at, note)
HOURS = {
    "office": [
        [(WEEKDAYS, "08:00", "15:00", "")],
        [(WEEKDAYS, "07:30", "15:00", "")],
        [(WEEKDAYS, "08:00", "14:30", "")],
        [(WEEKDAYS, "09:00", "15:00", "")],
        [(WEEKDAYS, "08:30", "14:30", "")],
    ],
    "office_afternoon": [
        [(WEEKDAYS, "08:00", "15:00", ""), ("TU,TH", "17:00", "19:00", "Απογευματινή εξυπηρέτηση με ραντεβού")],
        [(WEEKDAYS, "08:00", "14:30", ""), ("WE", "16:00", "19:00", "Απογευματινή εξυπηρέτηση")],
        [(WEEKDAYS, "08:30", "15:00", "")],
        [(WEEKDAYS, "08:00", "16:00", "")],
        [(WEEKDAYS, "07:30", "15:00", "")],
    ],
    "counselling": [
        [(WEEKDAYS, "09:00", "17:00", "")],
        [(WEEKDAYS, "09:00", "16:00", "")],
        [("MO,TU,WE,TH", "09:00", "18:00", ""), ("FR", "09:00", "15:00", "")],
        [(WEEKDAYS, "08:00", "15:00", ""), ("TU", "17:00", "20:00", "Απογευματινές συνεδρίες")],
    ],
    "kapi": [
        [(WEEKDAYS, "08:30", "12:30", "Πρωινή λειτουργία"), (WEEKDAYS, "17:30", "20:30", "Απογευματινή λειτουργία")],
        [(WEEKDAYS, "09:00", "13:00", "Πρωινή λειτουργία"), (WEEKDAYS, "17:00", "20:00", "Απογευματινή λειτουργία")],
        [
            (WEEKDAYS, "08:00", "13:00", "Πρωινή λειτουργία"),
            ("MO,TU,WE,TH", "17:30", "21:00", "Απογευματινή λειτουργία"),
            ("SA", "09:00", "12:00", "Σάββατο πρωί"),
        ],
    ],
    "kdap": [
        [(WEEKDAYS, "16:00", "21:00", "")],
        [(WEEKDAYS, "15:00", "20:00", "")],
        [(WEEKDAYS, "14:30", "20:30", "")],
    ],
    "nursery": [
        [(WEEKDAYS, "07:00", "16:00", "")],
        [(WEEKDAYS, "07:00", "16:30", "")],
        [(WEEKDAYS, "06:45", "16:00", "")],
    ],
    "khfh": [
        [(WEEKDAYS, "07:00", "15:00", "Με μεταφορά από και προς το σπίτι")],
        [(WEEKDAYS, "07:30", "15:30", "Με μεταφορά από και προς το σπίτι")],
    ],
    "overnight": [[(EVERY_DAY, "20:00", "08:00", "Υποδοχή από τις 20:00· αποχώρηση έως τις 08:00 το επόμενο πρωί")]],
    "always": [[(EVERY_DAY, "00:00", "00:00", "Όλο το 24ωρο, κάθε μέρα του χρόνου")]],
    "meals": [
        [("MO,TU,WE,TH,FR,SA", "12:00", "14:00", "Διανομή γεύματος")],
        [(EVERY_DAY, "12:30", "14:00", "Διανομή γεύματος")],
        [(WEEKDAYS, "11:30", "13:30", "Διανομή γεύματος")],
    ],
    "distribution": [
        [("TU,TH", "09:00", "13:00", "Διανομή ειδών"), ("MO,WE,FR", "09:00", "12:00", "Εγγραφές και δωρεές")],
        [("MO,WE", "10:00", "14:00", "Διανομή ειδών"), ("FR", "10:00", "13:00", "Παραλαβή δωρεών")],
        [(WEEKDAYS, "08:30", "14:00", "")],
    ],
    "pharmacy": [
        [(WEEKDAYS, "09:00", "13:00", "")],
        [("MO,WE,FR", "09:00", "13:00", ""), ("TU", "17:00", "19:00", "")],
        [(WEEKDAYS, "08:30", "14:00", "")],
    ],
    "health": [
        [(WEEKDAYS, "08:00", "14:30", "Τακτικά ιατρεία· εφημερία για επείγοντα όλο το 24ωρο")],
        [(WEEKDAYS, "07:30", "14:30", "Τακτικά ιατρεία"), ("TU,TH", "15:00", "20:00", "Απογευματινά ιατρεία")],
    ],
    "clinic": [
        [("MO,WE,FR", "10:00", "14:00", ""), ("TU,TH", "17:00", "20:00", "")],
        [(WEEKDAYS, "10:00", "15:00", "")],
    ],
    "day_centre": [
        [(EVERY_DAY, "08:00", "16:00", "")],
        [(WEEKDAYS, "08:00", "18:00", ""), ("SA,SU", "09:00", "14:00", "Σαββατοκύριακο")],
    ],
    "volunteer": [
        [("SA", "10:00", "13:00", "Διανομή"), ("WE", "18:00", "20:00", "Εγγραφές")],
        [("SA", "09:30", "12:30", "Διανομή")],
    ],
    "clothing": [
        [("TU,TH", "10:00", "12:30", "")],
        [("WE", "17:00", "19:30", ""), ("SA", "10:00", "13:00", "")],
        [("MO,WE", "09:30", "12:30", "")],
    ],
    "classes": [
        [("MO,TU,WE,TH", "17:00", "20:00", "Μαθήματα")],
        [("MO,WE", "16:30", "19:30", "Απογευματινά τμήματα"), ("TU,TH", "10:00", "12:00", "Πρωινό τμήμα")],
        [("TU,TH", "17:30", "20:30", "")],
    ],
    "care_home": [[(EVERY_DAY, "10:00", "12:30", "Επισκεπτήριο"), (EVERY_DAY, "17:00", "19:30", "Επισκεπτήριο")]],
}

# (valid_from, valid_to, note)
CHRISTMAS = ("2026-12-24", "2026-12-26", "Κλειστά τα Χριστούγεννα")
HOLIDAYS = ("2026-12-24", "2027-01-06", "Κλειστά για τις γιορτές των Χριστουγέννων και της Πρωτοχρονιάς")
EASTER = ("2027-04-30", "2027-05-03", "Κλειστά από τη Μεγάλη Παρασκευή έως τη Δευτέρα του Πάσχα")
AUGUST = ("2027-08-02", "2027-08-23", "Θερινή διακοπή λειτουργίας")
WHOLE_AUGUST = ("2027-08-01", "2027-08-31", "Κλειστά τον Αύγουστο")


def weekly_hours(pattern, rng):
    """The weekly rows of one service."""
    return rng.choice(HOURS[pattern])


def closures_for(kind_key, chance, rng):
    """Dated closures of one service (none for the shelters and the hotline)."""
    if kind_key == "kdap":
        return [HOLIDAYS, AUGUST]
    if kind_key == "nursery":
        return [rng.choice([HOLIDAYS, CHRISTMAS]), WHOLE_AUGUST]
    if rng.random() >= chance:
        return []
    if kind_key in {"tutoring", "language-courses"}:
        return [HOLIDAYS]
    return [rng.choice([CHRISTMAS, EASTER])]
