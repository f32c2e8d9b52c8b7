"""Shared pieces: one result row, the table, a little timing and memory helper."""

from __future__ import annotations

import resource
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass

# A journal entry of the kind people write: prose, some punctuation, a few non-ASCII letters.
_PARAGRAPH = (
    "Today the old voice came back when I missed the deadline — “you always do this, you never "
    "learn”. I noticed it, named it, and put a hand on my chest. What would I say to a friend? "
    "That one late report is not a verdict on a whole person. Café at lunch with Zoë helped. "
)


@dataclass
class Result:
    name: str
    value: float
    unit: str
    notes: str = ""
    ok: bool = True  # False when the measurement is not valid (e.g. HTTP errors)


def journal_text(size: int = 2048) -> str:
    """About `size` bytes of UTF-8 text (never cut inside a character)."""
    data = (_PARAGRAPH * (size // len(_PARAGRAPH) + 2)).encode("utf-8")[:size]
    return data.decode("utf-8", errors="ignore")


def timed(fn: Callable[[], object]) -> float:
    """Seconds one call of fn takes."""
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def median_of(fn: Callable[[], object], repeats: int) -> float:
    return statistics.median(timed(fn) for _ in range(repeats))


def peak_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux reports KiB


def _status_mib(field: str) -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return float("nan")


def memory_growth(fn: Callable[[], object]) -> float:
    """MiB by which the resident set peaks above where it was, while fn runs (Linux only).

    Resets the kernel's high-water mark first (writing 5 to /proc/self/clear_refs), so
    the answer does not depend on what ran before; NaN where that is not possible.
    """
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        fn()
        return float("nan")
    before = _status_mib("VmRSS")
    fn()
    return _status_mib("VmHWM") - before


def percentile(sorted_values: list[float], pct: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    if not sorted_values:
        return float("nan")
    rank = max(1, round(pct / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def format_value(value: float) -> str:
    if value != value:  # NaN
        return "n/a"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.2f}"


def print_table(results: list[Result]) -> None:
    rows = [(r.name, format_value(r.value), r.unit, r.notes) for r in results]
    widths = [max(len(h), *(len(row[i]) for row in rows)) for i, h in enumerate(("name", "value", "unit"))]
    header = f"{'name':<{widths[0]}}  {'value':>{widths[1]}}  {'unit':<{widths[2]}}  notes"
    print(header)
    print("-" * len(header))
    for name, value, unit, notes in rows:
        print(f"{name:<{widths[0]}}  {value:>{widths[1]}}  {unit:<{widths[2]}}  {notes}".rstrip())


def as_dicts(results: list[Result]) -> list[dict[str, object]]:
    return [asdict(r) for r in results]
