"""A buyer's data for an access request (GDPR art. 15), from the buyer's page: JSON for programs, PDF for people.

The office and admin only, as the whole office blueprint: an instructor may
see a holder's first name at the door, never all that is kept about them.
The files are named by the buyer's id, not their name: a download's name
lingers in a Downloads folder long after the file has been handed over.
"""

import io

from flask import abort, send_file
from flask_login import current_user

from kymppi.documents.subject_access_json import subject_access_json
from kymppi.documents.subject_access_pdf import subject_access_pdf
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.errors import NotFound
from kymppi.domain.organization import opisto
from kymppi.domain.subject_access import export_buyer_data
from kymppi.office import bp

MIMETYPES = {"json": "application/json", "pdf": "application/pdf"}


@bp.get("/buyers/<id:buyer_id>/data.<any(json, pdf):extension>")
def buyer_data_export(buyer_id: int, extension: str):
    now = utcnow()
    try:
        data = export_buyer_data(buyer_id, by=current_user, file_format=extension, at=now)
    except NotFound:
        abort(404)
    if extension == "json":
        content = subject_access_json(data)
    else:
        content = subject_access_pdf(data, opisto(), made_on=local_date(now))
    return send_file(
        io.BytesIO(content),
        mimetype=MIMETYPES[extension],
        as_attachment=True,
        download_name=f"ostaja-{buyer_id}-tiedot.{extension}",
    )
