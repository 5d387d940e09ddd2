from flask import render_template

from kymppi.admin import bp


@bp.get("/")
def index():
    return render_template("placeholder.html", title="Ylläpito", text="Ylläpidon sivut tulevat tähän.")
