"""The app served by gunicorn in a child process, on the test's own database."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import requests


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def gunicorn(database_uri: str, tmp_path: Path, *, workers: int = 1, threads: int = 4, **env: str):
    """Yield the base URL of a gunicorn serving `create_app()` on `database_uri`."""
    port = _free_port()
    environment = {
        **os.environ,
        "DATABASE_URL": database_uri,
        "SECRET_KEY": "live-server-test",
        "KYMPPI_INSTANCE_PATH": str(tmp_path),
        "BASE_URL": f"http://127.0.0.1:{port}",
        **env,
    }
    command = [sys.executable, "-m", "gunicorn", "--workers", str(workers), "--threads", str(threads)]
    with open(tmp_path / "gunicorn.log", "w") as log:
        process = subprocess.Popen(
            [*command, "--bind", f"127.0.0.1:{port}", "kymppi:create_app()"],
            env=environment,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(base, process)
            yield base
        finally:
            process.terminate()
            process.wait(timeout=20)


def _wait_until_up(base: str, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        assert process.poll() is None, "gunicorn exited; see gunicorn.log in the test's tmp_path"
        try:
            if requests.get(f"{base}/login", timeout=5).status_code == 200:
                return
        except (requests.ConnectionError, requests.Timeout):
            time.sleep(0.2)
    raise AssertionError("gunicorn did not start in 30 s")
