"""URL and form pieces for row ids, bounded to what the database can hold (see `orm.MAX_ID`)."""

from flask import Flask
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from werkzeug.routing import IntegerConverter
from wtforms import HiddenField, IntegerField
from wtforms.validators import InputRequired, NumberRange, Optional

from kymppi.orm import MAX_ID


class IdConverter(IntegerConverter):
    """`<id:name>` in a route: 1 … MAX_ID, anything else is a plain 404."""

    def __init__(self, map, *args, **kwargs):
        super().__init__(map, min=1, max=MAX_ID)


def id_field(label: str | LazyString = "", *, required: bool = False) -> IntegerField:
    """A hidden id in a form; out of range reads as "no such row" rather than a database error."""
    presence = InputRequired() if required else Optional()
    return IntegerField(
        label, widget=HiddenField.widget, validators=[presence, NumberRange(1, MAX_ID, _l("Tuntematon tunniste."))]
    )


def init_app(app: Flask) -> None:
    app.url_map.converters["id"] = IdConverter
