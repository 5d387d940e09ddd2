"""The list of scans the door refused, where the office finds the offline conflicts to settle."""

from flask import render_template, request

from kymppi.domain.listings import read_listing
from kymppi.domain.refusals import REFUSAL_SORTS, refused_scan_list
from kymppi.office import bp
from kymppi.office.refusal_forms import RefusalFilterForm


@bp.get("/refused-scans")
def refused_scans():
    form = RefusalFilterForm(request.args)
    listing = read_listing(request.args, REFUSAL_SORTS, default="time")
    return render_template(
        "office/refused_scans.html",
        form=form,
        listing=listing,
        page=refused_scan_list(form.filters(), listing),
        args=form.params() | listing.params,
    )
