"""Course import from a CSV file: upload, a preview that saves nothing, then confirm.

The preview's file travels to the confirm request in a hidden field of the
confirm form, as the decoded text compressed with zlib and base64-encoded:

* not in the session, because Flask's session is a signed cookie of about
  4 KB, far too small for a course list;
* not as a second upload, which is clumsy and lets a different file slip in;
* not as a temporary file on the server, which needs cleaning up and a disk
  shared by every worker.

The field is CSRF-protected like every form, and the confirm parses and
checks the text again (`apply_import`), so a tampered field can do no more
than an upload could. Compression keeps a 1 MB file well under Werkzeug's
limit for one form field (MAX_FORM_MEMORY_SIZE, 500 kB); base64 carries
every character exactly, where an HTML attribute would normalise line ends.
"""

import base64
import binascii
import zlib

from flask import current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_login import current_user
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import DataRequired

from kymppi.admin import bp
from kymppi.domain import course_csv, course_import
from kymppi.domain.errors import InvalidInput
from kymppi.forms import attach_error

MAX_UPLOAD_BYTES = 1_000_000
# A decoded Windows-1252 file grows at most threefold as UTF-8.
_MAX_TEXT_BYTES = 3 * MAX_UPLOAD_BYTES
TOO_LARGE = _l("Tiedosto on liian suuri: enintään 1 Mt.")
BROKEN_PREVIEW = _l("Esikatselun tiedot puuttuivat tai olivat vioittuneet. Lataa tiedosto uudelleen.")


class UploadForm(FlaskForm):
    file = FileField(
        _l("CSV-tiedosto"),
        validators=[FileRequired(_l("Valitse tiedosto."))],
        render_kw={"accept": ".csv,text/csv,text/plain"},
        description=_l(
            "Puolipiste- tai pilkkuerotteinen, UTF-8 tai Windows-1252. Mitään ei tallenneta ennen vahvistusta."
        ),
    )


class ConfirmForm(FlaskForm):
    payload = HiddenField(validators=[DataRequired(BROKEN_PREVIEW)])


@bp.route("/courses/import", methods=["GET", "POST"])
def import_courses():
    form = UploadForm()
    if form.validate_on_submit():
        try:
            text = _read(form.file.data)
            preview = course_import.preview_import(text)
            payload = _pack(text)
        except InvalidInput as error:
            attach_error(form, error)
        else:
            return _preview_page(preview, payload)
    return _upload_page(form)


@bp.post("/courses/import/confirm")
def confirm_import():
    form = ConfirmForm()
    text = _unpack(form.payload.data) if form.validate_on_submit() else None
    if text is None:
        return _upload_page(UploadForm(formdata=None), BROKEN_PREVIEW)
    try:
        preview = course_import.apply_import(text, by=current_user)
    except InvalidInput as error:
        return _upload_page(UploadForm(formdata=None), error.message)
    if not preview.ok:
        return _preview_page(preview, form.payload.data, _("Tiedostossa on nyt virheitä, joten mitään ei tallennettu."))
    counts = {action.value: preview.count(action) for action in course_import.RowAction}
    message = _("Kurssit tallennettu: %(new)s uutta, %(update)s päivitetty, %(unchanged)s ennallaan.", **counts)
    if preview.warning_rows:
        warnings = ngettext(
            "Varoituksia oli %(num)s rivillä; ne näkyivät esikatselussa.",
            "Varoituksia oli %(num)s rivillä; ne näkyivät esikatselussa.",
            preview.warning_rows,
        )
        message = f"{message} {warnings}"
    flash(message, "success")
    return redirect(url_for("admin.courses"))


def _read(storage) -> str:
    """At most the limit is read: app-wide MAX_CONTENT_LENGTH is not this page's to set."""
    data = storage.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise InvalidInput("file", TOO_LARGE)
    return course_csv.decode_csv(data)


def _pack(text: str) -> str:
    payload = base64.urlsafe_b64encode(zlib.compress(text.encode(), 9)).decode("ascii")
    limit = current_app.config.get("MAX_FORM_MEMORY_SIZE")
    if limit and len(payload) > limit:
        raise InvalidInput("file", TOO_LARGE)
    return payload


def _unpack(payload: str | None) -> str | None:
    """The text back, or None for anything that isn't a payload this page made."""
    try:
        inflater = zlib.decompressobj()
        data = inflater.decompress(base64.urlsafe_b64decode((payload or "").encode("ascii")), _MAX_TEXT_BYTES)
        if inflater.unconsumed_tail or not inflater.eof:
            return None
        return data.decode()
    except (binascii.Error, zlib.error, UnicodeError, ValueError):
        return None


def _upload_page(form: UploadForm, error=None):
    if error:
        form.form_errors.append(error)
    page = render_template(
        "admin/import_upload.html",
        form=form,
        columns=_COLUMN_HELP,
        headers=course_csv.COLUMNS,
        required=_REQUIRED,
    )
    return page, 422 if form.errors else 200


def _preview_page(preview: course_import.Preview, payload: str, error=None):
    form = ConfirmForm(formdata=None, payload=payload)
    page = render_template(
        "admin/import_preview.html",
        preview=preview,
        form=form,
        error=error,
        actions=_ACTION_LABELS,
        listed=_LISTED_MESSAGES,
        keys=list(course_csv.COLUMNS),
    )
    return page, 200 if preview.ok else 422


_ACTION_LABELS = {
    course_import.RowAction.NEW: _l("uusi kurssi"),
    course_import.RowAction.UPDATE: _l("päivitetään"),
    course_import.RowAction.UNCHANGED: _l("ei muutoksia"),
}
# Above the table; a file of thousands of broken rows lists the rest in the table only.
_LISTED_MESSAGES = 50
_REQUIRED = set(course_csv.REQUIRED)
_COLUMN_HELP = {
    "code": _l("kurssin koodi; tuonti päivittää saman koodin kurssin"),
    "name": _l("kurssin nimi"),
    "category": _l("kategorian tunnus, esim. liikunta; uusi tunnus luo kategorian"),
    "term": _l("lukukauden nimi täsmälleen kuten ylläpidossa, esim. Syksy 2026"),
    "weekday": _l("ma, ti, ke, to, pe, la, su tai koko nimi"),
    "starts_at": _l("alkamisaika TT:MM"),
    "ends_at": _l("päättymisaika TT:MM"),
    "place": _l("paikka"),
    "accepts_cards": _l("kyllä tai ei: käykö kymppikortti"),
    "card_cap": _l("korttilaisia enintään kerralla; tyhjä = ei rajaa"),
    "instructors": _l(
        "opettajien sähköpostit pilkulla tai välilyönnillä erotettuina; "
        "tuntematon osoite on varoitus, ja kurssi tuodaan ilman häntä"
    ),
}
