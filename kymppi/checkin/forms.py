from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length, Optional


class ScanForm(FlaskForm):
    """The scan screen's one field: a barcode scanner types the card URL and Enter into it,
    a person types the card number; without JavaScript the form itself does the check-in."""

    code = StringField(
        _l("Kortin numero tai QR-koodi"),
        validators=[
            DataRequired(_l("Lue kortin QR-koodi tai kirjoita kortin numero.")),
            Length(max=500, message=_l("Enintään 500 merkkiä: tämä ei ole kortin koodi.")),
        ],
    )


class UndoForm(FlaskForm):
    reason = StringField(_l("Syy"), validators=[Optional(), Length(max=500, message=_l("Enintään 500 merkkiä."))])
