from flask import render_template
from flask_babel import lazy_gettext as _l

from kymppi.admin import bp
from kymppi.domain import catalog_queries

# (list page, its name, count key, page for a new row, its link text)
SECTIONS = (
    ("admin.terms", _l("Lukukaudet"), "terms", "admin.new_term", _l("Uusi lukukausi")),
    ("admin.card_types", _l("Korttityypit"), "card_types", "admin.new_card_type", _l("Uusi korttityyppi")),
    ("admin.categories", _l("Kurssikategoriat"), "categories", "admin.categories", _l("Uusi kategoria")),
    ("admin.courses", _l("Kurssit"), "courses", "admin.new_course", _l("Uusi kurssi")),
    ("admin.staff", _l("Henkilökunta"), "staff", "admin.new_staff", _l("Uusi käyttäjä")),
)


@bp.get("/")
def index():
    return render_template("admin/index.html", sections=SECTIONS, counts=catalog_queries.counts())
