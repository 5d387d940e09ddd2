"""The feedback survey's words in Finnish, Swedish and English: one table per language.

All of the survey's strings are here, so issue 7's move to gettext has one
module to take them from; a sentence missing in one language is a KeyError
in the tests, not a blank on a phone.
"""

from kymppi.models import BuyAgain, Language

TEXTS = {
    Language.FI: {
        "title": "Palautekysely: kymppikortti",
        "intro": "Kiitos, että kokeilit kymppikorttia. Vastauksesi auttavat päättämään, jatkuuko kortti ensi "
        "lukuvuonna. Vain arvosana on pakollinen.",
        "period": "Ajalta {start}–{end}",
        "rating": "Kokonaisarvio kymppikortista",
        "rating_hint": "1 = huono, 5 = erinomainen",
        "courses": "Millä kursseilla kävit kortilla?",
        "attended": "kävit",
        "good": "Mikä oli hyvää?",
        "improve": "Mitä pitäisi parantaa?",
        "buy_again": "Ostaisitko kortin uudelleen?",
        "comment": "Vapaa kommentti",
        "submit": "Lähetä vastaus",
        "save_changes": "Tallenna muutokset",
        "saved": "Kiitos vastauksestasi! Voit muuttaa sitä tällä samalla linkillä, kunnes kysely suljetaan.",
        "answered": "Olet jo vastannut. Voit muuttaa vastaustasi, kunnes kysely suljetaan.",
        "closed": "Kysely on suljettu, eikä vastauksia voi enää muuttaa. Kiitos!",
        "closed_unanswered": "Kysely on suljettu. Kiitos mielenkiinnostasi!",
        "errors": "Tarkista vastaus",
        "rating_required": "Valitse arvosana 1–5.",
        "invalid_choice": "Valitse jokin annetuista vaihtoehdoista.",
        "too_long": "Enintään {limit} merkkiä (nyt {length}).",
        "control_characters": "Poista tekstistä erikoismerkit.",
        "no_courses": "Kurssilistaa ei ole.",
        "skip_link": "Siirry sisältöön",
        "language": "Kieli",
    },
    Language.SV: {
        "title": "Enkät: tiokortet",
        "intro": "Tack för att du provade tiokortet. Dina svar hjälper oss att avgöra om kortet fortsätter nästa "
        "läsår. Endast betyget är obligatoriskt.",
        "period": "För tiden {start}–{end}",
        "rating": "Helhetsbetyg för tiokortet",
        "rating_hint": "1 = dåligt, 5 = utmärkt",
        "courses": "Vilka kurser gick du på med kortet?",
        "attended": "du deltog",
        "good": "Vad var bra?",
        "improve": "Vad borde förbättras?",
        "buy_again": "Skulle du köpa kortet igen?",
        "comment": "Fri kommentar",
        "submit": "Skicka svaret",
        "save_changes": "Spara ändringarna",
        "saved": "Tack för ditt svar! Du kan ändra det med samma länk tills enkäten stängs.",
        "answered": "Du har redan svarat. Du kan ändra ditt svar tills enkäten stängs.",
        "closed": "Enkäten är stängd och svaren kan inte längre ändras. Tack!",
        "closed_unanswered": "Enkäten är stängd. Tack för ditt intresse!",
        "errors": "Kontrollera svaret",
        "rating_required": "Välj ett betyg 1–5.",
        "invalid_choice": "Välj ett av alternativen.",
        "too_long": "Högst {limit} tecken (nu {length}).",
        "control_characters": "Ta bort specialtecknen ur texten.",
        "no_courses": "Ingen kurslista.",
        "skip_link": "Till innehållet",
        "language": "Språk",
    },
    Language.EN: {
        "title": "Feedback survey: the ten-visit card",
        "intro": "Thank you for trying the ten-visit card. Your answers help us decide whether the card continues "
        "next academic year. Only the rating is required.",
        "period": "For {start}–{end}",
        "rating": "Overall rating of the ten-visit card",
        "rating_hint": "1 = poor, 5 = excellent",
        "courses": "Which courses did you attend with the card?",
        "attended": "you attended",
        "good": "What was good?",
        "improve": "What should be improved?",
        "buy_again": "Would you buy the card again?",
        "comment": "Any other comments",
        "submit": "Send the answer",
        "save_changes": "Save the changes",
        "saved": "Thank you for your answer! You can change it with this same link until the survey closes.",
        "answered": "You have already answered. You can change your answer until the survey closes.",
        "closed": "The survey has closed and answers can no longer be changed. Thank you!",
        "closed_unanswered": "The survey has closed. Thank you for your interest!",
        "errors": "Please check your answer",
        "rating_required": "Choose a rating from 1 to 5.",
        "invalid_choice": "Choose one of the options.",
        "too_long": "At most {limit} characters (now {length}).",
        "control_characters": "Remove the special characters from the text.",
        "no_courses": "No course list.",
        "skip_link": "Skip to content",
        "language": "Language",
    },
}

BUY_AGAIN = {
    Language.FI: {BuyAgain.YES: "Kyllä", BuyAgain.MAYBE: "Ehkä", BuyAgain.NO: "En"},
    Language.SV: {BuyAgain.YES: "Ja", BuyAgain.MAYBE: "Kanske", BuyAgain.NO: "Nej"},
    Language.EN: {BuyAgain.YES: "Yes", BuyAgain.MAYBE: "Maybe", BuyAgain.NO: "No"},
}
