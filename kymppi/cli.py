"""`kymppi …` (also `flask --app kymppi …`): thin click wrappers around plain functions."""

import os
import sys

import click
from flask import Flask, current_app
from flask.cli import FlaskGroup
from flask_migrate import upgrade

from kymppi import create_app
from kymppi.backup import RestoreRefused, backup_database, restore_database
from kymppi.database import warn_if_unsafe_for_workers
from kymppi.demo import DEMO_LOGINS, load_demo
from kymppi.domain.anonymisation import purge_buyers
from kymppi.domain.clock import local_date, utcnow
from kymppi.domain.errors import InvalidInput
from kymppi.domain.organization import opisto
from kymppi.domain.reminders import ReminderKind, send_reminders
from kymppi.domain.staff import create_api_token, create_user, user_by_email
from kymppi.formatting import date_text
from kymppi.mail import SmtpSettings
from kymppi.models import Role


def init_app(app: Flask) -> None:
    commands = (
        init_command,
        demo_command,
        create_user_command,
        create_token_command,
        serve_command,
        backup_command,
        restore_command,
        remind_command,
        purge_command,
    )
    for command in commands:
        app.cli.add_command(command)


@click.command("init")
def init_command() -> None:
    """Apply database migrations (creating the database if needed)."""
    upgrade()
    click.echo(f"Database is up to date; instance folder: {current_app.instance_path}")


@click.command("demo")
def demo_command() -> None:
    """Load demo data into an empty database and print the demo staff logins."""
    if load_demo():
        click.echo("Demo data loaded.")
    else:
        click.echo("The database already has data; demo data not loaded.")
    click.echo("Demo logins (only for the demo data):")
    for email, password, role in DEMO_LOGINS:
        click.echo(f"  {role:<10} {email:<28} {password}")


@click.command("create-user")
@click.argument("email")
@click.option("--role", type=click.Choice([r.value for r in Role]), required=True)
@click.option("--name", default="", help="Display name; defaults to the part of the email before @.")
def create_user_command(email: str, role: str, name: str) -> None:
    """Create a staff account; the password is asked on the terminal or read from stdin."""
    if sys.stdin.isatty():
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    try:
        user = create_user(email, password, role=Role(role), name=name)
    except InvalidInput as error:
        raise click.BadParameter(error.message, param_hint=error.field) from error
    click.echo(f"Created {user.role.value} {user.email}")


@click.command("create-token")
@click.argument("email")
def create_token_command(email: str) -> None:
    """Print a new API bearer token for the user; it is shown only this once."""
    user = user_by_email(email)
    if user is None:
        raise click.BadParameter(f"no user {email}", param_hint="EMAIL")
    click.echo(create_api_token(user))


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True)
@click.option("--workers", default=1, show_default=True, help="Processes; use PostgreSQL for more than one.")
@click.option("--threads", default=4, show_default=True, help="Threads per worker process.")
def serve_command(host: str, port: int, workers: int, threads: int) -> None:
    """Serve the app with gunicorn."""
    warning = warn_if_unsafe_for_workers(current_app.config["SQLALCHEMY_DATABASE_URI"], workers)
    if warning:
        click.secho(f"Warning: {warning}", fg="yellow", err=True)
    click.echo(f"Serving Kymppi on http://{host}:{port}")
    # No access log: request paths carry card secrets (/k/<secret>).
    gunicorn = [sys.executable, "-m", "gunicorn", "--bind", f"{host}:{port}"]
    os.execv(sys.executable, [*gunicorn, "--workers", str(workers), "--threads", str(threads), "kymppi:create_app()"])


@click.command("backup")
@click.argument("path", type=click.Path(dir_okay=False, writable=True))
def backup_command(path: str) -> None:
    """Write a consistent copy of the database to PATH while the app keeps running."""
    backup_database(current_app.config["SQLALCHEMY_DATABASE_URI"], path)
    click.echo(f"Backup written to {path}")


@click.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--force", is_flag=True, help="Replace a database that already holds data.")
def restore_command(path: str, force: bool) -> None:
    """Replace the database with the backup at PATH; stop the server first.

    A database that holds data is only replaced with --force. A backup from an
    older version comes back with its own schema: `kymppi init` migrates it.
    """
    try:
        restore_database(current_app.config["SQLALCHEMY_DATABASE_URI"], path, force=force)
    except RestoreRefused as refusal:
        raise click.ClickException(str(refusal)) from refusal
    click.echo(f"Restored the database from {path}; run `kymppi init` if the backup is from an older version.")


REMINDER_NAMES = {ReminderKind.LOW_VISITS: "Two visits left", ReminderKind.EXPIRY: "Expires within a week"}


@click.command("remind")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), help="Run as of this day (YYYY-MM-DD).")
def remind_command(day) -> None:
    """Email the reminders due today (two visits left, a week to expiry); run it daily.

    Exits 1 if any send failed, so a timer or cron reports it; those are tried again the next run.
    """
    result = send_reminders(
        today=day.date() if day else local_date(utcnow()),
        base_url=current_app.config["BASE_URL"],
        settings=SmtpSettings.from_config(current_app.config),
        organization=opisto(),
    )
    for kind, name in REMINDER_NAMES.items():
        click.echo(f"{name}: {result.sent[kind]} sent, {result.failed[kind]} failed")
    if not result.all_sent:
        sys.exit(1)


@click.command("purge")
@click.option("--dry-run", is_flag=True, help="Only count who would be anonymised; change nothing.")
@click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), help="Run as of this day (YYYY-MM-DD).")
def purge_command(dry_run: bool, day) -> None:
    """Anonymise buyers whose last card expired more than the opisto's set months ago (rule 12); run it daily.

    Prints counts and buyer ids only: the terminal and the timer's log get no names.
    """
    months = opisto().anonymize_after_months
    purge = purge_buyers(today=day.date() if day else local_date(utcnow()), months=months, at=utcnow(), dry_run=dry_run)
    cutoff = date_text(purge.cutoff)
    if dry_run:
        click.echo(f"Dry run: {len(purge.buyer_ids)} buyers would be anonymised (no card valid on or after {cutoff}).")
        if purge.buyer_ids:
            click.echo("Buyer ids: " + ", ".join(str(buyer_id) for buyer_id in purge.buyer_ids))
        return
    click.echo(f"{purge.anonymised} buyers anonymised (no card valid on or after {cutoff}).")


main = FlaskGroup(create_app=create_app, help="Kymppi punch-card system.")
