"""Writes the messy test registries of this folder (run it again after changing it).

Two files carry the defects met in real registries (issue 10), each record choosing a
few of them in turn, so that every defect appears several times and next to others:

- `registry-gr.json`: a Greek regional registry of social-care units converted to HSDS
  3.0, with capitals without accents, www.-URLs, several phones per field, trailing
  commas, "210-6218400-404", "210", 300-character names, missing optional parts, ids
  that are registry codes instead of UUIDs, a duplicated id, "" for numbers, dates as
  15/01/2025, comma decimals, swapped coordinates, odd statuses and e-mails, 9.00 for
  09:00, lower-case days, unknown terms, a spreadsheet formula in a text;
- `us-211.json`: a US 211 directory in English, numeric ids, US phones (786-478-6899,
  "(305) 555-0100 ext. 12", 1-800 numbers, 211), US dates (03/15/2024), 12-hour times,
  AIRS taxonomy codes we do not know, points in Florida, ZIP+4 codes.

Each file also holds a few records that cannot be listings (no id, no name, no
organisation, not an object): `EXPECTED` says how many of each kind of outcome.
"""

import json
import random
import uuid
from pathlib import Path

HERE = Path(__file__).parent
NS = uuid.UUID("0c6a2d1e-52b4-4d8e-9d61-3f0c0b7d8a11")


def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(map(str, parts))))


MUNICIPALITIES = [
    ("ΚΟΖΑΝΗ", "ΔΗΜΟΣ ΚΟΖΑΝΗΣ", "50100", 40.3007, 21.7887, "2461"),
    ("ΚΑΒΑΛΑ", "ΔΗΜΟΣ ΚΑΒΑΛΑΣ", "65302", 40.9369, 24.4128, "2510"),
    ("ΒΕΡΟΙΑ", "ΔΗΜΟΣ ΒΕΡΟΙΑΣ", "59100", 40.5242, 22.2024, "2331"),
    ("ΑΙΓΑΛΕΩ", "ΔΗΜΟΣ ΑΙΓΑΛΕΩ", "12243", 37.9920, 23.6820, "210"),
    ("ΑΛΕΞΑΝΔΡΟΥΠΟΛΗ", "ΔΗΜΟΣ ΑΛΕΞΑΝΔΡΟΥΠΟΛΗΣ", "68100", 40.8457, 25.8739, "25510"),
    ("Λαγκαδάς", "Δήμος Λαγκαδά", "57200", 40.7500, 23.0667, "23940"),
    ("ΚΑΙΣΑΡΙΑΝΗ", "ΔΗΜΟΣ ΚΑΙΣΑΡΙΑΝΗΣ", "16121", 37.9680, 23.7660, "210"),
    ("Αίγινα", "", "18010", 37.7467, 23.4275, "22970"),
]
KINDS = [
    ("ΚΟΙΝΩΝΙΚΟ ΠΑΝΤΟΠΩΛΕΙΟ", "social-grocery", "Κοινωνικό παντοπωλείο"),
    ("ΚΟΙΝΩΝΙΚΟ ΦΑΡΜΑΚΕΙΟ", "social-pharmacy", "Κοινωνικό φαρμακείο"),
    ("ΚΕΝΤΡΟ ΚΟΙΝΟΤΗΤΑΣ", "welfare-benefits", "Προνοιακά επιδόματα"),
    ("ΚΑΠΗ", "kapi", ""),
    ("ΚΕΝΤΡΟ ΗΜΕΡΗΣΙΑΣ ΦΡΟΝΤΙΔΑΣ ΗΛΙΚΙΩΜΕΝΩΝ", "day-centre", "Κέντρο ημέρας"),
    ("ΣΥΜΒΟΥΛΕΥΤΙΚΟ ΚΕΝΤΡΟ ΓΥΝΑΙΚΩΝ", "counselling", "Ατομική συμβουλευτική"),
    ("ΥΠΝΩΤΗΡΙΟ ΑΣΤΕΓΩΝ", "night-shelter", "Υπνωτήριο"),
    ("ΒΟΗΘΕΙΑ ΣΤΟ ΣΠΙΤΙ", "home-help", "Βοήθεια στο σπίτι"),
]
GR_PHONES = [
    "{area} {rest}",
    "{area}{rest},",
    "{area} {rest}, {area} {rest2}",
    "{area}{rest} - 6971234567",
    "210-6218400-404",
    "210",
    "Τηλ.: {area} {rest}",
    "2108020938-39",
    "{area} {rest} / 6944 123456 / 15900",
    "0030 {area} {rest2}",
    "+30 {area} {rest}",
    "{area} {rest} εσωτ. 12",
    "ΔΕΝ ΥΠΑΡΧΕΙ",
    "2108020938,",
]


def gr_phone(template, area):
    """A template of GR_PHONES with a real number of that area code (ten digits in all)."""
    rest = "350000"[: 10 - len(area)].rjust(10 - len(area), "8")
    return template.format(area=area, rest=rest, rest2=rest[:-1] + "1")


URLS = [
    "www.dimos-{slug}.gr",
    "dimos-{slug}.gr/koinoniki-ypiresia",
    "https://www.dimos-{slug}.gr",
    "http://dimos-{slug}.gr",
    "http//dimos-{slug}.gr",
    "www.dimos {slug}.gr",
    "WWW.DIMOS-{slug}.GR/",
    "",
]
EMAILS = [
    "info@dimos-{slug}.gr",
    "mailto:koinoniki@dimos-{slug}.gr",
    "info at dimos-{slug}.gr",
    "",
    "INFO@DIMOS-{slug}.GR",
]
DATES = [
    "2025-01-15",
    "15/01/2025",
    "2025/1/5",
    "15-01-2025",
    "",
    "31/02/2025",
    "Ιανουάριος 2025",
    "2024-12-01T10:00:00Z",
]
STATUSES = ["active", "Active", "ACTIVE", None, "ΕΝΕΡΓΗ", "inactive", " active ", "temporarily_closed"]


def long_name(base):
    text = (
        f"{base} — Δομή Παροχής Βασικών Αγαθών και Υπηρεσιών Κοινωνικής Φροντίδας για Ευάλωτες Ομάδες "
        "του Πληθυσμού στο πλαίσιο του Επιχειρησιακού Προγράμματος Ανάπτυξη Ανθρώπινου Δυναμικού, "
        "Εκπαίδευση και Δια Βίου Μάθηση, με τη συγχρηματοδότηση της Ευρωπαϊκής Ένωσης και του Ελληνικού Δημοσίου"
    )
    return text[:300] if len(text) >= 300 else (text + " " + "Α" * 300)[:300]


def gr_record(n, rng):
    city, municipality, postal, lat, lon, area = MUNICIPALITIES[n % len(MUNICIPALITIES)]
    kind, code, term_name = KINDS[n % len(KINDS)]
    slug = f"m{n % len(MUNICIPALITIES)}"
    # Some organisations have registry codes as ids, not UUIDs.
    org_id = f"ΦΟΡ-{n % 12:03d}" if n % 12 in (2, 9) else uid("gr-org", n % 12)
    name = f"{kind} {municipality or city}"
    if n % 17 == 3:
        name = long_name(name)
    record = {
        "id": uid("gr", n) if n % 7 else f"ΜΚΔ-{n:04d}",
        "organization_id": org_id,
        "name": f"  {name}  " if n % 11 == 0 else name,
        "status": STATUSES[n % len(STATUSES)],
        "description": "" if n % 9 == 4 else f"{kind.capitalize()} για δημότες με χαμηλό εισόδημα ({city}).",
        "url": URLS[n % len(URLS)].format(slug=slug),
        "email": EMAILS[n % len(EMAILS)].format(slug=slug),
        "minimum_age": ["", 18, "18", "65+", None, 0][n % 6],
        "maximum_age": ["", None, 120, "", 12][n % 5],
        "assured_date": DATES[n % len(DATES)],
        "wait_time": "Άμεσα" if n % 2 else "",
    }
    record = {key: value for key, value in record.items() if value is not None}
    if n % 13 == 5:
        record.pop("status", None)
    if n <= 12 or n % 19 == 0:
        # The organisation in full on the first services of each (and again now and then).
        record["organization"] = {
            "id": org_id,
            "name": f"ΔΗΜΟΣ {city}" if n % 12 != 7 else long_name(f"ΚΟΙΝΩΦΕΛΗΣ ΕΠΙΧΕΙΡΗΣΗ ΔΗΜΟΥ {city}"),
            "description": "" if n % 3 else f"Κοινωνική υπηρεσία του δήμου {city}.",
            "website": URLS[(n + 1) % len(URLS)].format(slug=slug),
            "email": EMAILS[(n + 2) % len(EMAILS)].format(slug=slug),
            "legal_status": ["municipal", "Δημοτική επιχείρηση", "", "ngo"][n % 4],
            "tax_id": ["EL 090 164 000", "12345", "", "090164000"][n % 4],
            "phones": [
                {"id": uid("gr-org-phone", n % 12), "number": gr_phone(GR_PHONES[(n + 3) % len(GR_PHONES)], area)}
            ],
        }
    phones = []
    if n % 10 != 9:  # some records have no phone at all
        phones.append(
            {
                "id": uid("gr-phone", n),
                "number": gr_phone(GR_PHONES[n % len(GR_PHONES)], area),
                "type": ["voice", "Fax", "mobile", "τηλέφωνο"][n % 4],
            }
        )
    if phones:
        record["phones"] = phones
    if n % 8 != 7:  # some records have no location
        point = {"latitude": lat, "longitude": lon}
        if n % 14 == 2:
            point = {"latitude": lon, "longitude": lat}  # swapped
        elif n % 14 == 5:
            point = {"latitude": str(lat).replace(".", ","), "longitude": str(lon).replace(".", ",")}
        elif n % 14 == 8:
            point = {"latitude": "", "longitude": ""}
        address = {
            "id": uid("gr-address", n),
            "address_1": f"ΕΛΕΥΘΕΡΙΑΣ {n}",
            "city": city,
            "region": municipality,
            "state_province": "",
            "postal_code": postal if n % 6 else f"{postal[:3]} {postal[3:]}",
            "country": "GR",
            "address_type": "physical",
        }
        if n % 15 == 1:
            del address["address_1"]
        record["service_at_locations"] = [
            {
                "id": uid("gr-sal", n),
                "location": {
                    "id": uid("gr-location", n),
                    "location_type": "physical",
                    "name": f"{kind} {city}",
                    **point,
                    "addresses": [address],
                },
            }
        ]
    schedules = [
        {
            "id": uid("gr-schedule", n),
            "freq": "WEEKLY",
            "byday": ["MO,TU,WE,TH,FR", "mo,tu,we", "MO, TU, ΔΕ", "SA"][n % 4],
            "opens_at": ["09:00", "9.00", "9:00", "08:30:00", "9:00 AM"][n % 5],
            "closes_at": ["14:00", "14.30", "05:00", "13:00", "2:00 PM"][n % 5],
        }
    ]
    if n % 3 == 0:
        record["schedules"] = schedules
    record["attributes"] = [
        {
            "id": uid("gr-attr", n, 0),
            "taxonomy_term": {
                "id": uid("term", code),
                "code": code if n % 4 else "",
                "name": term_name or code,
                "taxonomy": "koinonia-service-category",
            },
        },
    ]
    if n % 6 == 1:
        record["attributes"].append(
            {
                "id": uid("gr-attr", n, 1),
                "taxonomy_term": {
                    "id": uid("term", "x"),
                    "code": "ΑΓΝΩΣΤΟ",
                    "name": "Άγνωστη κατηγορία",
                    "taxonomy": "ekka-categories",
                },
            }
        )
    if n == 21:
        record["url"] = '=HYPERLINK("http://evil.example/","Πατήστε")'
    if n == 33:
        record["name"] = "+30 ΚΑΛΕΣΤΕ ΤΩΡΑ"
    return record


AIRS = [
    ("BD-1800.2000", "Food Pantries"),
    ("LH-2700.6000", "Legal Aid"),
    ("BH-1800.8500", "Homeless Shelter"),
    ("RP-1400", "Mental Health"),
]
US_PHONES = [
    "786-478-6899",
    "(305) 555-0100 ext. 12",
    "1-800-273-8255",
    "211",
    "305.555.0199 / 305.555.0198",
    "305-555-0142,",
    "Call 911",
    "+1 (305) 555 0177",
    "305 555 0111 or 786 555 0112",
    "(786)5550190x204",
]
US_DATES = ["03/15/2024", "2024-03-15", "March 15, 2024", "", "13/45/2024"]
US_CITIES = [
    ("Miami", "FL", "33101-1234", 25.7617, -80.1918),
    ("Hialeah", "FL", "33010", 25.8576, -80.2781),
    ("Homestead", "FL", "33030", 25.4687, -80.4776),
]


def us_record(n, rng):
    city, state, zip_code, lat, lon = US_CITIES[n % len(US_CITIES)]
    airs_code, airs_name = AIRS[n % len(AIRS)]
    org_n = n % 9
    record = {
        "id": 1000 + n if n % 4 else f"211-{1000 + n}",
        "organization_id": f"ORG{org_n:03d}",
        "name": f"{airs_name} of {city}"
        + (" — " + "Emergency Assistance and Case Management Program " * 6 if n % 23 == 4 else ""),
        "alternate_name": "" if n % 2 else f"{airs_name} {city}",
        "status": ["Active", "active", "ACTIVE", "open"][n % 4],
        "description": f"Provides {airs_name.lower()} to residents of {city}, {state}. Walk-ins welcome.",
        "url": ["www.unitedway-{c}.org", "unitedway-{c}.org/help", "https://211miami.org/{c}", "n/a"][n % 4].format(
            c=city.lower()
        ),
        "email": ["help@211miami.org", "", "N/A", "intake@unitedway.org "][n % 4],
        "fees_description": "Free" if n % 2 else "Sliding scale",
        "assured_date": US_DATES[n % len(US_DATES)],
        "minimum_age": ["", 18, "21", None][n % 4],
        "phones": [
            {"id": f"P{n}", "number": US_PHONES[n % len(US_PHONES)], "type": ["voice", "hotline", "fax", "TTY"][n % 4]}
        ],
        "attributes": [
            {
                "id": f"A{n}",
                "taxonomy_term": {"id": f"T{airs_code}", "code": airs_code, "name": airs_name, "taxonomy": "AIRS"},
            }
        ],
        "languages": [
            {"id": f"L{n}", "name": "English", "code": "en"},
            {"id": f"L{n}s", "name": "Spanish", "code": "es"},
        ],
    }
    if n <= 9 or n % 9 < 3:
        record["organization"] = {
            "id": f"ORG{org_n:03d}",
            "name": f"United Way of {city} Inc.",
            "description": f"A nonprofit serving {city}.",
            "website": "unitedway.org",
            "tax_id": "59-1234567",
            "legal_status": "Nonprofit 501(c)(3)",
            "phones": [{"id": f"OP{org_n}", "number": US_PHONES[(n + 2) % len(US_PHONES)]}],
        }
    record = {key: value for key, value in record.items() if value is not None}
    record["service_at_locations"] = [
        {
            "id": f"SAL{n}",
            "location": {
                "id": f"LOC{n}",
                "location_type": "physical",
                "name": f"{city} Community Center",
                "latitude": lat,
                "longitude": lon,
                "addresses": [
                    {
                        "id": f"ADR{n}",
                        "address_1": f"{100 + n} NW {n % 30 + 1}th Street, Suite {200 + n} "
                        "(enter from the parking lot behind the building)",
                        "city": city,
                        "state_province": state,
                        "postal_code": zip_code,
                        "country": "US",
                        "address_type": "physical",
                    }
                ],
            },
        }
    ]
    record["schedules"] = [
        {
            "id": f"S{n}",
            "freq": "WEEKLY",
            "byday": "MO,TU,WE,TH,FR",
            "opens_at": ["9:00 AM", "8:30 am", "09:00"][n % 3],
            "closes_at": ["5:00 PM", "12:00 pm", "17:00"][n % 3],
        }
    ]
    return record


def unlisted(prefix):
    """Records that cannot be listings: (record, reason)."""
    return [
        {"organization_id": uid(prefix, "org"), "name": "Χωρίς id / without id", "status": "active"},
        {"id": uid(prefix, "noname"), "organization_id": uid(prefix, "org"), "name": "   ", "status": "active"},
        {"id": uid(prefix, "noorg"), "name": "Χωρίς φορέα / without organisation", "status": "active"},
        "not an object",
        None,
    ]


def main():
    rng = random.Random(10)
    greek = [gr_record(n, rng) for n in range(1, 111)]
    duplicate = dict(greek[40], name=greek[40]["name"] + " (διπλή εγγραφή)")
    greek.insert(60, duplicate)
    greek[75:75] = unlisted("gr")
    us = [us_record(n, rng) for n in range(1, 61)]
    us[30:30] = unlisted("us")
    for name, data in (("registry-gr.json", greek), ("us-211.json", us)):
        (HERE / name).write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(name, len(data))


if __name__ == "__main__":
    main()
