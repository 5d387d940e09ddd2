"""Flask extensions, created once here and bound to an app in the factory."""

from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect

from kymppi.orm import Base

db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = LoginManager()
csrf = CSRFProtect()
# The request's language comes from kymppi.i18n; Flask-WTF takes WTForms' own
# field messages in that language from it.
babel = Babel()
# Limits are only declared on the routes that need them (login); no global default.
limiter = Limiter(key_func=get_remote_address)
