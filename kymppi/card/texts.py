"""The buyer's card page in the buyer's language: Finnish, Swedish or English.

One table per language, so a missing sentence is a KeyError in the tests, not a
blank on a phone. Dates are written by kymppi.formatting.written_date.
"""

from kymppi.domain.contact import EMAIL_MESSAGE
from kymppi.models import CardStatus, Language

TEXTS = {
    Language.FI: {
        "reminders": "Muistutukset",
        "reminders_on": "Saat sähköpostiin muistutuksen, kun kortilla on kaksi käyntiä jäljellä "
        "ja viikkoa ennen kuin se vanhenee.",
        "reminders_off": "Et saa muistutuksia sähköpostiin.",
        "reminders_stop": "Älä lähetä muistutuksia",
        "reminders_start": "Lähetä muistutukset",
        "reminders_stopped": "Muistutuksia ei enää lähetetä sähköpostiisi.",
        "reminders_started": "Muistutukset lähetetään taas sähköpostiisi.",
        "title": "Kymppikortti",
        "visits_left": "käyntiä jäljellä",
        "visits_of": "{left} / {total}",
        "boxes": "Käytetyt käynnit: {used} / {total}",
        "valid_until": "Voimassa {date} asti",
        "valid_from": "Voimassa {start} alkaen {end} asti",
        "expired": "Kortti vanheni {date}.",
        "expires_soon": "Kortti vanhenee {date}. Käytä jäljellä olevat käynnit ennen sitä.",
        "few_left": "Käyntejä on jäljellä vain {left}. Uuden kortin saat opiston toimistosta.",
        "used_up": "Kortin käynnit on käytetty. Uuden kortin saat opiston toimistosta.",
        "status": "Kortti ei ole käytössä",
        "contact": "Kysy lisää opiston toimistosta:",
        "show_qr": "Näytä tämä QR-koodi ohjaajalle kurssin alussa.",
        "qr_label": "Kortin QR-koodi",
        "number": "Kortin numero",
        "history": "Käynnit",
        "no_visits": "Ei vielä käyntejä.",
        "date": "Päivä",
        "course": "Kurssi",
        "instructor": "Ohjaaja",
        "where": "Kurssit, joilla kortti käy",
        "no_courses": "Kurssilistaa ei ole vielä julkaistu.",
        "today": "tänään",
        "language": "Kieli",
        "privacy": "Tietosuojaseloste",
        "home_screen": "Lisää tämä sivu puhelimen kotinäytölle, niin kortti aukeaa yhdellä napautuksella.",
    },
    Language.SV: {
        "reminders": "Påminnelser",
        "reminders_on": "Du får en påminnelse per e-post när kortet har två besök kvar och en vecka innan det går ut.",
        "reminders_off": "Du får inga påminnelser per e-post.",
        "reminders_stop": "Skicka inga påminnelser",
        "reminders_start": "Skicka påminnelser",
        "reminders_stopped": "Påminnelser skickas inte längre till din e-post.",
        "reminders_started": "Påminnelser skickas igen till din e-post.",
        "title": "Tiokort",
        "visits_left": "besök kvar",
        "visits_of": "{left} / {total}",
        "boxes": "Använda besök: {used} / {total}",
        "valid_until": "Giltigt till {date}",
        "valid_from": "Giltigt från {start} till {end}",
        "expired": "Kortet gick ut {date}.",
        "expires_soon": "Kortet går ut {date}. Använd besöken som är kvar före dess.",
        "few_left": "Bara {left} besök kvar. Ett nytt kort får du på institutets kansli.",
        "used_up": "Kortets besök är använda. Ett nytt kort får du på institutets kansli.",
        "status": "Kortet används inte",
        "contact": "Fråga mer på institutets kansli:",
        "show_qr": "Visa den här QR-koden för ledaren när kursen börjar.",
        "qr_label": "Kortets QR-kod",
        "number": "Kortnummer",
        "history": "Besök",
        "no_visits": "Inga besök ännu.",
        "date": "Dag",
        "course": "Kurs",
        "instructor": "Ledare",
        "where": "Kurser där kortet gäller",
        "no_courses": "Kurslistan är inte publicerad ännu.",
        "today": "i dag",
        "language": "Språk",
        "privacy": "Dataskyddsbeskrivning",
        "home_screen": "Lägg till sidan på telefonens hemskärm, så öppnas kortet med ett tryck.",
    },
    Language.EN: {
        "reminders": "Reminders",
        "reminders_on": "You get an email reminder when the card has two visits left and a week before it expires.",
        "reminders_off": "You get no email reminders.",
        "reminders_stop": "Stop the reminders",
        "reminders_start": "Send me reminders",
        "reminders_stopped": "Reminders are no longer sent to your email.",
        "reminders_started": "Reminders are sent to your email again.",
        "title": "Ten-visit card",
        "visits_left": "visits left",
        "visits_of": "{left} / {total}",
        "boxes": "Visits used: {used} of {total}",
        "valid_until": "Valid until {date}",
        "valid_from": "Valid from {start} until {end}",
        "expired": "The card expired on {date}.",
        "expires_soon": "The card expires on {date}. Use the visits left before then.",
        "few_left": "Only {left} visits left. The office sells you a new card.",
        "used_up": "All the card's visits are used. The office sells you a new card.",
        "status": "The card is not in use",
        "contact": "Ask the office for more:",
        "show_qr": "Show this QR code to the instructor when the class starts.",
        "qr_label": "The card's QR code",
        "number": "Card number",
        "history": "Visits",
        "no_visits": "No visits yet.",
        "date": "Date",
        "course": "Course",
        "instructor": "Instructor",
        "where": "Courses where the card is valid",
        "no_courses": "The course list is not published yet.",
        "today": "today",
        "language": "Language",
        "privacy": "Privacy notice",
        "home_screen": "Add this page to your phone's home screen to open the card with one tap.",
    },
}

STATUS = {
    Language.FI: {
        CardStatus.CANCELLED: "Kortti on peruttu.",
        CardStatus.REFUNDED: "Kortti on hyvitetty.",
        CardStatus.SUSPENDED: "Kortin käyttö on keskeytetty.",
    },
    Language.SV: {
        CardStatus.CANCELLED: "Kortet är annullerat.",
        CardStatus.REFUNDED: "Kortet är återbetalt.",
        CardStatus.SUSPENDED: "Kortets användning är avbruten.",
    },
    Language.EN: {
        CardStatus.CANCELLED: "The card has been cancelled.",
        CardStatus.REFUNDED: "The card has been refunded.",
        CardStatus.SUSPENDED: "The card is suspended.",
    },
}

WEEKDAYS = {
    Language.FI: ["maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai", "sunnuntai"],
    Language.SV: ["måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"],
    Language.EN: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}

# "Lost your link?": nobody's language is known there, so the browser's decides, switchable.
LOST_LINK = {
    Language.FI: {
        "title": "Hukkasitko kortin linkin?",
        "intro": "Kirjoita sähköpostiosoite, jonka annoit korttia ostaessasi. Jos osoitteeseen on rekisteröity "
        "kymppikortti, lähetämme kortin linkin siihen.",
        "label": "Sähköposti",
        "submit": "Lähetä linkki",
        "required": "Anna sähköpostiosoite.",
        "invalid": EMAIL_MESSAGE,  # the same words as at the sale
        "no_email": "Etkö antanut sähköpostiosoitetta? Opiston toimisto auttaa:",
        "sent_title": "Tarkista sähköpostisi",
        "sent": "Jos antamaasi osoitteeseen on rekisteröity kortti, sen linkki on lähetetty. "
        "Katso saapuneet viestit (ja roskapostikansio).",
        "no_mail": "Eikö viestiä kuulu? Opiston toimisto auttaa:",
        "again": "Kokeile toista osoitetta",
    },
    Language.SV: {
        "title": "Har du tappat bort kortets länk?",
        "intro": "Skriv den e-postadress du gav när du köpte kortet. Om ett tiokort är registrerat på adressen "
        "skickar vi kortets länk dit.",
        "label": "E-post",
        "submit": "Skicka länken",
        "required": "Ange en e-postadress.",
        "invalid": "Kontrollera e-postadressen, till exempel namn@exempel.fi.",
        "no_email": "Gav du ingen e-postadress? Institutets kansli hjälper:",
        "sent_title": "Kontrollera din e-post",
        "sent": "Om ett kort är registrerat på adressen du gav har dess länk skickats. "
        "Titta i inkorgen (och skräpposten).",
        "no_mail": "Kommer det inget meddelande? Institutets kansli hjälper:",
        "again": "Försök med en annan adress",
    },
    Language.EN: {
        "title": "Lost your card's link?",
        "intro": "Type the email address you gave when you bought the card. If a ten-visit card is registered "
        "to it, we send the card's link there.",
        "label": "Email",
        "submit": "Send the link",
        "required": "Enter an email address.",
        "invalid": "Check the email address, for example name@example.org.",
        "no_email": "Gave no email address? The office can help:",
        "sent_title": "Check your email",
        "sent": "If a card is registered to the address you gave, its link has been sent. "
        "Look in your inbox (and the spam folder).",
        "no_mail": "No message? The office can help:",
        "again": "Try another address",
    },
}

# Each language named in itself, for the switcher.
LANGUAGE_NAMES = {Language.FI: "Suomeksi", Language.SV: "På svenska", Language.EN: "In English"}
