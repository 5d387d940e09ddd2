"""Which language a request speaks: Finnish by default, Swedish and English complete.

The source texts are Finnish (the msgids), so Finnish needs no catalog; Swedish
and English live in kymppi/translations/<language>/LC_MESSAGES/messages.po.

Who decides, first match wins:

1. a page that knows its reader says so with `speak()` (the buyer's card and
   survey speak the buyer's saved language);
2. a logged-in staff member's own choice (their profile);
3. `?lang=` on the address, for a language switch on a page nobody is logged in to;
4. the browser's Accept-Language, for a first visit; Finnish if it names none.
"""

from flask import g, has_request_context, request
from flask_babel import get_locale, refresh
from flask_login import current_user

from kymppi.models import Language

LANGUAGES = [language.value for language in Language]

# Each language by its own name, for every language switch: a reader looks for
# their own language's name, whatever the page speaks now.
LANGUAGE_NAMES = {Language.FI: "suomi", Language.SV: "svenska", Language.EN: "English"}


def N_(text: str) -> str:
    """Mark a text for the catalogs that must stay a plain `str` where it is defined: a constant
    callers look for in a page or compare with; `_l(text)` translates it where it is used."""
    return text


def select_locale() -> str | None:
    chosen = g.get("language")
    if chosen:
        return chosen
    if not has_request_context():
        return None  # a command's mail: the caller says the language with force_locale
    if current_user.is_authenticated:
        return current_user.language.value
    asked = request.args.get("lang")
    if asked in LANGUAGES:
        return asked
    return request.accept_languages.best_match(LANGUAGES, default=Language.FI.value)


def speak(language: Language) -> None:
    """Answer the rest of this request in `language`, whoever else asks."""
    g.language = language.value
    refresh()


def current_language() -> Language:
    """The language being written now: the request's, a `force_locale` block's, or Finnish."""
    locale = get_locale()
    return Language(locale.language) if locale is not None and locale.language in LANGUAGES else Language.FI
