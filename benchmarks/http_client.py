"""Load generator, run as its own process so it does not share the server's GIL.

Reads a JSON job from stdin: {"port": int, "threads": int, "deadline_s": float,
"runs": [{"name", "path", "headers", "requests"}]}, and writes per-run results as JSON.
Talks to 127.0.0.1 only; every run is bounded both in requests and by the shared deadline.
"""

from __future__ import annotations

import http.client
import itertools
import json
import sys
import threading
import time

WARMUP = 20


def run_one(port: int, threads: int, path: str, headers: dict[str, str], total: int, deadline: float) -> dict:
    tickets = itertools.count()
    lock = threading.Lock()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors: list[str] = []

    def worker() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            while next(tickets) < total and time.monotonic() < deadline:
                start = time.perf_counter()
                try:
                    conn.request("GET", path, headers=headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as exc:
                    conn.close()  # reconnects on the next request
                    with lock:
                        errors.append(type(exc).__name__)
                    continue
                elapsed = time.perf_counter() - start
                with lock:
                    latencies.append(elapsed)
                    statuses[response.status] = statuses.get(response.status, 0) + 1
        finally:
            conn.close()

    pool = [threading.Thread(target=worker) for _ in range(threads)]
    wall = time.perf_counter()
    for thread in pool:
        thread.start()
    for thread in pool:
        thread.join()
    wall = time.perf_counter() - wall
    return {"latencies": latencies, "statuses": statuses, "errors": errors, "wall_s": wall}


def main() -> None:
    job = json.load(sys.stdin)
    deadline = time.monotonic() + job["deadline_s"]
    out = []
    for run in job["runs"]:
        # Warm up templates, URL resolver and connections; not counted.
        run_one(job["port"], 1, run["path"], run["headers"], WARMUP, deadline)
        result = run_one(job["port"], job["threads"], run["path"], run["headers"], run["requests"], deadline)
        out.append({"name": run["name"], "path": run["path"], **result})
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
