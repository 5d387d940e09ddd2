"""The load generator: runs in its own process, so its work never shares the server's interpreter or GIL.

    .venv/bin/python -m bench.load_client < job.json > figures.json

The job names the server, one method and path, the request bodies (one per
request, or none), the bearer token, the concurrency and both bounds: at most
as many requests as bodies (or `requests`), and no new request after
`seconds`. Each of `concurrency` threads keeps one HTTP/1.1 connection open
and sends its requests one after another, as a tablet at a door would; the
answer is every request's latency and status, and the wall time from the
first request sent to the last answer read.
"""

import http.client
import json
import sys
import threading
import time
from collections import Counter
from typing import Any
from urllib.parse import urlsplit


def run(job: dict[str, Any]) -> dict[str, Any]:
    bodies = job.get("bodies")
    total = len(bodies) if bodies is not None else job["requests"]
    address = urlsplit(job["base_url"])
    headers = {"Authorization": f"Bearer {job['token']}"} if job.get("token") else {}
    if bodies is not None:
        headers["Content-Type"] = "application/json"
    lock = threading.Lock()
    claimed = iter(range(total))
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    deadline = time.monotonic() + job["seconds"]

    def next_index() -> int | None:
        with lock:
            return next(claimed, None) if time.monotonic() < deadline else None

    def worker() -> None:
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        mine: list[tuple[float, int]] = []
        while (index := next_index()) is not None:
            body = json.dumps(bodies[index]) if bodies is not None else None
            start = time.perf_counter()
            connection.request(job["method"], job["path"], body=body, headers=headers)
            response = connection.getresponse()
            response.read()
            mine.append((time.perf_counter() - start, response.status))
        connection.close()
        with lock:
            latencies.extend(seconds for seconds, _ in mine)
            statuses.update(status for _, status in mine)

    threads = [threading.Thread(target=worker) for _ in range(job["concurrency"])]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"latencies": latencies, "statuses": dict(statuses), "wall_seconds": time.perf_counter() - started}


if __name__ == "__main__":
    json.dump(run(json.load(sys.stdin)), sys.stdout)
