from flask import render_template

from kymppi.checkin import bp


@bp.get("/")
def index():
    return render_template("placeholder.html", title="Leimaus", text="Päivän kurssit ja QR-koodin luku tulevat tähän.")
