# ruff: noqa: E501 (seed text in four languages reads better unbroken)
"""Seed text of the privacy notice, the terms of participation and the cookie statement,
in the four languages. Setup_site writes it once; editors keep it true afterwards
(addresses, the data-protection officer, retention periods they decide).

What each form keeps mirrors the models: a report (directory.models.feedback:
reason, details, optional name and contact), a comment (consultations: name or
pseudonym, optional e-mail, text, stance; e-mails erased by purge_commenter_emails
180 days after the results), a flag (reason, optional note), a survey answer (the
answers only), a newsletter subscription (campaigns.models.newsletter: e-mail,
language, topics; unconfirmed sign-ups deleted after 7 days by purge_newsletter,
the address deleted on unsubscribe), an event registration (campaigns.models.events:
name, e-mail or phone, people, needs; deleted by purge_registrations 30 days after
the event) and the display-preference cookies
(portal.preferences).
"""

# fmt: off
PRIVACY = {
    "el": {
        "title": "Ενημέρωση για τα προσωπικά δεδομένα",
        "authority_name": "Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα",
        "authority_address": "Κηφισίας 1-3, 11523 Αθήνα",
        "processing": [
            ("Φόρμα «Αναφέρετε πρόβλημα» σε μια υπηρεσία",
             "Τι είναι λάθος, οι λεπτομέρειες που γράφετε και, μόνο αν τα δώσετε, όνομα και e-mail ή τηλέφωνο.",
             "Για να διορθώσουμε την καταχώριση και, αν το ζητήσετε, να σας απαντήσουμε.",
             "Δημόσιο συμφέρον (άρθρο 6 παρ. 1 ε ΓΚΠΔ)· για τα στοιχεία επικοινωνίας, η συγκατάθεσή σας.",
             "Μέχρι να διεκπεραιωθεί η αναφορά· η γραμματεία διαγράφει τις διεκπεραιωμένες αναφορές, "
             "μαζί με τα στοιχεία επικοινωνίας, το αργότερο σε 12 μήνες."),
            ("Σχόλια σε διαβουλεύσεις",
             "Όνομα ή ψευδώνυμο, το σχόλιο και η θέση σας (δημοσιεύονται), e-mail αν το δώσετε (δεν δημοσιεύεται).",
             "Για τη δημόσια διαβούλευση· το e-mail για να σας ενημερώσουμε για τα αποτελέσματα.",
             "Δημόσιο συμφέρον (άρθρο 6 παρ. 1 ε ΓΚΠΔ)· για το e-mail, η συγκατάθεσή σας.",
             "Τα σχόλια μένουν ως δημόσιο αρχείο της διαβούλευσης. Το e-mail διαγράφεται 180 ημέρες "
             "μετά τη δημοσίευση των αποτελεσμάτων."),
            ("Αναφορά ακατάλληλου σχολίου",
             "Ο λόγος και, αν τις γράψετε, λίγες λεπτομέρειες. Δεν κρατάμε ποιος έκανε την αναφορά.",
             "Για τον έλεγχο των σχολίων.",
             "Δημόσιο συμφέρον (άρθρο 6 παρ. 1 ε ΓΚΠΔ).",
             "Όσο υπάρχει το σχόλιο."),
            ("Έρευνες καταγραφής αναγκών",
             "Μόνο οι απαντήσεις σας. Οι έρευνες είναι ανώνυμες: δεν κρατάμε όνομα, e-mail ή διεύθυνση IP.",
             "Για να σχεδιάσουμε υπηρεσίες με βάση τις ανάγκες.",
             "Δημόσιο συμφέρον (άρθρο 6 παρ. 1 ε ΓΚΠΔ).",
             "Όσο χρειάζεται για την ανάλυση· τα συγκεντρωτικά αποτελέσματα δημοσιεύονται."),
            ("Cookies προτιμήσεων εμφάνισης και γλώσσας",
             "Το μέγεθος κειμένου, η αντίθεση και η γλώσσα που επιλέγετε. Δεν σας αναγνωρίζουν.",
             "Για να βλέπετε τον ιστότοπο όπως τον ρυθμίσατε.",
             "Απολύτως αναγκαία για την υπηρεσία που ζητήσατε.",
             "Ένα έτος, ή μέχρι να τα διαγράψετε από τον φυλλομετρητή."),
            ("Ενημερωτικό δελτίο (newsletter)",
             "Το e-mail σας, η γλώσσα και τα θέματα που επιλέγετε, και πότε επιβεβαιώσατε την εγγραφή.",
             "Για να σας στέλνουμε το ενημερωτικό δελτίο που ζητήσατε. Δεν το χρησιμοποιούμε για τίποτε άλλο.",
             "Η συγκατάθεσή σας (άρθρο 6 παρ. 1 α ΓΚΠΔ), που ανακαλείτε με έναν σύνδεσμο σε κάθε τεύχος.",
             "Μια εγγραφή που δεν επιβεβαιώνεται διαγράφεται σε 7 ημέρες. Με την απεγγραφή το e-mail σας "
             "διαγράφεται αμέσως· δεν κρατάμε λίστα αποκλεισμού. Δεν καταγράφουμε αν ανοίγετε τα μηνύματα."),
            ("Εγγραφή σε εκδήλωση",
             "Όνομα, e-mail ή τηλέφωνο, πόσα άτομα έρχονται και, αν τις γράψετε, ανάγκες διερμηνείας ή προσβασιμότητας.",
             "Για να οργανώσουμε την εκδήλωση, να σας στείλουμε την επιβεβαίωση, την υπενθύμιση, μια θέση που ελευθερώθηκε ή μια αλλαγή.",
             "Η συγκατάθεσή σας (άρθρο 6 παρ. 1 α ΓΚΠΔ)· για τις ανάγκες προσβασιμότητας, η ρητή συγκατάθεσή σας (άρθρο 9 παρ. 2 α).",
             "Διαγράφονται 30 ημέρες μετά την εκδήλωση. Δεν δημοσιεύονται ποτέ· τα βλέπουν μόνο η γραμματεία και ο διοργανωτής."),
            ("Προστασία από κατάχρηση",
             "Η διεύθυνση IP, μόνο ως μετρητής αποστολών φορμών.",
             "Για να εμποδίζουμε τα μαζικά ανεπιθύμητα μηνύματα.",
             "Έννομο συμφέρον (άρθρο 6 παρ. 1 στ ΓΚΠΔ).",
             "Μία ώρα."),
        ],
        "recipients": (
            "<p>Τα δεδομένα τα βλέπουν μόνο η γραμματεία του δικτύου και οι συντονιστές των διαβουλεύσεων. "
            "Ο πάροχος φιλοξενίας τα επεξεργάζεται για λογαριασμό μας. Δεν πωλούμε δεδομένα και δεν τα "
            "χρησιμοποιούμε για διαφήμιση.</p>"
        ),
        "transfers": (
            "Οι φόρμες χρησιμοποιούν το reCAPTCHA της Google για τον έλεγχο ανεπιθύμητων μηνυμάτων· "
            "η Google μπορεί να επεξεργαστεί τη διεύθυνση IP σας και εκτός ΕΕ."
        ),
        "rights": (
            "<p>Έχετε δικαίωμα να ζητήσετε πρόσβαση στα δεδομένα σας, διόρθωση, διαγραφή ή περιορισμό της "
            "επεξεργασίας, να αντιταχθείτε σε αυτήν, να λάβετε τα δεδομένα σας σε φορητή μορφή και να "
            "ανακαλέσετε τη συγκατάθεσή σας οποιαδήποτε στιγμή (άρθρα 15-22 ΓΚΠΔ). Γράψτε μας στο e-mail "
            "του υπευθύνου· απαντάμε μέσα σε έναν μήνα.</p>"
        ),
    },
    "en": {
        "title": "Privacy notice",
        "authority_name": "Hellenic Data Protection Authority",
        "authority_address": "Kifisias 1-3, 11523 Athens",
        "processing": [
            ("“Report a problem” form on a service",
             "What is wrong, the details you write and, only if you give them, a name and an e-mail or phone.",
             "To correct the listing and, if you ask, to answer you.",
             "Public interest (GDPR article 6(1)(e)); for the contact details, your consent.",
             "Until the report is handled; the secretariat deletes handled reports, with the contact "
             "details, within 12 months at the latest."),
            ("Comments on consultations",
             "Name or pseudonym, the comment and your stance (published), an e-mail if you give one (never published).",
             "For the public consultation; the e-mail to tell you about the results.",
             "Public interest (GDPR article 6(1)(e)); for the e-mail, your consent.",
             "Comments stay as the public record of the consultation. The e-mail is erased 180 days after "
             "the results are published."),
            ("Flagging a comment",
             "The reason and, if you write them, a few details. We do not keep who flagged.",
             "To moderate comments.",
             "Public interest (GDPR article 6(1)(e)).",
             "As long as the comment exists."),
            ("Needs-mapping surveys",
             "Only your answers. Surveys are anonymous: we keep no name, e-mail or IP address.",
             "To plan services from people's needs.",
             "Public interest (GDPR article 6(1)(e)).",
             "As long as the analysis needs; the aggregated results are published."),
            ("Display and language preference cookies",
             "The text size, contrast and language you choose. They do not identify you.",
             "To show the site the way you set it.",
             "Strictly necessary for the service you asked for.",
             "One year, or until you delete them in your browser."),
            ("Newsletter",
             "Your e-mail, the language and topics you choose, and when you confirmed the subscription.",
             "To send you the newsletter you asked for. We use it for nothing else.",
             "Your consent (GDPR article 6(1)(a)), which you withdraw with the link in every issue.",
             "A sign-up that is not confirmed is deleted after 7 days. When you unsubscribe your e-mail is "
             "deleted at once; we keep no suppression list. We do not track whether you open the messages."),
            ("Registering for an event",
             "Name, e-mail or phone, how many people are coming and, if you write them, interpretation or accessibility needs.",
             "To organise the event and send you the confirmation, the reminder, a place that freed up or a change.",
             "Your consent (GDPR article 6(1)(a)); for accessibility needs, your explicit consent (article 9(2)(a)).",
             "Deleted 30 days after the event. Never published; only the secretariat and the organiser see them."),
            ("Protection against abuse",
             "Your IP address, only as a counter of form submissions.",
             "To stop mass spam.",
             "Legitimate interest (GDPR article 6(1)(f)).",
             "One hour."),
        ],
        "recipients": (
            "<p>Only the network's secretariat and the moderators of consultations see the data. Our hosting "
            "provider processes it on our behalf. We never sell data or use it for advertising.</p>"
        ),
        "transfers": (
            "The forms use Google's reCAPTCHA to check for spam; Google may process your IP address "
            "outside the EU."
        ),
        "rights": (
            "<p>You have the right to ask for access to your data, its correction, erasure or the restriction of "
            "its processing, to object to it, to receive your data in a portable form and to withdraw your "
            "consent at any time (GDPR articles 15-22). Write to the controller's e-mail; we answer within "
            "one month.</p>"
        ),
    },
    "ar": {
        "title": "إشعار الخصوصية",
        "authority_name": "هيئة حماية البيانات الشخصية اليونانية",
        "authority_address": "Kifisias 1-3, 11523 Athens",
        "processing": [
            ("نموذج «الإبلاغ عن مشكلة» في خدمة",
             "ما هو الخطأ، والتفاصيل التي تكتبها، واسم وبريد إلكتروني أو هاتف فقط إذا قدمتها.",
             "لتصحيح بيانات الخدمة، وللرد عليك إذا طلبت ذلك.",
             "المصلحة العامة (المادة 6 (1) (هـ) من اللائحة العامة لحماية البيانات)؛ وموافقتك لبيانات الاتصال.",
             "حتى تتم معالجة البلاغ؛ تحذف الأمانة البلاغات المعالجة مع بيانات الاتصال خلال 12 شهراً على الأكثر."),
            ("التعليقات على المشاورات",
             "الاسم أو اسم مستعار، والتعليق وموقفك (تُنشر)، وبريد إلكتروني إذا قدمته (لا يُنشر أبداً).",
             "للمشاورة العامة؛ والبريد الإلكتروني لإبلاغك بالنتائج.",
             "المصلحة العامة (المادة 6 (1) (هـ))؛ وموافقتك للبريد الإلكتروني.",
             "تبقى التعليقات سجلاً عاماً للمشاورة. يُحذف البريد الإلكتروني بعد 180 يوماً من نشر النتائج."),
            ("الإبلاغ عن تعليق",
             "السبب، وبعض التفاصيل إذا كتبتها. لا نحتفظ بهوية من أبلغ.",
             "للإشراف على التعليقات.",
             "المصلحة العامة (المادة 6 (1) (هـ)).",
             "ما دام التعليق موجوداً."),
            ("استبيانات رصد الاحتياجات",
             "إجاباتك فقط. الاستبيانات مجهولة الهوية: لا نحتفظ بالاسم أو البريد الإلكتروني أو عنوان IP.",
             "لتخطيط الخدمات حسب احتياجات الناس.",
             "المصلحة العامة (المادة 6 (1) (هـ)).",
             "طوال مدة التحليل؛ تُنشر النتائج المجمّعة."),
            ("ملفات تعريف الارتباط لتفضيلات العرض واللغة",
             "حجم النص والتباين واللغة التي تختارها. لا تحدد هويتك.",
             "لعرض الموقع بالطريقة التي اخترتها.",
             "ضرورية تماماً للخدمة التي طلبتها.",
             "سنة واحدة، أو حتى تحذفها من متصفحك."),
            ("النشرة الإخبارية",
             "بريدك الإلكتروني واللغة والمواضيع التي تختارها، ووقت تأكيد الاشتراك.",
             "لإرسال النشرة الإخبارية التي طلبتها. لا نستخدمه لأي غرض آخر.",
             "موافقتك (المادة 6 (1) (أ))، ويمكنك سحبها بالرابط الموجود في كل عدد.",
             "يُحذف الاشتراك غير المؤكد بعد 7 أيام. عند إلغاء الاشتراك يُحذف بريدك الإلكتروني فوراً، "
             "ولا نحتفظ بقائمة حظر. لا نتتبع فتحك للرسائل."),
            ("التسجيل في فعالية",
             "الاسم، والبريد الإلكتروني أو الهاتف، وعدد الحاضرين، واحتياجات الترجمة الفورية أو إمكانية الوصول إن كتبتها.",
             "لتنظيم الفعالية وإرسال التأكيد والتذكير ومكان أصبح متاحاً أو أي تغيير.",
             "موافقتك (المادة 6 (1) (أ))؛ ولاحتياجات إمكانية الوصول موافقتك الصريحة (المادة 9 (2) (أ)).",
             "تُحذف بعد 30 يوماً من الفعالية. لا تُنشر أبداً؛ لا يراها إلا أمانة الشبكة والجهة المنظمة."),
            ("الحماية من إساءة الاستخدام",
             "عنوان IP الخاص بك، فقط كعداد لإرسال النماذج.",
             "لمنع الرسائل المزعجة الجماعية.",
             "المصلحة المشروعة (المادة 6 (1) (و)).",
             "ساعة واحدة."),
        ],
        "recipients": (
            "<p>لا يطّلع على البيانات إلا أمانة الشبكة ومشرفو المشاورات. يعالجها مزوّد الاستضافة نيابةً عنا. "
            "لا نبيع البيانات ولا نستخدمها للإعلان أبداً.</p>"
        ),
        "transfers": "تستخدم النماذج خدمة reCAPTCHA من Google لكشف الرسائل المزعجة؛ وقد تعالج Google عنوان IP الخاص بك خارج الاتحاد الأوروبي.",
        "rights": (
            "<p>يحق لك طلب الوصول إلى بياناتك وتصحيحها ومحوها أو تقييد معالجتها، والاعتراض عليها، والحصول على "
            "بياناتك بصيغة قابلة للنقل، وسحب موافقتك في أي وقت (المواد 15-22 من اللائحة العامة لحماية البيانات). "
            "راسل البريد الإلكتروني للمسؤول عن المعالجة؛ نرد خلال شهر واحد.</p>"
        ),
    },
    "uk": {
        "title": "Повідомлення про конфіденційність",
        "authority_name": "Управління Греції із захисту персональних даних",
        "authority_address": "Kifisias 1-3, 11523 Athens",
        "processing": [
            ("Форма «Повідомити про проблему» на сторінці послуги",
             "Що не так, подробиці, які ви пишете, і лише якщо ви їх надаєте — ім'я та e-mail або телефон.",
             "Щоб виправити опис послуги і, якщо ви просите, відповісти вам.",
             "Суспільний інтерес (стаття 6(1)(e) GDPR); для контактних даних — ваша згода.",
             "Доки повідомлення не опрацьоване; секретаріат видаляє опрацьовані повідомлення разом "
             "із контактними даними щонайпізніше через 12 місяців."),
            ("Коментарі в консультаціях",
             "Ім'я або псевдонім, коментар і ваша позиція (публікуються), e-mail, якщо ви його надаєте (не публікується).",
             "Для публічної консультації; e-mail — щоб повідомити вас про результати.",
             "Суспільний інтерес (стаття 6(1)(e) GDPR); для e-mail — ваша згода.",
             "Коментарі залишаються публічним записом консультації. E-mail видаляється через 180 днів "
             "після публікації результатів."),
            ("Скарга на коментар",
             "Причина і, якщо ви їх пишете, кілька подробиць. Ми не зберігаємо, хто поскаржився.",
             "Для модерації коментарів.",
             "Суспільний інтерес (стаття 6(1)(e) GDPR).",
             "Доки існує коментар."),
            ("Опитування щодо потреб",
             "Лише ваші відповіді. Опитування анонімні: ми не зберігаємо ім'я, e-mail чи IP-адресу.",
             "Щоб планувати послуги відповідно до потреб людей.",
             "Суспільний інтерес (стаття 6(1)(e) GDPR).",
             "Доки триває аналіз; узагальнені результати публікуються."),
            ("Файли cookie для налаштувань відображення та мови",
             "Розмір тексту, контраст і мова, які ви обираєте. Вони не ідентифікують вас.",
             "Щоб показувати сайт так, як ви його налаштували.",
             "Строго необхідні для послуги, яку ви запросили.",
             "Один рік або доки ви не видалите їх у браузері."),
            ("Розсилка новин",
             "Ваша електронна адреса, обрані мова й теми та час підтвердження підписки.",
             "Щоб надсилати вам розсилку, яку ви замовили. Ні для чого іншого ми її не використовуємо.",
             "Ваша згода (стаття 6(1)(a) GDPR), яку ви відкликаєте посиланням у кожному випуску.",
             "Непідтверджену підписку видаляємо через 7 днів. Коли ви відписуєтеся, адресу видаляємо одразу; "
             "списку блокування не ведемо. Ми не відстежуємо, чи ви відкриваєте листи."),
            ("Реєстрація на подію",
             "Ім'я, e-mail або телефон, скільки людей прийде та, якщо ви їх зазначите, потреби в перекладі чи доступності.",
             "Щоб організувати подію й надіслати вам підтвердження, нагадування, місце, що звільнилося, або зміну.",
             "Ваша згода (стаття 6(1)(a) GDPR); для потреб доступності — ваша явна згода (стаття 9(2)(a)).",
             "Видаляються через 30 днів після події. Ніколи не публікуються; їх бачать лише секретаріат і організатор."),
            ("Захист від зловживань",
             "Ваша IP-адреса, лише як лічильник надсилань форм.",
             "Щоб зупиняти масовий спам.",
             "Законний інтерес (стаття 6(1)(f) GDPR).",
             "Одна година."),
        ],
        "recipients": (
            "<p>Дані бачать лише секретаріат мережі та модератори консультацій. Наш хостинг-провайдер обробляє "
            "їх від нашого імені. Ми ніколи не продаємо дані і не використовуємо їх для реклами.</p>"
        ),
        "transfers": "Форми використовують reCAPTCHA від Google для перевірки на спам; Google може обробляти вашу IP-адресу за межами ЄС.",
        "rights": (
            "<p>Ви маєте право вимагати доступу до своїх даних, їх виправлення, видалення або обмеження обробки, "
            "заперечувати проти обробки, отримати свої дані в переносному форматі та будь-коли відкликати згоду "
            "(статті 15-22 GDPR). Напишіть на e-mail контролера; ми відповідаємо протягом місяця.</p>"
        ),
    },
}

TERMS = {
    "el": ("Όροι συμμετοχής", "Οι κανόνες για τα σχόλια, τις αναφορές και τις έρευνες.",
           "<h2>Σχόλια στις διαβουλεύσεις</h2><ul>"
           "<li>Γράψτε με σεβασμό, για το θέμα της διαβούλευσης.</li>"
           "<li>Μη γράφετε προσωπικά στοιχεία δικά σας ή άλλων (διευθύνσεις, τηλέφωνα, θέματα υγείας).</li>"
           "<li>Οι συντονιστές μπορεί να μη δημοσιεύσουν σχόλια με ύβρεις, απειλές, διακρίσεις, διαφήμιση ή "
           "προσωπικά δεδομένα τρίτων· σας λένε τον λόγο αν δώσατε e-mail.</li>"
           "<li>Τα σχόλια δημοσιεύονται με το όνομα ή το ψευδώνυμο που επιλέγετε, με άδεια Creative Commons "
           "Αναφορά 4.0.</li></ul>"
           "<h2>Αναφορές προβλημάτων</h2><p>Οι αναφορές πηγαίνουν στη γραμματεία του δικτύου, που ελέγχει "
           "και διορθώνει την καταχώριση. Δεν δημοσιεύονται.</p>"
           "<h2>Ευθύνη</h2><p>Οι πληροφορίες για τις υπηρεσίες δίνονται από τους φορείς και ελέγχονται "
           "τακτικά· πριν πάτε, επιβεβαιώστε τηλεφωνικά ωράριο και προϋποθέσεις.</p>"),
    "en": ("Terms of participation", "The rules for comments, reports and surveys.",
           "<h2>Comments on consultations</h2><ul>"
           "<li>Write respectfully, about the subject of the consultation.</li>"
           "<li>Do not write personal details of yourself or others (addresses, phone numbers, health).</li>"
           "<li>Moderators may not publish comments with insults, threats, discrimination, advertising or "
           "other people's personal data; they tell you why if you gave an e-mail.</li>"
           "<li>Comments are published under the name or pseudonym you choose, under the Creative Commons "
           "Attribution 4.0 licence.</li></ul>"
           "<h2>Reporting problems</h2><p>Reports go to the network's secretariat, which checks and corrects "
           "the listing. They are not published.</p>"
           "<h2>Responsibility</h2><p>Information about services comes from the organisations and is checked "
           "regularly; before you go, confirm the hours and conditions by phone.</p>"),
    "ar": ("شروط المشاركة", "قواعد التعليقات والبلاغات والاستبيانات.",
           "<h2>التعليقات على المشاورات</h2><ul>"
           "<li>اكتب باحترام وفي موضوع المشاورة.</li>"
           "<li>لا تكتب بيانات شخصية عنك أو عن غيرك (عناوين، أرقام هواتف، معلومات صحية).</li>"
           "<li>قد لا ينشر المشرفون التعليقات التي تتضمن إهانات أو تهديدات أو تمييزاً أو إعلانات أو بيانات "
           "شخصية لآخرين؛ ويخبرونك بالسبب إذا قدمت بريداً إلكترونياً.</li>"
           "<li>تُنشر التعليقات بالاسم أو الاسم المستعار الذي تختاره، بترخيص المشاع الإبداعي نسب المصنف 4.0.</li></ul>"
           "<h2>الإبلاغ عن المشكلات</h2><p>تصل البلاغات إلى أمانة الشبكة التي تتحقق من بيانات الخدمة وتصححها. "
           "لا تُنشر البلاغات.</p>"
           "<h2>المسؤولية</h2><p>تأتي معلومات الخدمات من الجهات المقدِّمة لها وتُراجع بانتظام؛ قبل الذهاب، "
           "تأكد هاتفياً من المواعيد والشروط.</p>"),
    "uk": ("Умови участі", "Правила для коментарів, повідомлень і опитувань.",
           "<h2>Коментарі в консультаціях</h2><ul>"
           "<li>Пишіть шанобливо і по темі консультації.</li>"
           "<li>Не пишіть персональних даних — своїх чи чужих (адреси, телефони, стан здоров'я).</li>"
           "<li>Модератори можуть не публікувати коментарі з образами, погрозами, дискримінацією, рекламою "
           "чи персональними даними інших людей; якщо ви залишили e-mail, вони пояснять причину.</li>"
           "<li>Коментарі публікуються під обраним вами ім'ям або псевдонімом за ліцензією Creative Commons "
           "Attribution 4.0.</li></ul>"
           "<h2>Повідомлення про проблеми</h2><p>Повідомлення надходять до секретаріату мережі, який перевіряє "
           "й виправляє опис послуги. Вони не публікуються.</p>"
           "<h2>Відповідальність</h2><p>Інформацію про послуги надають організації, і її регулярно перевіряють; "
           "перш ніж іти, уточніть телефоном години роботи та умови.</p>"),
}

COOKIES = {
    "el": ("Cookies", "Ποια cookies χρησιμοποιεί ο ιστότοπος και γιατί.",
           "<p>Δεν χρησιμοποιούμε cookies παρακολούθησης ή διαφήμισης, ούτε στατιστικά επισκεψιμότητας.</p>"
           "<ul><li><b>koinonia_text</b>, <b>koinonia_contrast</b>: το μέγεθος κειμένου και η αντίθεση που "
           "επιλέξατε· ένα έτος.</li>"
           "<li><b>django_language</b>: η γλώσσα που επιλέξατε· μέχρι να κλείσετε τον φυλλομετρητή.</li>"
           "<li><b>csrftoken</b>: προστασία των φορμών από πλαστές αποστολές· ένα έτος.</li>"
           "<li><b>sessionid</b>: μόνο για όσους συνδέονται στη διαχείριση· δύο εβδομάδες.</li></ul>"
           "<p>Οι φόρμες φορτώνουν το reCAPTCHA της Google, που μπορεί να ορίσει δικά του cookies για να "
           "ξεχωρίσει ανθρώπους από προγράμματα.</p>"),
    "en": ("Cookies", "Which cookies the site uses, and why.",
           "<p>We use no tracking, advertising or visitor-statistics cookies.</p>"
           "<ul><li><b>koinonia_text</b>, <b>koinonia_contrast</b>: the text size and contrast you chose; one "
           "year.</li>"
           "<li><b>django_language</b>: the language you chose; until you close the browser.</li>"
           "<li><b>csrftoken</b>: protects the forms against forged submissions; one year.</li>"
           "<li><b>sessionid</b>: only for people who sign in to the admin; two weeks.</li></ul>"
           "<p>The forms load Google's reCAPTCHA, which may set its own cookies to tell people from programs.</p>"),
    "ar": ("ملفات تعريف الارتباط", "ما ملفات تعريف الارتباط التي يستخدمها الموقع ولماذا.",
           "<p>لا نستخدم ملفات تعريف ارتباط للتتبع أو الإعلان أو إحصاءات الزوار.</p>"
           "<ul><li><b>koinonia_text</b>، <b>koinonia_contrast</b>: حجم النص والتباين اللذان اخترتهما؛ سنة واحدة.</li>"
           "<li><b>django_language</b>: اللغة التي اخترتها؛ حتى تغلق المتصفح.</li>"
           "<li><b>csrftoken</b>: يحمي النماذج من الإرسال المزوّر؛ سنة واحدة.</li>"
           "<li><b>sessionid</b>: فقط لمن يسجّل الدخول إلى لوحة الإدارة؛ أسبوعان.</li></ul>"
           "<p>تحمّل النماذج خدمة reCAPTCHA من Google، التي قد تضع ملفات تعريف ارتباط خاصة بها للتمييز بين "
           "البشر والبرامج.</p>"),
    "uk": ("Файли cookie", "Які файли cookie використовує сайт і навіщо.",
           "<p>Ми не використовуємо файлів cookie для стеження, реклами чи статистики відвідувань.</p>"
           "<ul><li><b>koinonia_text</b>, <b>koinonia_contrast</b>: обрані вами розмір тексту й контраст; один рік.</li>"
           "<li><b>django_language</b>: обрана вами мова; доки ви не закриєте браузер.</li>"
           "<li><b>csrftoken</b>: захищає форми від підроблених надсилань; один рік.</li>"
           "<li><b>sessionid</b>: лише для тих, хто входить до адмін-панелі; два тижні.</li></ul>"
           "<p>Форми завантажують reCAPTCHA від Google, яка може встановлювати власні файли cookie, щоб "
           "відрізняти людей від програм.</p>"),
}
# fmt: on
