"""The buyer's card page in the buyer's language: Finnish, Swedish or English.

One table per language, so a missing sentence is a KeyError in the tests, not a
blank on a phone. Dates are written by kymppi.formatting.written_date.
"""

from kymppi.models import CardStatus, Language

TEXTS = {
    Language.FI: {
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

# Each language named in itself, for the switcher.
LANGUAGE_NAMES = {Language.FI: "Suomeksi", Language.SV: "På svenska", Language.EN: "In English"}
