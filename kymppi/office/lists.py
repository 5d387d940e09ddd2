from flask import render_template

from kymppi.office import bp


@bp.get("/cards")
def cards():
    return render_template("placeholder.html", title="Kortit", text="Korttilista tulee tähän.")
