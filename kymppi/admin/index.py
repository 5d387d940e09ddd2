from flask import render_template

from kymppi.admin import bp
from kymppi.domain import catalog_queries

# (list page, its name, count key, page for a new row, its link text)
SECTIONS = (
    ("admin.terms", "Lukukaudet", "terms", "admin.new_term", "Uusi lukukausi"),
    ("admin.card_types", "Korttityypit", "card_types", "admin.new_card_type", "Uusi korttityyppi"),
    ("admin.categories", "Kurssikategoriat", "categories", "admin.categories", "Uusi kategoria"),
    ("admin.courses", "Kurssit", "courses", "admin.new_course", "Uusi kurssi"),
    ("admin.staff", "Henkilökunta", "staff", "admin.new_staff", "Uusi käyttäjä"),
)


@bp.get("/")
def index():
    return render_template("admin/index.html", sections=SECTIONS, counts=catalog_queries.counts())
