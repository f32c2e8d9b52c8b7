"""Loading instruments: the built-in ones, and any a clinic adds in its own folder."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from pathlib import Path

from kindvoice import datafile
from kindvoice.errors import InvalidInput, NotFound
from kindvoice.measures.schema import Instrument

BUILTIN = Path(str(resources.files("kindvoice.measures") / "instruments"))


describe = datafile.describer({"items": "item"})


def load_instrument(path: Path) -> Instrument:
    """Read and check one instrument file, or raise InvalidInput naming the file, line and problem."""
    return datafile.load(path, Instrument, describe=describe)


def _loaded(path: Path) -> Instrument:
    """`load_instrument`, remembered until the file changes: pages ask for instruments often, and a
    clinic's edit must still take effect at once."""
    stat = path.stat()
    return _load_unchanged(path, stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=256)
def _load_unchanged(path: Path, mtime_ns: int, size: int) -> Instrument:
    return load_instrument(path)


def instruments(extra: Path | None = None, problems: list[str] | None = None) -> dict[str, Instrument]:
    """Every instrument by id: the built-in ones, then a clinic's own folder (which may not reuse an id).

    With a `problems` list, a clinic file that cannot be used is left out and its message added
    there, so one broken file never takes the pages down; without it, the first problem is raised.
    """
    found = {i.id: i for i in (_loaded(p) for p in sorted(BUILTIN.glob("*.yaml")))}
    if extra is not None and extra.is_dir():
        for path in sorted([*extra.glob("*.yaml"), *extra.glob("*.yml")]):
            try:
                instrument = _loaded(path)
                if instrument.id in found:
                    raise InvalidInput(f"{path}: the id {instrument.id!r} is already used by another instrument.")
            except InvalidInput as error:
                if problems is None:
                    raise
                problems.append(error.message)
                continue
            found[instrument.id] = instrument
    return found


def find(instrument_id: str, extra: Path | None = None) -> Instrument:
    try:
        return instruments(extra)[instrument_id]
    except KeyError:
        raise NotFound(
            f"There is no instrument called {instrument_id!r}. `kindvoice measure list` shows them all."
        ) from None
