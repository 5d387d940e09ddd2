"""Where one page's or one check-in's time goes: pyinstrument over repeated requests on a generated dataset.

    .venv/bin/python -m bench.profile sqlite:///test-artifacts/bench/full.sqlite3 /office/cards?q=Virtanen
    .venv/bin/python -m bench.profile URL checkin [--repeat 200] [--html profile.html] [--sql]

pyinstrument is the `bench` extra: `.venv/bin/pip install -e '.[test,bench]'`.

A path is asked for by the office user (logged in through the form, as in
`bench.pages`); `checkin` posts check-ins of distinct cards valid today with
an instructor's bearer token, as `bench.history` does. The profile is of the
timed requests only, after a warm-up, and is printed as pyinstrument's call
tree (or written as HTML). `--sql` also prints each statement of the last
request, which is what to read first when the tree says "the database".
"""

import argparse
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pyinstrument import Profiler
from sqlalchemy import event

from bench.checkin_load import courses_taking_cards, scans_for
from bench.common import bench_app, log_in
from bench.dataset import INSTRUCTOR_EMAIL, OFFICE_EMAIL, PASSWORD
from bench.pages import WARM_UP
from kymppi.config import database_url
from kymppi.domain.staff import create_api_token, user_by_email
from kymppi.extensions import db


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("url")
    parser.add_argument("target", help="a path the office user opens, or `checkin`")
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--html", type=Path, help="write pyinstrument's HTML report here")
    parser.add_argument("--sql", action="store_true", help="print the last request's statements")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as instance:
        app = bench_app(database_url(arguments.url), Path(instance))
        request = _request(app, arguments.target, arguments.repeat + WARM_UP)
        for _ in range(WARM_UP):
            request()
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(arguments.repeat - 1):
                request()
        with app.app_context():
            engine = db.engine
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda *args: statements.append(args[2]))
        with profiler:
            request()
    if arguments.html:
        arguments.html.write_text(profiler.output_html(), encoding="utf-8")
    else:
        print(profiler.output_text(unicode=True, show_all=False))
    if arguments.sql:
        for number, statement in enumerate(statements, 1):
            print(f"-- {number}\n{statement}")


def _request(app, target: str, count: int) -> Callable[[], Any]:
    client = app.test_client()
    if target != "checkin":
        log_in(client, OFFICE_EMAIL, PASSWORD)
        return lambda: _ok(client.get(target), 200)
    with app.app_context():
        token = create_api_token(user_by_email(INSTRUCTOR_EMAIL))
        scans = iter(scans_for("http://127.0.0.1", courses_taking_cards(1)[0], count))
    headers = {"Authorization": f"Bearer {token}"}
    return lambda: _ok(client.post("/api/v1/checkins", json=next(scans), headers=headers), 201)


def _ok(response, status: int) -> None:
    response.get_data()
    assert response.status_code == status, f"{response.status_code}: {response.get_data(as_text=True)[:200]}"


if __name__ == "__main__":
    main()
