from flask import render_template

from kymppi.office import bp


@bp.get("/buyers")
def buyers():
    return render_template("placeholder.html", title="Ostajat", text="Ostajalista tulee tähän.")
