"""Running the same domain call in many threads at once, each on its own connection."""

import threading
from collections.abc import Callable

from kymppi.extensions import db

THREADS_POOL = {"SQLALCHEMY_ENGINE_OPTIONS": {"pool_size": 60, "max_overflow": 0, "pool_timeout": 60}}


def run_at_once(app, count: int, work: Callable[[int], object]) -> list:
    """Start `count` threads, release them together, return their results in order.

    Each thread has its own app context, hence its own session and connection.
    """
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list[BaseException] = []

    def target(i: int) -> None:
        with app.app_context():
            try:
                barrier.wait(timeout=30)
                results[i] = work(i)
            except BaseException as error:  # reported to the test below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not errors, errors
    return results
