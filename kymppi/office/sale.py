from flask import render_template

from kymppi.office import bp


@bp.get("/")
def sell():
    return render_template("placeholder.html", title="Myynti", text="Korttien myynti tulee tähän.")
