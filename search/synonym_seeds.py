"""Everyday words for needs and groups, in English, Arabic and Ukrainian.

People do not search with the directory's category names ("Σίτιση", "Ξενώνας
φιλοξενίας"); they type what they need, in the language they read best: "food",
"طعام", "їжа". Each entry maps such words to category and target-group codes, so the
word finds every service of those categories whatever language the service is
written in (search.models.Synonym). `search.synonyms.load_default_synonyms` seeds them
(through `setup_site`); editors then change, add and remove words under
*Snippets → Search synonyms*, one snippet per entry and language.

Writing them: the words a visitor would type, not administrative terms; singular and
plural where a light stem does not join them (Arabic plurals are often broken
plurals, so both forms are listed); no word so broad that it would drown the
results ("help", "support", "home"). The first word of each list is the entry's name
in the admin. A word in several entries finds all their categories.
"""

#: (category codes, target-group codes, {language: [words and phrases]}).
ENTRIES = [
    # --- psychosocial support ------------------------------------------------------------
    (
        ("psychosocial",),
        (),
        {
            "en": ["psychosocial support", "emotional support", "someone to talk to"],
            "ar": ["دعم نفسي اجتماعي", "دعم نفسي", "دعم معنوي"],
            "uk": ["психосоціальна підтримка", "психологічна підтримка", "емоційна підтримка"],
        },
    ),
    (
        ("counselling", "mental-health"),
        (),
        {
            "en": [
                "psychologist",
                "psychologists",
                "counselling",
                "counseling",
                "counsellor",
                "counselor",
                "therapist",
                "therapy",
                "psychotherapy",
            ],
            "ar": ["أخصائي نفسي", "اخصائي نفسي", "نفساني", "معالج نفسي", "علاج نفسي", "استشارة نفسية"],
            "uk": ["психолог", "психологи", "психотерапевт", "психотерапія", "консультація психолога"],
        },
    ),
    (
        ("group-support",),
        (),
        {
            "en": ["support group", "support groups", "peer support", "self-help group"],
            "ar": ["مجموعة دعم", "مجموعات دعم", "دعم الأقران"],
            "uk": ["група підтримки", "групи підтримки", "взаємопідтримка"],
        },
    ),
    (
        ("mental-health",),
        (),
        {
            "en": ["mental health", "psychiatrist", "psychiatry", "depression", "anxiety", "panic attacks"],
            "ar": ["صحة نفسية", "طبيب نفسي", "اكتئاب", "قلق", "نوبات هلع"],
            "uk": ["психічне здоров'я", "психіатр", "депресія", "тривога", "панічні атаки"],
        },
    ),
    (
        ("addiction",),
        ("addicted",),
        {
            "en": ["addiction", "addict", "addicts", "drugs", "alcohol", "alcoholism", "rehab", "detox", "gambling"],
            "ar": ["إدمان", "مدمن", "مدمنين", "مخدرات", "كحول", "علاج الإدمان", "قمار"],
            "uk": ["залежність", "наркозалежність", "наркотики", "алкоголь", "алкоголізм", "реабілітація", "лудоманія"],
        },
    ),
    # --- basic goods ---------------------------------------------------------------------
    (
        ("basic-goods",),
        (),
        {
            "en": ["basic goods", "essentials", "basic needs", "donations", "humanitarian aid"],
            "ar": ["احتياجات أساسية", "مواد أساسية", "تبرعات", "مساعدات إنسانية"],
            "uk": ["речі першої необхідності", "предмети першої необхідності", "гуманітарна допомога", "гуманітарка"],
        },
    ),
    (
        ("food", "social-grocery"),
        (),
        {
            "en": ["food", "meal", "meals", "hungry", "hunger", "something to eat", "free food", "food aid"],
            "ar": ["طعام", "أكل", "غذاء", "وجبة", "وجبات", "جوع", "جائع", "مساعدات غذائية"],
            "uk": ["їжа", "харчування", "продукти", "голод", "поїсти", "продуктова допомога"],
        },
    ),
    (
        ("food",),
        (),
        {
            "en": ["soup kitchen", "hot meal", "lunch", "dinner", "free meals"],
            "ar": ["مطبخ خيري", "مطعم خيري", "وجبة ساخنة", "غداء", "عشاء"],
            "uk": ["безкоштовні обіди", "гаряче харчування", "гарячі обіди", "благодійна їдальня", "їдальня"],
        },
    ),
    (
        ("social-grocery",),
        (),
        {
            "en": ["social grocery", "social supermarket", "food bank", "food parcel", "food parcels", "groceries"],
            "ar": ["بنك الطعام", "سلة غذائية", "سلال غذائية", "طرود غذائية", "بقالة اجتماعية"],
            "uk": ["продуктовий набір", "продуктові набори", "соціальний магазин", "банк їжі"],
        },
    ),
    (
        ("clothing",),
        (),
        {
            "en": ["clothes", "clothing", "shoes", "coat", "winter clothes"],
            "ar": ["ملابس", "ثياب", "أحذية", "حذاء", "كسوة", "ملابس شتوية"],
            "uk": ["одяг", "взуття", "теплий одяг", "куртка"],
        },
    ),
    (
        ("hygiene",),
        (),
        {
            "en": ["hygiene", "toiletries", "diapers", "nappies", "sanitary pads", "soap"],
            "ar": ["نظافة شخصية", "مستلزمات النظافة", "حفاضات", "فوط صحية", "صابون"],
            "uk": ["гігієна", "засоби гігієни", "підгузки", "памперси", "прокладки", "мило"],
        },
    ),
    # --- legal ---------------------------------------------------------------------------
    (
        ("legal",),
        (),
        {
            "en": ["lawyer", "lawyers", "legal aid", "legal advice", "legal help", "attorney", "solicitor"],
            "ar": ["محامي", "محام", "محامون", "مساعدة قانونية", "استشارة قانونية", "مشورة قانونية"],
            "uk": ["юрист", "юристи", "адвокат", "юридична допомога", "правова допомога", "юридична консультація"],
        },
    ),
    (
        ("asylum",),
        (),
        {
            "en": ["asylum", "asylum application", "refugee status", "residence permit", "papers", "deportation"],
            "ar": ["لجوء", "طلب لجوء", "حق اللجوء", "إقامة", "تصريح إقامة", "أوراق", "ترحيل"],
            "uk": [
                "політичний притулок",
                "тимчасовий захист",
                "статус біженця",
                "посвідка на проживання",
                "дозвіл на проживання",
                "документи",
            ],
        },
    ),
    (
        ("debt",),
        (),
        {
            "en": ["debt", "debts", "loan", "loans", "bank debt", "tax debt", "bailiff"],
            "ar": ["دين", "ديون", "قرض", "قروض", "مديونية"],
            "uk": ["борг", "борги", "кредит", "кредити", "заборгованість"],
        },
    ),
    # --- employment ----------------------------------------------------------------------
    (
        ("employment",),
        (),
        {
            "en": ["job", "jobs", "work", "employment", "job search", "looking for work", "cv", "resume"],
            "ar": ["عمل", "وظيفة", "وظائف", "شغل", "توظيف", "البحث عن عمل", "سيرة ذاتية"],
            "uk": ["робота", "працевлаштування", "пошук роботи", "вакансії", "резюме"],
        },
    ),
    (
        ("training",),
        (),
        {
            "en": ["training", "vocational training", "course", "courses", "apprenticeship", "retraining"],
            "ar": ["تدريب", "تدريب مهني", "دورة تدريبية", "دورات", "تأهيل مهني"],
            "uk": ["професійне навчання", "курси", "перекваліфікація", "тренінг", "тренінги"],
        },
    ),
    (
        ("social-economy",),
        (),
        {
            "en": ["social enterprise", "cooperative", "co-op", "social economy"],
            "ar": ["مؤسسة اجتماعية", "تعاونية", "اقتصاد اجتماعي"],
            "uk": ["соціальне підприємство", "кооператив", "соціальна економіка"],
        },
    ),
    # --- health --------------------------------------------------------------------------
    (
        ("health",),
        (),
        {
            "en": ["health", "healthcare", "health care", "medical care", "medical help"],
            "ar": ["صحة", "رعاية صحية", "رعاية طبية", "مساعدة طبية"],
            "uk": ["здоров'я", "медична допомога", "медичне обслуговування", "лікування"],
        },
    ),
    (
        ("primary-care",),
        (),
        {
            "en": ["doctor", "doctors", "gp", "clinic", "nurse", "health centre", "health center"],
            "ar": ["طبيب", "أطباء", "دكتور", "عيادة", "ممرضة", "مركز صحي", "مستوصف"],
            "uk": ["лікар", "лікарі", "сімейний лікар", "клініка", "поліклініка", "медсестра", "амбулаторія"],
        },
    ),
    (
        ("social-pharmacy",),
        (),
        {
            "en": ["pharmacy", "medicine", "medicines", "medication", "prescription"],
            "ar": ["صيدلية", "دواء", "أدوية", "وصفة طبية"],
            "uk": ["аптека", "ліки", "медикаменти", "рецепт"],
        },
    ),
    (
        ("dental",),
        (),
        {
            "en": ["dentist", "dental", "teeth", "toothache"],
            "ar": ["طبيب أسنان", "أسنان", "ألم الأسنان"],
            "uk": ["стоматолог", "зубний лікар", "зуби", "зубний біль"],
        },
    ),
    # --- elderly care --------------------------------------------------------------------
    (
        ("elderly-care",),
        ("elderly",),
        {
            "en": ["elderly", "elderly care", "older people", "old people", "seniors", "senior citizens", "pensioners"],
            "ar": ["مسن", "مسنين", "كبار السن", "رعاية المسنين", "متقاعدين"],
            "uk": ["літні люди", "люди похилого віку", "пенсіонери", "пенсіонер", "догляд за літніми"],
        },
    ),
    (
        ("home-help",),
        (),
        {
            "en": ["home help", "home care", "help at home", "carer", "caregiver"],
            "ar": ["مساعدة منزلية", "رعاية منزلية", "مقدم رعاية"],
            "uk": ["допомога вдома", "догляд вдома", "доглядальниця", "доглядач"],
        },
    ),
    (
        ("day-centre",),
        (),
        {
            "en": ["day centre", "day center", "adult day care"],
            "ar": ["مركز رعاية نهارية", "رعاية نهارية"],
            "uk": ["денний центр", "центр денного перебування"],
        },
    ),
    (
        ("kapi",),
        (),
        {
            "en": ["senior centre", "senior center", "seniors club", "pensioners club"],
            "ar": ["نادي المسنين", "مركز المسنين"],
            "uk": ["клуб для літніх", "центр для літніх людей", "клуб пенсіонерів"],
        },
    ),
    (
        ("care-home",),
        (),
        {
            "en": ["care home", "nursing home", "old people's home", "retirement home"],
            "ar": ["دار المسنين", "دار رعاية المسنين", "دار العجزة"],
            "uk": ["будинок для літніх", "будинок престарілих", "пансіонат для літніх"],
        },
    ),
    # --- children and family -------------------------------------------------------------
    (
        ("children-family",),
        ("children-teens",),
        {
            "en": ["children", "child", "kids", "baby", "babies"],
            "ar": ["أطفال", "طفل", "رضيع", "أولاد"],
            "uk": ["діти", "дитина", "немовля", "малюк"],
        },
    ),
    (
        ("nursery",),
        (),
        {
            "en": ["nursery", "daycare", "day care", "kindergarten", "preschool", "creche", "childcare"],
            "ar": ["حضانة", "دار حضانة", "روضة", "روضة أطفال"],
            "uk": ["дитячий садок", "садочок", "дитсадок", "ясла"],
        },
    ),
    (
        ("kdap",),
        (),
        {
            "en": ["after school", "after-school club", "activities for children"],
            "ar": ["أنشطة بعد المدرسة", "مركز أنشطة للأطفال"],
            "uk": ["гуртки", "продовжена група", "дозвілля для дітей"],
        },
    ),
    (
        ("family-support",),
        (),
        {
            "en": ["family support", "parenting", "parenting support", "family counselling"],
            "ar": ["دعم الأسرة", "دعم العائلة", "إرشاد أسري"],
            "uk": ["підтримка сім'ї", "допомога сім'ям", "батьківство"],
        },
    ),
    # --- housing -------------------------------------------------------------------------
    (
        ("housing",),
        (),
        {
            "en": ["housing", "accommodation", "place to live", "flat", "apartment"],
            "ar": ["سكن", "إسكان", "مسكن", "منزل", "بيت", "شقة"],
            "uk": ["житло", "житлова допомога", "квартира", "помешкання"],
        },
    ),
    (
        ("shelter",),
        (),
        {
            "en": ["shelter", "shelters", "refuge", "safe house", "hostel", "emergency accommodation"],
            "ar": ["مأوى", "ملجأ", "ملاجئ", "دار إيواء", "إيواء", "بيت آمن"],
            "uk": ["притулок", "прихисток", "шелтер", "кризовий центр", "тимчасове житло"],
        },
    ),
    (
        ("night-shelter",),
        ("homeless",),
        {
            "en": ["night shelter", "homeless shelter", "somewhere to sleep", "place to sleep", "bed for the night"],
            "ar": ["مبيت ليلي", "مأوى ليلي", "مكان للنوم"],
            "uk": ["нічліжка", "нічний притулок", "де переночувати", "ночівля"],
        },
    ),
    (
        ("rent-support",),
        (),
        {
            "en": ["rent", "rent support", "rent allowance", "housing benefit", "eviction"],
            "ar": ["إيجار", "دعم الإيجار", "بدل سكن", "إخلاء"],
            "uk": ["оренда", "допомога з орендою", "компенсація оренди", "виселення"],
        },
    ),
    # --- education -----------------------------------------------------------------------
    (
        ("education",),
        (),
        {
            "en": ["education", "school", "learning", "lessons"],
            "ar": ["تعليم", "مدرسة", "دراسة", "دروس"],
            "uk": ["освіта", "школа", "навчання", "уроки"],
        },
    ),
    (
        ("tutoring",),
        (),
        {
            "en": ["tutoring", "tutor", "homework help", "extra lessons", "exam preparation"],
            "ar": ["دروس تقوية", "دروس خصوصية", "مساعدة في الواجبات"],
            "uk": ["репетитор", "репетиторство", "допомога з домашнім завданням", "підготовка до іспитів"],
        },
    ),
    (
        ("language-courses",),
        (),
        {
            "en": [
                "greek lessons",
                "greek classes",
                "greek course",
                "learn greek",
                "language course",
                "language classes",
            ],
            "ar": ["دروس اللغة اليونانية", "تعلم اليونانية", "دروس لغة", "دورة لغة"],
            "uk": ["курси грецької", "уроки грецької", "вивчення грецької", "мовні курси", "курси мови"],
        },
    ),
    (
        ("digital-skills",),
        (),
        {
            "en": ["computer", "computer course", "digital skills", "internet", "smartphone"],
            "ar": ["كمبيوتر", "حاسوب", "مهارات رقمية", "إنترنت"],
            "uk": ["комп'ютер", "комп'ютерні курси", "цифрові навички", "інтернет"],
        },
    ),
    # --- benefits ------------------------------------------------------------------------
    (
        ("benefits",),
        (),
        {
            "en": ["benefits", "allowance", "welfare", "financial help", "financial support", "money"],
            "ar": ["إعانة", "إعانات", "معونة", "دعم مالي", "مساعدة مالية"],
            "uk": ["виплати", "соціальна допомога", "фінансова допомога", "пільги", "гроші"],
        },
    ),
    (
        ("welfare-benefits",),
        (),
        {
            "en": ["disability allowance", "child benefit", "welfare benefit"],
            "ar": ["إعانة الإعاقة", "إعانة الأطفال"],
            "uk": ["допомога на дітей", "допомога по інвалідності"],
        },
    ),
    (
        ("gmi",),
        ("gmi-beneficiaries",),
        {
            "en": ["minimum income", "guaranteed minimum income", "social income", "basic income"],
            "ar": ["الحد الأدنى للدخل", "دخل مضمون"],
            "uk": ["мінімальний дохід", "гарантований мінімальний дохід"],
        },
    ),
    # --- target groups -------------------------------------------------------------------
    (
        (),
        ("disability",),
        {
            "en": ["disability", "disabilities", "disabled", "disabled people", "special needs"],
            "ar": ["إعاقة", "ذوي الإعاقة", "معاق", "ذوي الاحتياجات الخاصة"],
            "uk": ["інвалідність", "люди з інвалідністю", "особливі потреби"],
        },
    ),
    (
        (),
        ("chronic-illness",),
        {
            "en": ["chronic illness", "chronically ill", "long-term illness", "diabetes", "cancer"],
            "ar": ["مرض مزمن", "أمراض مزمنة", "سكري", "سرطان"],
            "uk": ["хронічна хвороба", "хронічні захворювання", "діабет", "онкологія"],
        },
    ),
    (
        (),
        ("single-parent",),
        {
            "en": ["single parent", "single mother", "single mum", "single mom", "single father"],
            "ar": ["أم عزباء", "أم وحيدة", "أب وحيد", "أسرة وحيدة الوالد"],
            "uk": ["мати-одиначка", "одинока мати", "батько-одинак", "неповна сім'я"],
        },
    ),
    (
        (),
        ("large-family",),
        {
            "en": ["large family", "large families", "big family", "many children"],
            "ar": ["عائلة كبيرة", "أسرة كبيرة", "أسرة كثيرة الأطفال"],
            "uk": ["багатодітна сім'я", "багатодітна родина", "багатодітні"],
        },
    ),
    (
        (),
        ("migrants-refugees",),
        {
            "en": ["refugee", "refugees", "migrant", "migrants", "immigrant", "immigrants", "asylum seeker"],
            "ar": ["لاجئ", "لاجئين", "لاجئون", "مهاجر", "مهاجرين", "طالب لجوء"],
            "uk": ["біженці", "біженець", "мігранти", "мігрант", "переселенці"],
        },
    ),
    (
        (),
        ("women-violence",),
        {
            "en": ["domestic violence", "violence", "abuse", "abused", "gender-based violence"],
            "ar": ["عنف", "عنف أسري", "عنف منزلي", "تعنيف", "عنف ضد المرأة"],
            "uk": ["насильство", "домашнє насильство", "насильство над жінками", "кривдник"],
        },
    ),
    (
        (),
        ("homeless",),
        {
            "en": ["homeless", "homelessness", "rough sleeper", "sleeping rough"],
            "ar": ["مشرد", "مشردين", "بلا مأوى", "تشرد"],
            "uk": ["бездомні", "бездомний", "безхатьки", "безпритульні"],
        },
    ),
    (
        (),
        ("unemployed",),
        {
            "en": ["unemployed", "unemployment", "jobless", "out of work"],
            "ar": ["عاطل عن العمل", "عاطلين", "بطالة"],
            "uk": ["безробітний", "безробітні", "безробіття"],
        },
    ),
    (
        (),
        ("neet",),
        {
            "en": ["young people", "youth", "neet"],
            "ar": ["شباب", "الشباب"],
            "uk": ["молодь", "молоді люди"],
        },
    ),
    (
        (),
        ("children-teens",),
        {
            "en": ["teenagers", "teens", "adolescents"],
            "ar": ["مراهق", "مراهقين", "يافعين"],
            "uk": ["підлітки", "підліток"],
        },
    ),
    (
        (),
        ("new-mothers",),
        {
            "en": ["new mother", "new mothers", "pregnant", "pregnancy", "breastfeeding", "newborn"],
            "ar": ["أم جديدة", "حامل", "حمل", "رضاعة", "مولود جديد"],
            "uk": ["вагітна", "вагітність", "молода мама", "годування груддю", "новонароджений"],
        },
    ),
    (
        (),
        ("ex-prisoners",),
        {
            "en": ["ex-prisoner", "former prisoner", "released from prison", "ex-offender"],
            "ar": ["سجين سابق", "خارج من السجن"],
            "uk": ["колишні ув'язнені", "після ув'язнення"],
        },
    ),
    (
        (),
        ("roma",),
        {
            "en": ["roma", "romani"],
            "ar": ["الغجر", "غجر", "روما"],
            "uk": ["роми", "ромська громада"],
        },
    ),
]

#: The sector's abbreviations and their expansions, in Greek (term, [also means]).
#: Registries write one or the other ("ΚΗΦΗ ΔΗΜΟΥ ΚΟΖΑΝΗΣ", "ΚΕΝΤΡΟ ΗΜΕΡΗΣΙΑΣ ΦΡΟΝΤΙΔΑΣ
#: ΗΛΙΚΙΩΜΕΝΩΝ"), people type either: a synonym matches in both directions, so each
#: finds the other. Old names that people still use (ΚΕΔΔΥ, ΟΑΕΔ, ΙΚΑ) are listed with
#: the new. Seeded before search.synonyms.DEFAULT_SYNONYMS, whose entries of the same
#: term they extend. The parser prefers the longest phrase ("ΚΔΑΠ ΜΕΑ" before "ΚΔΑΠ") and, among
#: phrases of one length, the one typed exactly ("ΚΕΠΑ" is not "ΚΕΠ").
ABBREVIATIONS = [
    ("ΚΔΑΠ ΜΕΑ", ["Κέντρο Δημιουργικής Απασχόλησης Παιδιών με Αναπηρία", "ΚΔΑΠ ΑμεΑ"]),
    ("ΜΦΗ", ["Μονάδα Φροντίδας Ηλικιωμένων", "Μονάδες Φροντίδας Ηλικιωμένων"]),
    ("ΣΥΔ", ["Στέγη Υποστηριζόμενης Διαβίωσης", "Στέγες Υποστηριζόμενης Διαβίωσης"]),
    ("ΚΔΗΦ", ["Κέντρο Διημέρευσης Ημερήσιας Φροντίδας", "Κέντρο Διημέρευσης"]),
    ("ΚΑΑ", ["Κέντρο Αποθεραπείας και Αποκατάστασης", "Κέντρο Αποθεραπείας Αποκατάστασης"]),
    ("ΚΚ", ["Κέντρο Κοινότητας", "Κέντρα Κοινότητας"]),
    ("ΚΕΜ", ["Κέντρο Ένταξης Μεταναστών"]),
    ("ΚΕΚΥΚΑΜΕΑ", ["Κέντρο Κοινωνικής Υποστήριξης και Κατάρτισης Ατόμων με Αναπηρία"]),
    (
        "ΚΕΣΥ",
        [
            "Κέντρο Εκπαιδευτικής και Συμβουλευτικής Υποστήριξης",
            "ΚΕΔΔΥ",
            "Κέντρο Διαφοροδιάγνωσης Διάγνωσης Υποστήριξης",
        ],
    ),
    ("ΚΕΠΑ", ["Κέντρο Πιστοποίησης Αναπηρίας"]),
    ("ΟΠΕΚΑ", ["Οργανισμός Προνοιακών Επιδομάτων και Κοινωνικής Αλληλεγγύης"]),
    ("ΔΥΠΑ", ["Δημόσια Υπηρεσία Απασχόλησης", "ΟΑΕΔ"]),
    ("ΕΦΚΑ", ["e-ΕΦΚΑ", "Ηλεκτρονικός Εθνικός Φορέας Κοινωνικής Ασφάλισης", "ΙΚΑ"]),
    ("ΚΕΑ", ["Κοινωνικό Εισόδημα Αλληλεγγύης", "Ελάχιστο Εγγυημένο Εισόδημα"]),
    ("ΚΕΘΕΑ", ["Κέντρο Θεραπείας Εξαρτημένων Ατόμων"]),
    ("ΚΨΥ", ["Κέντρο Ψυχικής Υγείας"]),
    ("ΕΚΚΑ", ["Εθνικό Κέντρο Κοινωνικής Αλληλεγγύης"]),
    ("ΚΔΑΠ", ["Κέντρο Δημιουργικής Απασχόλησης Παιδιών", "Κέντρα Δημιουργικής Απασχόλησης"]),
    ("ΚΑΠΗ", ["Κέντρο Ανοιχτής Προστασίας Ηλικιωμένων", "Κέντρο Ανοικτής Προστασίας Ηλικιωμένων"]),
    ("ΚΗΦΗ", ["Κέντρο Ημερήσιας Φροντίδας Ηλικιωμένων"]),
    ("ΚΕΠ", ["Κέντρο Εξυπηρέτησης Πολιτών"]),
]
