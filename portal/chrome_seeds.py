# ruff: noqa: E501 (seed text in four languages reads better unbroken)
"""Seed content of the site chrome, in the four languages: helplines, menu labels,
the privacy notice, the terms of participation and the cookie statement.

Content, not gettext strings: setup_site writes it once, editors change it in the
admin afterwards. Each helpline names the page its number was checked against.
"""

HOURS_24 = {
    "el": "24 ώρες, κάθε μέρα",
    "en": "24 hours, every day",
    "ar": "على مدار الساعة، كل يوم",
    "uk": "Цілодобово, щодня",
}

# (number, source, 24 hours?, {language: (name, what it is for)})
HELPLINES = [
    (
        # civilprotection.gov.gr: "112 operates 24 hours a day ... free of charge"
        "112",
        "https://civilprotection.gov.gr/en/112/pote-pos-kalo",
        True,
        {
            "el": (
                "Ευρωπαϊκός αριθμός έκτακτης ανάγκης",
                "Για κάθε επείγον: αστυνομία, πυροσβεστική, ασθενοφόρο, λιμενικό. Δωρεάν, από κάθε τηλέφωνο.",
            ),
            "en": (
                "European emergency number",
                "Any emergency: police, fire service, ambulance, coastguard. Free, from any phone.",
            ),
            "ar": ("رقم الطوارئ الأوروبي", "لأي حالة طارئة: الشرطة، الإطفاء، الإسعاف، خفر السواحل. مجاني من أي هاتف."),
            "uk": (
                "Європейський номер екстреної допомоги",
                "Будь-яка надзвичайна ситуація: поліція, пожежна служба, швидка, берегова охорона. Безкоштовно.",
            ),
        },
    ),
    (
        # Region of Attica, civil protection: emergency numbers (112, 100, 166, 199)
        "100",
        "https://www.patt.gov.gr/koinonia/politiki_prostasia/pp_enimer_prostat/tilefonikoi-arithmoi-epikoinonias-se-periptoseis-ektakton-katastaseon/",
        True,
        {
            "el": ("Ελληνική Αστυνομία", "Όταν κινδυνεύετε εσείς ή κάποιος άλλος από έγκλημα ή βία."),
            "en": ("Police", "When you or someone else is in danger from crime or violence."),
            "ar": ("الشرطة", "عندما تكون أنت أو شخص آخر في خطر بسبب جريمة أو عنف."),
            "uk": ("Поліція", "Коли вам або комусь іншому загрожує злочин чи насильство."),
        },
    ),
    (
        # Same list; EKAV's own press releases: "call the nationwide 3-digit number 166"
        "166",
        "https://www.patt.gov.gr/koinonia/politiki_prostasia/pp_enimer_prostat/tilefonikoi-arithmoi-epikoinonias-se-periptoseis-ektakton-katastaseon/",
        True,
        {
            "el": ("ΕΚΑΒ (ασθενοφόρο)", "Επείγουσα ιατρική βοήθεια."),
            "en": ("Ambulance (EKAV)", "Emergency medical help."),
            "ar": ("الإسعاف (EKAV)", "مساعدة طبية طارئة."),
            "uk": ("Швидка допомога (EKAV)", "Екстрена медична допомога."),
        },
    ),
    (
        # Same list; the 112 alerts of civil protection: "notify the fire service at 199"
        "199",
        "https://www.patt.gov.gr/koinonia/politiki_prostasia/pp_enimer_prostat/tilefonikoi-arithmoi-epikoinonias-se-periptoseis-ektakton-katastaseon/",
        True,
        {
            "el": ("Πυροσβεστική Υπηρεσία", "Φωτιά, εγκλωβισμός, διάσωση."),
            "en": ("Fire service", "Fire, people trapped, rescue."),
            "ar": ("الإطفاء", "حريق، أشخاص محاصرون، إنقاذ."),
            "uk": ("Пожежна служба", "Пожежа, люди в пастці, рятування."),
        },
    ),
    (
        # Municipality of Messini, quoting EKKA: "Τηλεφωνική Γραμμή Άμεσης Κοινωνικής Βοήθειας 197 ... όλο το 24ωρο ... δωρεάν"
        "197",
        "http://www.messini.gr/tilefoniki-grammi-amesis-koinonikis-voitheias-197/",
        True,
        {
            "el": (
                "Γραμμή Άμεσης Κοινωνικής Βοήθειας (ΕΚΚΑ)",
                "Ψυχολόγοι και κοινωνικοί λειτουργοί για όποιον είναι σε κρίση: κακοποίηση, "
                "εγκατάλειψη, ανάγκη για άμεση στέγη. Δωρεάν.",
            ),
            "en": (
                "Immediate Social Assistance Line (National Centre for Social Solidarity, EKKA)",
                "Psychologists and social workers for anyone in crisis: abuse, neglect, urgent need of shelter. Free.",
            ),
            "ar": (
                "خط المساعدة الاجتماعية الفورية (المركز الوطني للتضامن الاجتماعي EKKA)",
                "أخصائيون نفسيون واجتماعيون لكل من يمر بأزمة: إساءة، إهمال، حاجة عاجلة إلى مأوى. مجاني.",
            ),
            "uk": (
                "Лінія невідкладної соціальної допомоги (Національний центр соціальної солідарності, EKKA)",
                "Психологи й соціальні працівники для всіх, хто в кризі: насильство, бездоглядність, "
                "термінова потреба в житлі. Безкоштовно.",
            ),
        },
    ),
    (
        # General Secretariat for Gender Equality (announcement reproduced at dsth.gr, 2011):
        # SOS 15900, nationwide, 24 hours, 365 days; www.womensos.gr is the line's own site
        "15900",
        "https://www.womensos.gr/",
        True,
        {
            "el": (
                "Γραμμή SOS 15900 για τη βία κατά των γυναικών",
                "Στήριξη σε γυναίκες που υφίστανται βία και σε όσους είναι κοντά τους.",
            ),
            "en": (
                "SOS line 15900 on violence against women",
                "Support for women facing violence, and for the people close to them.",
            ),
            "ar": ("خط SOS 15900 للعنف ضد المرأة", "دعم للنساء اللواتي يتعرضن للعنف ولمن هم قريبون منهن."),
            "uk": (
                "Лінія SOS 15900 щодо насильства над жінками",
                "Підтримка жінок, які зазнають насильства, та їхніх близьких.",
            ),
        },
    ),
    (
        # The Smile of the Child: "National Helpline for Children SOS 1056 ... 24 hours a day, free"
        "1056",
        "https://hamogelo.gr/gr/en/monades-psichologikis-ipostiriksis",
        True,
        {
            "el": (
                "Εθνική Γραμμή για τα Παιδιά SOS (Το Χαμόγελο του Παιδιού)",
                "Για κάθε παιδί σε κίνδυνο και για όποιον ανησυχεί για ένα παιδί. Δωρεάν.",
            ),
            "en": (
                "National Helpline for Children SOS (The Smile of the Child)",
                "For any child in danger, and anyone worried about a child. Free.",
            ),
            "ar": ("الخط الوطني للأطفال SOS (ابتسامة الطفل)", "لأي طفل في خطر ولكل من يقلق على طفل. مجاني."),
            "uk": (
                "Національна лінія для дітей SOS («Усмішка дитини»)",
                "Для кожної дитини в небезпеці та для всіх, хто хвилюється за дитину. Безкоштовно.",
            ),
        },
    ),
    (
        # The Smile of the Child runs the European Helpline for Children and Adolescents 116111
        "116111",
        "https://hamogelo.gr/gr/en/monades-psichologikis-ipostiriksis",
        False,
        {
            "el": (
                "Ευρωπαϊκή Γραμμή Στήριξης Παιδιών και Εφήβων",
                "Τα παιδιά και οι έφηβοι μιλούν με ειδικούς για ό,τι τους απασχολεί.",
            ),
            "en": (
                "European Helpline for Children and Adolescents",
                "Children and teenagers talk to specialists about whatever worries them.",
            ),
            "ar": ("الخط الأوروبي لدعم الأطفال والمراهقين", "يتحدث الأطفال والمراهقون مع مختصين عن أي شيء يقلقهم."),
            "uk": (
                "Європейська лінія підтримки дітей і підлітків",
                "Діти й підлітки говорять із фахівцями про все, що їх турбує.",
            ),
        },
    ),
    (
        # The Smile of the Child runs the European Hotline for Missing Children 116000, 24/7
        "116000",
        "https://hamogelo.gr/gr/en/monades-psichologikis-ipostiriksis",
        True,
        {
            "el": ("Ευρωπαϊκή Γραμμή για τα Εξαφανισμένα Παιδιά", "Αν χάθηκε ή εξαφανίστηκε ένα παιδί."),
            "en": ("European Hotline for Missing Children", "If a child is lost or missing."),
            "ar": ("الخط الأوروبي للأطفال المفقودين", "إذا ضاع طفل أو اختفى."),
            "uk": ("Європейська гаряча лінія щодо зниклих дітей", "Якщо дитина загубилася або зникла."),
        },
    ),
    (
        # Encephalos journal: KLIMAKA runs the Suicide Intervention Line 1018 (supervised by the
        # Ministry of Health); reader.gr 2025-10-10: "λειτουργεί όλο το 24ωρο"
        "1018",
        "http://www.encephalos.gr/48-4-04g.htm",
        True,
        {
            "el": (
                "Γραμμή Παρέμβασης για την Αυτοκτονία (ΚΛΙΜΑΚΑ)",
                "Αν σκέφτεστε να βάλετε τέλος στη ζωή σας ή ανησυχείτε για κάποιον. Ανώνυμα.",
            ),
            "en": (
                "Suicide Intervention Line (KLIMAKA)",
                "If you are thinking of ending your life, or are worried about someone. Anonymous.",
            ),
            "ar": (
                "خط التدخل لمنع الانتحار (KLIMAKA)",
                "إذا كنت تفكر في إنهاء حياتك أو تقلق على شخص ما. دون ذكر الاسم.",
            ),
            "uk": (
                "Лінія запобігання самогубствам (KLIMAKA)",
                "Якщо ви думаєте покінчити з життям або хвилюєтеся за когось. Анонімно.",
            ),
        },
    ),
    (
        # The Ministry of Health's announcement (municipality of Kalamaria): line 10306,
        # psychological support in 24-hour operation
        "10306",
        "http://www.e-kalamaria.gr/Article/id/12400/",
        True,
        {
            "el": (
                "Γραμμή Ψυχοκοινωνικής Υποστήριξης (Υπουργείο Υγείας)",
                "Ψυχολογική στήριξη για άγχος, φόβο, πανικό ή κάθε δυσκολία. Δωρεάν και ανώνυμα.",
            ),
            "en": (
                "Psychosocial Support Line (Ministry of Health)",
                "Psychological support for anxiety, fear, panic or any difficulty. Free and anonymous.",
            ),
            "ar": (
                "خط الدعم النفسي والاجتماعي (وزارة الصحة)",
                "دعم نفسي للقلق أو الخوف أو الذعر أو أي صعوبة. مجاني ودون ذكر الاسم.",
            ),
            "uk": (
                "Лінія психосоціальної підтримки (Міністерство охорони здоров'я)",
                "Психологічна підтримка при тривозі, страху, паніці чи будь-яких труднощах. Безкоштовно й анонімно.",
            ),
        },
    ),
    (
        # Ministry of Health: "1031 Τηλεφωνική Γραμμή SOS του ΟΚΑΝΑ" (ΟΚΑΝΑ is now part of ΕΟΠΑΕ)
        "1031",
        "https://www.moh.gov.gr/articles/citizen/xrhsima-thlefwna-amp-dieythynseis/197-1031-thlefwnikh-grammh-sos-toy-okana",
        False,
        {
            "el": (
                "Γραμμή SOS για τις εξαρτήσεις (ΕΟΠΑΕ, πρώην ΟΚΑΝΑ)",
                "Πληροφορίες και στήριξη για τα ναρκωτικά και τη χρήση ουσιών, ανώνυμα.",
            ),
            "en": (
                "SOS line on drugs and addiction (EOPAE, formerly OKANA)",
                "Information and support about drugs and substance use, anonymously.",
            ),
            "ar": ("خط SOS للإدمان (EOPAE، سابقاً OKANA)", "معلومات ودعم بشأن المخدرات وتعاطي المواد، دون ذكر الاسم."),
            "uk": (
                "Лінія SOS щодо залежностей (EOPAE, раніше OKANA)",
                "Інформація та підтримка щодо наркотиків і вживання речовин, анонімно.",
            ),
        },
    ),
]

# Menu links that are not a page's own title: the consultations page's two halves.
MENU_LABELS = {
    "consultations": {"el": "Διαβουλεύσεις", "en": "Consultations", "ar": "المشاورات", "uk": "Консультації"},
    "surveys": {"el": "Έρευνες", "en": "Surveys", "ar": "الاستبيانات", "uk": "Опитування"},
}
