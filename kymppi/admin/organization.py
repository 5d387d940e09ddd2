"""The opisto's settings: its name, contacts and colour, shown in the header, on cards, in emails and in the
accessibility statement."""

from flask import flash, redirect, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from flask_wtf import FlaskForm
from wtforms import EmailField, StringField, URLField
from wtforms.validators import DataRequired

from kymppi.admin import bp
from kymppi.admin.forms import form_page
from kymppi.domain.clock import utcnow
from kymppi.domain.errors import InvalidInput
from kymppi.domain.organization import OrganizationDetails, opisto, save_settings
from kymppi.forms import attach_error


class OrganizationForm(FlaskForm):
    name = StringField(
        _l("Opiston nimi"),
        validators=[DataRequired(_l("Anna opiston nimi."))],
        description=_l("Näkyy sivujen yläreunassa, korteissa ja sähköposteissa."),
    )
    business_id = StringField(_l("Y-tunnus"))
    address = StringField(_l("Osoite"))
    email = EmailField(_l("Sähköposti"), description=_l("Ostajien ja saavutettavuuspalautteen yhteysosoite."))
    phone = StringField(_l("Puhelin"))
    privacy_notice_url = URLField(_l("Tietosuojaselosteen osoite"))
    accent_colour = StringField(
        _l("Opiston väri"),
        validators=[DataRequired(_l("Anna väri muodossa #rrggbb, esimerkiksi #0b5cad."))],
        description=_l(
            "Yläpalkin ja painikkeiden väri muodossa #rrggbb. Valkoisen tekstin on erotuttava siitä "
            "vähintään kontrastilla 4,5:1, joten liian vaalea väri hylätään."
        ),
    )

    def details(self) -> OrganizationDetails:
        return OrganizationDetails(**{name: self[name].data or "" for name in OrganizationDetails.__annotations__})


@bp.route("/organization", methods=["GET", "POST"])
def organization():
    form = OrganizationForm(obj=opisto())
    if form.validate_on_submit():
        try:
            save_settings(form.details(), by=current_user, at=utcnow())
        except InvalidInput as error:
            attach_error(form, error)
        else:
            flash(_("Opiston tiedot tallennettu."), "success")
            return redirect(url_for("admin.organization"))
    return form_page(form, title=_("Opiston tiedot"), cancel=url_for("admin.index"))
