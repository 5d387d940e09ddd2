from flask import render_template

from kymppi.office import bp


@bp.get("/cards/<number>")
def card(number: str):
    return render_template("placeholder.html", title="Kortti", text=number)
