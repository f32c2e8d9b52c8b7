"""The real server (waitress, as `kindvoice serve` runs it) under a small loopback load."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import threading
from pathlib import Path

from common import Result, percentile
from django.conf import settings
from django.db import connections
from waitress.server import create_server

from kindvoice.ops import server as kv_server
from kindvoice.web.wsgi import application

CLIENT = Path(__file__).with_name("http_client.py")
THREADS = 8
DEADLINE_S = 60


def serve_in_background():  # type: ignore[no-untyped-def]
    # The arguments `kindvoice serve` uses, on a free port of the loopback.
    if hasattr(kv_server, "options"):
        options = kv_server.options()
    else:  # before ops/server.py had options()
        options = {"max_request_body_size": settings.MAX_BODY_BYTES * 2, "ident": "kindvoice"}
    server = create_server(application, host="127.0.0.1", port=0, threads=THREADS, **options)
    thread = threading.Thread(target=server.run, name="waitress", daemon=True)
    thread.start()
    return server, thread


def load(token: str, requests: int) -> list[Result]:
    # waitress warns "Task queue depth is N" whenever all its threads are busy: expected here.
    logging.getLogger("waitress.queue").setLevel(logging.ERROR)
    connections.close_all()  # the server's threads open their own connections
    server, thread = serve_in_background()
    job = {
        "port": server.effective_port,
        "threads": THREADS,
        "deadline_s": DEADLINE_S,
        "runs": [
            {"name": "GET / (landing, anonymous)", "path": "/", "headers": {}, "requests": requests},
            {
                "name": "GET /api/me (Bearer token)",
                "path": "/api/me",
                "headers": {"Authorization": f"Bearer {token}"},
                "requests": requests,
            },
        ],
    }
    try:
        done = subprocess.run(
            [sys.executable, str(CLIENT)],
            input=json.dumps(job),
            capture_output=True,
            text=True,
            timeout=DEADLINE_S + 30,
            check=True,
        )
    finally:
        server.close()  # stops the worker threads and closes every socket; the loop then ends
        thread.join(timeout=5)
    results = []
    for run in json.loads(done.stdout):
        results.extend(summarize(run, requests))
    return results


def summarize(run: dict, asked: int) -> list[Result]:
    latencies = sorted(s * 1000 for s in run["latencies"])
    count = len(latencies)
    statuses = ", ".join(f"{code}: {n}" for code, n in sorted(run["statuses"].items()))
    notes = f"{count}/{asked} requests, {THREADS} client threads; status {statuses or 'none'}"
    if run["errors"]:
        notes += f"; {len(run['errors'])} connection errors"
    ok = count == asked and set(run["statuses"]) == {"200"} and not run["errors"]
    name = run["name"]
    return [
        Result(f"{name} throughput", count / run["wall_s"], "req/s", notes, ok),
        Result(f"{name} p50", percentile(latencies, 50), "ms", ok=ok),
        Result(f"{name} p95", percentile(latencies, 95), "ms", ok=ok),
        Result(f"{name} p99", percentile(latencies, 99), "ms", ok=ok),
    ]
