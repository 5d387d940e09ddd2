"""What the door says: every outcome has its words in every language, and the tablet's script
knows the same outcomes as the server, so a new outcome can't reach a tablet unexplained."""

import re
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from flask_babel import force_locale

from kymppi import answers
from kymppi.checkin.script_texts import scan_script_texts
from kymppi.domain import codes
from kymppi.domain.outcomes import CheckInOutcome, CheckInResult, UndoOutcome
from kymppi.models import CardStatus, Language

STATIC = Path(__file__).resolve().parent.parent / "static" / "checkin"


def _js_strings(file: str, constant: str) -> set[str]:
    """The quoted strings of a JavaScript constant's literal, e.g. `new Set([...])` or `{ a: "b" }`."""
    source = (STATIC / file).read_text()
    literal = re.search(rf"const {constant} = (.*?);\n", source, re.DOTALL)
    assert literal, f"{constant} not found in {file}"
    return set(re.findall(r'"([a-z_]+)"', literal.group(1)))


@pytest.mark.parametrize("language", list(Language))
def test_every_outcome_has_a_headline_and_a_message(app, language):
    details = {
        "visits_left": 7,
        "valid_from": date(2026, 8, 24),
        "valid_until": date(2026, 12, 13),
        "checked_in_at": datetime(2026, 11, 23, 16, 2, tzinfo=UTC),
    }
    with force_locale(language.value):
        for outcome in CheckInOutcome:
            text = answers.message(CheckInResult(outcome, **details))
            assert text and "{" not in text and "%(" not in text, (outcome, language)
            assert answers.headline(outcome)
        for outcome in UndoOutcome:
            assert answers.undo_message(outcome)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (Language.FI, "Leimattu jo tänään klo 18:02. Käyntiä ei vähennetty uudelleen."),
        (Language.SV, "Redan registrerad i dag kl. 18:02. Inget nytt besök drogs av."),
        (Language.EN, "Already checked in today at 18:02. No second visit was taken."),
    ],
)
def test_times_are_helsinki_times(app, language, expected):
    earlier = CheckInResult(CheckInOutcome.ALREADY_CHECKED_IN, checked_in_at=datetime(2026, 11, 23, 16, 2, tzinfo=UTC))
    with force_locale(language.value):
        assert answers.message(earlier) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [(Language.FI, "Kortti vanheni 13.12.2026."), (Language.EN, "The card expired on 13 Dec 2026.")],
)
def test_dates_are_written_as_the_reader_expects(app, language, expected):
    with force_locale(language.value):
        assert answers.message(CheckInResult(CheckInOutcome.EXPIRED, valid_until=date(2026, 12, 13))) == expected


def test_the_tablet_knows_every_outcome_the_server_gives():
    assert _js_strings("page.js", "SCAN_STATUSES") == {outcome.value for outcome in CheckInOutcome}


def test_the_tablet_refuses_the_same_card_statuses_as_the_server():
    refused = _js_strings("offline.js", "REFUSED_STATUSES")
    assert refused == {status.value for status in CardStatus} - {CardStatus.ACTIVE.value}
    assert refused <= {outcome.value for outcome in CheckInOutcome}


def test_the_tablet_reads_card_codes_as_the_server_does():
    source = (STATIC / "offline.js").read_text()
    number = re.search(r"const NUMBER = /\^\[(\w+)\]\{(\d+)\}\$/;", source)
    secret = re.search(r"const SECRET = /(.+)/;", source)
    assert (number.group(1), int(number.group(2))) == (codes.NUMBER_ALPHABET, codes.NUMBER_LENGTH)
    assert secret.group(1) == codes._SECRET_RE.pattern
    assert '"/k/"' in source and codes.QR_PATH_PREFIX == "/k/"


def test_offline_texts_carry_every_message_for_the_tablet(app):
    for language in Language:
        with force_locale(language.value):
            texts = answers.offline_texts()
        assert set(texts["messages"]) == {outcome.value for outcome in CheckInOutcome}
        assert set(texts["headlines"]) == {tone.value for tone in answers.Tone}
        assert texts["tones"] == {outcome.value: answers.tone(outcome).value for outcome in CheckInOutcome}
        assert all(texts[key] for key in ("headline", "saved", "unlisted", "not_judged"))


def _script_keys(name: str) -> set[str]:
    """The texts the tablet's scripts read from `name.key`, in every file of the check-in script."""
    return {key for file in STATIC.glob("*.js") for key in re.findall(rf"\b{name}\??\.(\w+)", file.read_text())}


def test_the_tablet_script_finds_every_text_it_shows(app):
    with force_locale("en"):
        page_texts, roster_texts = scan_script_texts(), answers.offline_texts()
    assert _script_keys("texts") == set(page_texts)  # every text is shown, none is missing
    assert _script_keys("said") <= set(roster_texts)
    counted = {key: forms for key, forms in page_texts.items() if isinstance(forms, dict)}
    assert counted and all(set(forms) == {"one", "other"} for forms in counted.values())


def test_the_tablet_script_holds_no_finnish_of_its_own():
    """Its words come from the page, in the page's language; only comments are the script's own."""
    for file in STATIC.glob("*.js"):
        code = re.sub(r"//.*", "", file.read_text())
        assert not re.search(r"[äöåÄÖÅ]", code), file.name


@pytest.mark.parametrize(
    ("language", "one", "seven"),
    [
        (Language.FI, "1 käynti jäljellä.", "7 käyntiä jäljellä."),
        (Language.SV, "1 besök kvar.", "7 besök kvar."),
        (Language.EN, "1 visit left.", "7 visits left."),
    ],
)
def test_visits_left_are_counted_in_the_singular_and_the_plural(app, language, one, seven):
    with force_locale(language.value):
        said = [answers.message(CheckInResult(CheckInOutcome.OK, visits_left=n)) for n in (1, 7)]
        offline = answers.offline_texts()
    assert said == [one, seven]
    assert (offline["ok_one"], offline["messages"]["ok"]) == (
        one.replace("1", "{visits_left}"),
        seven.replace("7", "{visits_left}"),
    )


def test_the_tablets_texts_keep_their_blanks_in_every_language(app):
    for language in (Language.SV, Language.EN):
        with force_locale(language.value):
            texts = answers.offline_texts()
            page_texts = scan_script_texts()
        assert "{time}" in texts["messages"]["already_checked_in"]
        assert "{valid_until}" in texts["messages"]["expired"] and "{valid_from}" in texts["messages"]["not_yet_valid"]
        assert all("{count}" in form for form in page_texts["queue_others"].values())
        assert "{error}" in page_texts["camera_failed"] and "{holder}" in page_texts["undo_visit"]
