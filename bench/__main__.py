"""Run the whole suite and print its results as the Markdown tables of docs/performance.md.

    .venv/bin/python -m bench --postgresql postgresql://postgres@127.0.0.1/kymppi_bench
    .venv/bin/python -m bench --scale smoke          # seconds, to see that it all works; not figures
    .venv/bin/python -m bench --report               # the tables again from the last run's JSON

For SQLite, and for PostgreSQL when given a URL, it generates the large
dataset and the same one with a short history, measures the pages and the
documents on the large one, compares a check-in and the card pages on the
two, and ends with the check-in load, which uses up cards' visits. The
PostgreSQL databases are the URL's and the same name with `_short`; both are
created when missing and emptied before they are filled. The SQLite files
stay in test-artifacts/bench/ for a rerun of one benchmark.
"""

import argparse
import json
import shlex
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg
from psycopg import sql
from sqlalchemy.engine import make_url

from bench.common import PROJECT_ROOT, RESULTS, backend_of, write_result
from bench.dataset import DATABASE_PREFIX, SCALES, generate
from kymppi.config import database_url


@dataclass(frozen=True)
class Effort:
    """How much each benchmark repeats: enough for a p99 at full scale, a token amount for a smoke run."""

    pages: int
    documents: int
    load_requests: int
    load_seconds: float
    history: int


EFFORT = {"full": Effort(50, 20, 3000, 15, 200), "smoke": Effort(10, 3, 200, 3, 20)}
BACKENDS = ("sqlite", "postgresql")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="full")
    parser.add_argument("--postgresql", metavar="URL", help="also on PostgreSQL, in this database (kymppi_bench…)")
    parser.add_argument("--report", action="store_true", help="only print the tables of the last run")
    arguments = parser.parse_args()
    if not arguments.report:
        command = shlex.join([".venv/bin/python", "-m", "bench", *sys.argv[1:]])
        targets = [f"sqlite:///{RESULTS / arguments.scale}.sqlite3"]
        if arguments.postgresql:
            targets.append(database_url(arguments.postgresql))
        for url in targets:
            run_all(url, arguments.scale, command)
    print(markdown())


def run_all(url: str, scale_name: str, command: str) -> None:
    scale, effort = SCALES[scale_name], EFFORT[scale_name]
    short = _short_history_url(url)
    instance = RESULTS / "instance"
    print(f"{url}: generating {scale}")
    long_dataset = generate(url, scale, instance=instance)
    print(f"{short}: generating {scale.with_short_history()}")
    short_dataset = generate(short, scale.with_short_history(), instance=instance)
    _benchmark("bench.pages", url, "--repeat", effort.pages)
    _benchmark("bench.documents", url, "--repeat", effort.documents)
    # Before the load, which takes visits from the cards valid today by the thousand.
    _benchmark("bench.history", url, short, "--repeat", effort.history)
    _benchmark("bench.checkin_load", url, "--requests", effort.load_requests, "--seconds", effort.load_seconds)
    write_result("dataset", url, {"command": command, "long": long_dataset, "short": short_dataset})


def _benchmark(module: str, url: str, *arguments: object) -> None:
    """One benchmark in a process of its own, so nothing one loads, caches or logs weighs on the next.

    Its figures go to stdout and its JSON file; the access log of its
    thousands of requests to a .log file beside the JSON.
    """
    log = RESULTS / f"{module.removeprefix('bench.')}-{backend_of(url)}.log"
    with log.open("w") as stderr:
        finished = subprocess.run(
            [sys.executable, "-m", module, url, *map(str, arguments)], stderr=stderr, cwd=PROJECT_ROOT, check=False
        )
    if finished.returncode:
        raise SystemExit(f"{module} failed; see {log}")


def _short_history_url(url: str) -> str:
    """The second dataset's place beside the first: a file `-short`, or a database `_short`.

    PostgreSQL databases are created when missing, so one command runs it all;
    only with a benchmark's name, as generating empties them.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"sqlite:///{Path(parsed.database).with_suffix('')}-short.sqlite3"
    short = parsed.set(database=f"{parsed.database}_short")
    if not parsed.database.startswith(DATABASE_PREFIX):
        raise SystemExit(f"a benchmark database's name starts with {DATABASE_PREFIX}, not {parsed.database!r}")
    server = parsed.set(drivername="postgresql", database="postgres").render_as_string(hide_password=False)
    with psycopg.connect(server, autocommit=True) as connection:
        for name in (parsed.database, short.database):
            if not connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone():
                connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return short.render_as_string(hide_password=False)


# The Markdown: one section per database, each figure beside its target from issue #9.


def markdown() -> str:
    sections = []
    for backend in BACKENDS:
        results = {path.stem.rsplit("-", 1)[0]: _read(path) for path in RESULTS.glob(f"*-{backend}.json")}
        if "dataset" in results:
            sections.append(_section(results))
    return "\n\n".join(sections) or "no results yet in test-artifacts/bench/"


def _read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _section(results: dict[str, dict[str, Any]]) -> str:
    dataset = results["dataset"]
    machine = dataset["machine"]
    scale = dataset["long"]["scale"]
    lines = [
        f"### {machine['database_version']}",
        "",
        f"Machine: `nproc` {machine['nproc']}, {machine['cpu']}, Python {machine['python']}; {machine['date']}.",
        "",
        f"    {dataset['command']}",
        "",
        f"Dataset: {_n(scale['buyers'])} buyers, {_n(scale['cards'])} cards, {_n(scale['check_ins'])} check-ins, "
        f"{scale['courses']} courses over {scale['years']} academic years, generated in "
        f"{dataset['long']['seconds']} s (short history: {dataset['short']['seconds']} s).",
        "",
        *_load_table(results["checkin_load"]),
        "",
        *_pages_table(results["pages"]),
        "",
        *_documents_table(results["documents"]),
        "",
        *_history_table(results["history"]),
    ]
    return "\n".join(lines)


def _load_table(load: dict[str, Any]) -> list[str]:
    lines = [
        "| workers | concurrency | check-ins/s | p50 | p95 | p99 | /healthz/s | /healthz p99 | ratio | target |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for workers, runs in load["servers"].items():
        for concurrency, run in runs.items():
            checkin, healthz = run["checkin"], run["healthz"]
            target = "≥ 0.50"
            if concurrency == "8":
                target += f", p99 < 25 ms: {_met(run['ratio'] >= 0.5 and checkin['p99_ms'] < 25)}"
            else:
                target += f": {_met(run['ratio'] >= 0.5)}"
            lines.append(
                f"| {workers} | {concurrency} | {checkin['per_second']} | {checkin['p50_ms']} ms "
                f"| {checkin['p95_ms']} ms | {checkin['p99_ms']} ms | {healthz['per_second']} "
                f"| {healthz['p99_ms']} ms | {run['ratio']:.2f} | {target} |"
            )
    return lines


PAGE_TARGETS_MS = {
    "buyer search as you type": 30,
    "buyer export CSV, academic year": 2000,
    "buyer export XLSX, academic year": 2000,
    "results report PDF": None,
}


def _pages_table(pages: dict[str, Any]) -> list[str]:
    lines = [
        f"Pages, {pages['server_time']}; term {pages['report_term']}, exports {pages['export_rows']} buyers:",
        "",
        "| page | p50 | p95 | statements | target (p95) |",
        "|---|---|---|---|---|",
    ]
    for name, figures in pages["pages"].items():
        target = PAGE_TARGETS_MS.get(name, 50)
        verdict = f"< {target} ms: {_met(figures['p95_ms'] < target)}" if target else "—"
        lines.append(
            f"| {name} | {figures['p50_ms']} ms | {figures['p95_ms']} ms | {figures['statements']} | {verdict} |"
        )
    return lines


def _documents_table(documents: dict[str, Any]) -> list[str]:
    lines = ["| document | p50 | p95 | bytes | target (p95) |", "|---|---|---|---|---|"]
    for name, figures in documents["documents"].items():
        target = 50 if name == "card PDF" else 10_000 if name.startswith("A4 sheet") else None
        verdict = f"< {target} ms: {_met(figures['p95_ms'] < target)}" if target else "—"
        lines.append(f"| {name} | {figures['p50_ms']} ms | {figures['p95_ms']} ms | {figures['bytes']} | {verdict} |")
    return lines


def _history_table(history: dict[str, Any]) -> list[str]:
    long, short = history["long"], history["short"]
    lines = [
        f"| with {long['check_ins']} check-ins vs {short['check_ins']} | p50 long | p50 short | ratio | target |",
        "|---|---|---|---|---|",
    ]
    for name, ratio in history["ratio_p50"].items():
        lines.append(
            f"| {name} | {long[name]['p50_ms']} ms | {short[name]['p50_ms']} ms | ×{ratio:.2f} "
            f"| ≤ ×1.20: {_met(ratio <= 1.2)} |"
        )
    return lines


def _n(count: int) -> str:
    """50 000, as Finnish (and docs/performance.md) group digits."""
    return f"{count:,}".replace(",", " ")


def _met(ok: bool) -> str:
    return "met" if ok else "**missed**"


if __name__ == "__main__":
    main()
