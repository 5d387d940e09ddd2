from flask import render_template

from kymppi.reports import bp


@bp.get("/")
def index():
    return render_template(
        "placeholder.html", title="Raportit", text="Ostajalista, palautekierros ja tulosraportti tulevat tähän."
    )
