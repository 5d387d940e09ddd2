"""Every text meant for people is marked for translation, and both catalogs translate all of it.

The Finnish texts are the msgids (docs/translating.md). A text left unmarked
would show in Finnish on a Swedish or English page; an untranslated or fuzzy
entry would do the same, or worse, show a guess.
"""

import ast
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from jinja2 import nodes

from kymppi.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
CATALOGS = {language: ROOT / f"kymppi/translations/{language}/LC_MESSAGES/messages.po" for language in ("sv", "en")}
GETTEXT = {"_", "_l", "N_", "gettext", "lazy_gettext", "ngettext", "lazy_ngettext", "pgettext", "lazy_pgettext"}
GETTEXT |= {"npgettext"}

# Words that read the same in every language: names of the product, brands and formats.
UNTRANSLATED = {
    "Kymppi",
    "OK",
    "ePassi",
    "Smartum",
    "Edenred",
    "CSV",
    "XLSX",
    "PDF",
    "QR",
    "suomi",
    "svenska",
    "English",
}
# Attributes a person reads or hears.
READ_ATTRIBUTES = {"alt", "title", "aria-label", "aria-roledescription", "placeholder"}
PLACEHOLDER = "\x00"


@pytest.fixture(scope="module")
def template():
    """Every marked text of the app, extracted as a fresh .pot would be."""
    pot = ROOT / "test-artifacts" / "messages.pot"
    pot.parent.mkdir(exist_ok=True)
    subprocess.run([str(ROOT / "scripts/translations"), "extract", str(pot)], check=True, cwd=ROOT)
    with pot.open("rb") as f:
        return read_po(f)


def _catalog(language: str):
    with CATALOGS[language].open("rb") as f:
        return read_po(f, locale=language)


def _key(message) -> tuple:
    return (message.context, message.id if isinstance(message.id, str) else message.id[0])


def _translated(message) -> bool:
    strings = message.string if isinstance(message.string, tuple) else (message.string,)
    return all(strings)


def test_the_languages_are_finnish_swedish_and_english():
    assert LANGUAGES == ["fi", "sv", "en"]


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_the_catalog_holds_every_marked_text_translated_and_nothing_fuzzy(template, language):
    catalog = _catalog(language)
    wanted = {_key(m) for m in template if m.id}
    held = {_key(m): m for m in catalog if m.id}
    assert sorted(wanted - held.keys(), key=str) == [], "run `make translations` and translate the new texts"
    assert sorted(held.keys() - wanted, key=str) == [], "texts no longer in the app: run `make translations`"
    assert [m.id for m in held.values() if not _translated(m)] == [], "untranslated"
    assert [m.id for m in held.values() if m.fuzzy] == [], "fuzzy: check the guess and remove the flag"


@pytest.mark.parametrize("language", sorted(CATALOGS))
def test_translations_keep_the_placeholders_of_their_finnish_text(language):
    problems = [(message.id, [str(e) for e in errors]) for message, errors in _catalog(language).check()]
    assert problems == []


class _TextFinder(HTMLParser):
    """Collects the text and read attributes of a template's own markup, expressions already blanked out."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in {"script", "style"}:
            self._skip += 1
        is_button = tag == "input" and dict(attrs).get("type") in {"submit", "button", "reset"}
        for name, value in attrs:
            if value and (name in READ_ATTRIBUTES or (is_button and name == "value")):
                self._check(value)

    def handle_endtag(self, tag):
        if tag in {"script", "style"}:
            self._skip = max(0, self._skip - 1)

    def handle_data(self, data):
        if not self._skip:
            self._check(data)

    def _check(self, text: str):
        words = [w for w in re.findall(r"[^\W\d_]+", text.replace(PLACEHOLDER, " ")) if w not in UNTRANSLATED]
        if words:
            self.found.append(" ".join(text.replace(PLACEHOLDER, "…").split()))


def _unmarked_in_template(app, path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    tree = app.jinja_env.parse(source)
    # Text outside tags, with a placeholder wherever an expression or a marked text goes.
    pieces = []
    for node in tree.find_all((nodes.TemplateData, nodes.Output)):
        if isinstance(node, nodes.Output):
            pieces.extend(n.data if isinstance(n, nodes.TemplateData) else PLACEHOLDER for n in node.nodes)
    finder = _TextFinder()
    finder.feed("".join(pieces))
    finder.close()
    literals = [
        const.value
        for const in tree.find_all(nodes.Const)
        if isinstance(const.value, str) and _reads_as_finnish(const.value) and not _inside_gettext(tree, const)
    ]
    return finder.found + literals


FINNISH_LETTERS = re.compile(r"[äöåÄÖÅ]")


def _reads_as_finnish(text: str) -> bool:
    return bool(FINNISH_LETTERS.search(text)) or bool(re.fullmatch(r"[A-ZÄÖ][a-zäö]+( [a-zäö]+)+[.!?]?", text))


def _inside_gettext(tree, const) -> bool:
    for call in tree.find_all(nodes.Call):
        if (
            isinstance(call.node, nodes.Name)
            and call.node.name in GETTEXT
            and const in list(call.find_all(nodes.Const))
        ):
            return True
    return False


TEMPLATES = sorted((ROOT / "templates").rglob("*.html"))


@pytest.mark.parametrize("path", TEMPLATES, ids=[str(p.relative_to(ROOT / "templates")) for p in TEMPLATES])
def test_every_template_text_is_marked_for_translation(app, path):
    assert _unmarked_in_template(app, path) == []


def test_the_template_check_finds_unmarked_text_and_passes_marked_text(app, tmp_path):
    unmarked = tmp_path / "unmarked.html"
    unmarked.write_text(
        '<p>Kortti myyty</p><a href="{{ url }}" title="Avaa kortti">{{ n }}</a>'
        '<input type="submit" value="Tallenna">{% set label = "Etsi ostaja" %}'
    )
    assert _unmarked_in_template(app, unmarked) == ["Kortti myyty", "Avaa kortti", "Tallenna", "Etsi ostaja"]
    marked = tmp_path / "marked.html"
    marked.write_text(
        '<p>{{ _("Kortti myyty") }}</p><a href="{{ url }}" title="{{ _("Avaa kortti") }}">{{ n }}</a>'
        "<p>{% trans n=3 %}{{ n }} käyntiä{% endtrans %}</p><script>let a = 'x';</script><p>Kymppi – PDF</p>"
    )
    assert _unmarked_in_template(app, marked) == []


# Strings that read as Finnish but are not for translation, each with the reason.
NOT_FOR_PEOPLE: dict[str, str] = {
    "kymppi/demo.py": "the demo's own data: names of people, courses and card types",
    "kymppi/cli.py": "the command line speaks to the operator, whose console is not localised",
    "kymppi/api/openapi.py": "the API's description, for the developers of scripts, in English",
}
# Words that are read, not written: the registration system's Finnish CSV headers and values.
FORMAT_WORDS = {"kymppi/domain/course_csv.py": {"viikonpäivä", "päättyy", "enimmäismäärä", "kyllä", "ä", "ö"}}
LOGGING = {"debug", "info", "warning", "error", "exception", "critical"}

SOURCES = sorted(p for p in (ROOT / "kymppi").rglob("*.py") if "migrations" not in p.parts)


def _unmarked_in_python(path: Path) -> list[str]:
    """The string constants of `path` that read as Finnish yet reach people unmarked.

    Left out: marked texts, docstrings, and a developer's or operator's texts
    (log lines and raised errors).
    """
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exempt: set[int] = set()
    for node in ast.walk(tree):
        called = isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", None))
        if called in GETTEXT | LOGGING or isinstance(node, ast.Raise):
            exempt.update(id(inner) for inner in ast.walk(node))
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                exempt.add(id(first.value))
    return [
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and id(node) not in exempt
        and _reads_as_finnish(node.value)
    ]


@pytest.mark.parametrize("path", SOURCES, ids=[str(p.relative_to(ROOT)) for p in SOURCES])
def test_every_python_text_for_people_is_marked_for_translation(path):
    name = str(path.relative_to(ROOT))
    if name in NOT_FOR_PEOPLE:
        return
    assert [text for text in _unmarked_in_python(path) if text not in FORMAT_WORDS.get(name, ())] == []


def test_the_python_check_finds_unmarked_text_and_passes_marked_and_developer_text(tmp_path):
    source = tmp_path / "views.py"
    source.write_text(
        '''"""Kortin näkymät."""
from flask_babel import gettext as _
log.info("Kortti myyty")
flash(_("Kortti myyty"))
flash("Ostaja tallennettu.")
LABEL = "Kortin numero"
raise ValueError("Väärä tila")
'''
    )
    assert sorted(_unmarked_in_python(source)) == ["Kortin numero", "Ostaja tallennettu."]
