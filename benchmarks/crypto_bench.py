"""CPU-bound costs: AES-GCM on one journal entry, and Argon2 on one password."""

from __future__ import annotations

import statistics
import timeit
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from common import Result, journal_text, median_of, memory_growth, timed
from django.contrib.auth.hashers import check_password, identify_hasher, make_password
from django.db import connection

from kindvoice import keys
from kindvoice.privacy.fields import EncryptedTextField

BURST = 8


def per_call(fn: Callable[[], object], quick: bool) -> tuple[float, int]:
    """Seconds per call: median of 5 repeats, each of enough calls to last ~0.4 s (~0.05 s if quick)."""
    timer = timeit.Timer(fn)
    estimate = timer.timeit(number=10) / 10
    number = max(1, round((0.05 if quick else 0.4) / estimate))
    return statistics.median(t / number for t in timer.repeat(repeat=5, number=number)), number


def encryption(quick: bool) -> list[Result]:
    ring = keys.current()
    text = journal_text(2048)
    sealed = ring.encrypt(text)
    field = EncryptedTextField()
    cases = {
        "encrypt 2 KB": lambda: ring.encrypt(text),
        "decrypt 2 KB": lambda: ring.decrypt(sealed),
        "encrypt+decrypt 2 KB": lambda: ring.decrypt(ring.encrypt(text)),
        # What the ORM really does per value: the field looks the keyring up each time.
        "field encrypt+decrypt 2 KB": lambda: field.from_db_value(field.get_prep_value(text), None, connection),
    }
    results = []
    for name, fn in cases.items():
        seconds, number = per_call(fn, quick)
        results.append(Result(name, 1 / seconds, "ops/s", f"{seconds * 1e6:.1f} µs/op; median of 5 x {number} calls"))
    results[2].notes += f"; stored size {len(sealed)} chars for {len(text.encode())} bytes"
    results[3].notes += "; EncryptedTextField, incl. keys.current()"
    seconds, number = per_call(keys.current, quick)
    results.append(Result("keys.current()", seconds * 1e6, "µs/call", f"paid once per encrypted value; x{number}"))
    return results


def argon2(quick: bool) -> list[Result]:
    repeats = 3 if quick else 5
    password = "correct horse battery staple"  # noqa: S105 - a benchmark input
    encoded = make_password(password)
    hasher = identify_hasher(encoded)
    params = hasher.safe_summary(encoded)
    settings_note = (
        f"{hasher.algorithm}: time_cost={params.get('time cost')}, memory_cost={params.get('memory cost')} KiB, "
        f"parallelism={params.get('parallelism')}"
    )
    hash_s = median_of(lambda: make_password(password), repeats)
    check_s = median_of(lambda: check_password(password, encoded), repeats)
    one_mib = memory_growth(lambda: check_password(password, encoded))
    # A burst of logins: as many at once as waitress has threads (8 by default).
    burst: list[float] = []
    with ThreadPoolExecutor(BURST) as pool:

        def run_burst() -> None:
            burst.append(timed(lambda: list(pool.map(lambda _: check_password(password, encoded), range(BURST)))))

        burst_mib = memory_growth(run_burst)
    burst_s = burst[0]
    return [
        Result("argon2 make_password", hash_s * 1000, "ms", f"median of {repeats}; {settings_note}"),
        Result(
            "argon2 check_password",
            check_s * 1000,
            "ms",
            f"median of {repeats}; the CPU cost of one login attempt",
        ),
        Result("argon2 memory, 1 check", one_mib, "MiB", "peak RSS above the RSS before it"),
        Result(f"argon2 {BURST} concurrent checks", burst_s * 1000, "ms", f"wall time; {BURST / burst_s:.1f} logins/s"),
        Result(f"argon2 memory, {BURST} concurrent checks", burst_mib, "MiB", "peak RSS above the RSS before them"),
    ]
