"""The practice engine: guided practices as validated data files, run by a small interpreter.

Plain Python; it imports no Django. Built-in practices and a therapist's own go through
the same loader (`load_practice`), and `Runner` moves through any of them one step at a time.
"""

from kindvoice.practices.loader import builtin, find, load_practice, parse_practice
from kindvoice.practices.run import Runner, RunState
from kindvoice.practices.schema import Practice

__all__ = ["Practice", "RunState", "Runner", "builtin", "find", "load_practice", "parse_practice"]
