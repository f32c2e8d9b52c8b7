"""kindvoice benchmarks: print speed and memory numbers (`make bench`).

    .venv/bin/python benchmarks/run.py [--quick] [--json PATH] [--database-url URL]

Runs against a fresh SQLite database in a temporary data directory (never ./var), which
is removed at the end. With --database-url it uses that PostgreSQL database instead; it
must be an empty, throwaway one, and the rows made here are deleted afterwards.
What each number means: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime

from common import Result, as_dicts, peak_rss_mib, print_table


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--quick", action="store_true", help="smaller sizes, for a smoke run (< 20 s)")
    parser.add_argument("--json", metavar="PATH", help="also write the results as JSON to PATH")
    parser.add_argument("--database-url", default="", help="an empty PostgreSQL database to use instead of SQLite")
    return parser.parse_args()


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            cpu = next(line.split(":", 1)[1].strip() for line in info if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {
        "nproc": str(len(os.sched_getaffinity(0))),
        "cpu": cpu,
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "platform": platform.platform(),
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def code_version() -> str:
    """The commit, and whether kindvoice's source has uncommitted changes (numbers depend on both)."""
    import kindvoice

    src = os.path.dirname(kindvoice.__file__)
    try:
        commit = subprocess.run(["git", "-C", src, "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        dirty = subprocess.run(["git", "-C", src, "status", "--porcelain", "."], capture_output=True, text=True)
    except OSError:
        return f"{src} (git not available)"
    if commit.returncode != 0:
        return f"{src} (not a git checkout)"
    return f"{commit.stdout.strip()}{' + uncommitted changes' if dirty.stdout.strip() else ''} ({src})"


def stage(label: str) -> None:
    print(f"... {label} (peak RSS so far {peak_rss_mib():.0f} MiB)", file=sys.stderr, flush=True)


def language(quick: bool) -> list[Result]:
    """The language engine's own benchmark (language_bench.py), in a fresh process so its memory is its own."""
    code = f"import json, sys, language_bench; json.dump(language_bench.run(quick={quick}), sys.stdout)"
    here = os.path.dirname(os.path.abspath(__file__))
    done = subprocess.run([sys.executable, "-c", code], cwd=here, capture_output=True, text=True, timeout=600)
    if done.returncode != 0:
        print(done.stderr, file=sys.stderr)
        return [Result("language benchmark", float("nan"), "", "failed: its error is printed above", ok=False)]
    return [Result(*row) for row in json.loads(done.stdout)]


def run(args: argparse.Namespace) -> list[Result]:
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.db import connection
    from django.urls import get_resolver

    from kindvoice import keys

    call_command("migrate", interactive=False, verbosity=0)
    keys.create_if_missing()
    # Import every view now, so all code is loaded before anything is measured.
    _ = get_resolver().url_patterns

    import crypto_bench
    import db_bench
    import http_bench

    User = get_user_model()

    if args.database_url and User.objects.exists():
        sys.exit("The database at --database-url already has accounts; give an empty, throwaway database.")
    users = 200 if args.quick else 2000
    requests = 100 if args.quick else 500
    print(f"database: {connection.vendor} {connection.Database.__name__} ({'quick' if args.quick else 'full'} run)")

    results = [Result("peak RSS after setup", peak_rss_mib(), "MiB", "Django set up and migrated")]
    try:
        stage("encryption")
        results += crypto_bench.encryption(args.quick)
        stage(f"ORM write/read of {users} users")
        results += db_bench.write_and_read(users)
        stage("export")
        user, token = db_bench.export_user(tokens=200)
        results += db_bench.export(user, args.quick)
        stage("key rotation")
        results += db_bench.rotate(args.quick)
        stage(f"HTTP, {requests} requests per endpoint")
        results += http_bench.load(token, requests)
        results.append(Result("peak RSS before Argon2", peak_rss_mib(), "MiB", "after every benchmark above"))
        # Last, because one Argon2 hash alone takes the process's peak memory up by ~100 MiB.
        stage("argon2")
        results += crypto_bench.argon2(args.quick)
        results.append(Result("peak RSS at end", peak_rss_mib(), "MiB", "ru_maxrss of this process"))
    finally:
        if args.database_url:
            db_bench.forget_everything()
        from django.db import connections

        connections.close_all()
    return results


def main() -> None:
    args = parse_args()
    # Set before Django starts: a throwaway data directory, and the database we were given.
    data_dir = tempfile.mkdtemp(prefix="kindvoice-bench-")
    os.environ["KINDVOICE_DATA_DIR"] = data_dir
    os.environ["DATABASE_URL"] = args.database_url
    os.environ["KINDVOICE_DEBUG"] = "false"  # DEBUG would keep every SQL query in memory
    os.environ["DJANGO_SETTINGS_MODULE"] = "kindvoice.web.settings"

    about = machine()
    print("kindvoice benchmarks, " + datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"))
    print(f"machine: {about['nproc']} CPUs ({about['cpu']}), Python {about['python']}, SQLite {about['sqlite']}")
    about["code"] = code_version()
    print(f"code: {about['code']}")
    print(f"platform: {about['platform']}; load average {about['load']} (other work skews the numbers)")
    started = time.perf_counter()
    try:
        # First, while this process is small: a child started with exec inherits the parent's
        # peak RSS (ru_maxrss), which would hide the engine's own peak after Argon2 has run.
        stage("language engine (benchmarks/language_bench.py, in its own process)")
        language_results = language(args.quick)
        results = run(args) + language_results
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    elapsed = time.perf_counter() - started
    print()
    print_table(results)
    about["load_end"] = " ".join(f"{x:.2f}" for x in os.getloadavg())
    print(f"\ntotal time {elapsed:.1f} s; load average at the end {about['load_end']}")
    invalid = [r.name for r in results if not r.ok]
    if invalid:
        print("\nNOT VALID (errors or non-200 answers): " + ", ".join(invalid), file=sys.stderr)
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            report = {"machine": about, "quick": args.quick, "seconds": elapsed, "results": as_dicts(results)}
            json.dump(report, handle, indent=2)
            handle.write("\n")
    if invalid:
        sys.exit(1)


if __name__ == "__main__":
    main()
