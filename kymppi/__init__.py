"""Kymppi: ten-visit punch cards for a Finnish adult-education centre."""

import os
from pathlib import Path

from kymppi import config, logs
from kymppi.database import configure_engine
from kymppi.extensions import babel, csrf, db, limiter, login_manager, migrate
from kymppi.i18n import select_locale
from kymppi.security import Kymppi

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def create_app(test_config: dict | None = None) -> Kymppi:
    instance_path = os.environ.get("KYMPPI_INSTANCE_PATH", str(config.PROJECT_ROOT / "instance"))
    app = Kymppi(
        __name__,
        instance_path=instance_path,
        template_folder=str(config.PROJECT_ROOT / "templates"),
        static_folder=str(config.PROJECT_ROOT / "static"),
    )
    config.load(app, test_config)
    logs.init_app(app)  # first: its timer must run before any hook that may answer early

    db.init_app(app)
    with app.app_context():
        configure_engine(db.engine)
    migrate.init_app(app, db, directory=str(MIGRATIONS), render_as_batch=True)
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    babel.init_app(app, locale_selector=select_locale)

    from kymppi import auth, cli, errors, health, routing, security, templating
    from kymppi.about import bp as about_bp
    from kymppi.admin import bp as admin_bp
    from kymppi.api import bp as api_bp
    from kymppi.card import bp as card_bp
    from kymppi.checkin import bp as checkin_bp
    from kymppi.office import bp as office_bp
    from kymppi.reports import bp as reports_bp
    from kymppi.survey import bp as survey_bp

    routing.init_app(app)  # before the blueprints: their routes use the id converter
    auth.init_app(app)
    app.register_blueprint(office_bp)
    app.register_blueprint(admin_bp)
    app.register_blueprint(checkin_bp)
    app.register_blueprint(card_bp)
    app.register_blueprint(reports_bp)
    app.register_blueprint(survey_bp)
    app.register_blueprint(api_bp)
    app.register_blueprint(health.bp)
    app.register_blueprint(about_bp)
    errors.init_app(app)
    security.init_app(app)
    templating.init_app(app)
    cli.init_app(app)
    return app
