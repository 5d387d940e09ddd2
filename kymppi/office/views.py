from flask import render_template

from kymppi.office import bp


@bp.get("/")
def index():
    return render_template("placeholder.html", title="Toimisto", text="Korttien myynti ja hallinta tulevat tähän.")
