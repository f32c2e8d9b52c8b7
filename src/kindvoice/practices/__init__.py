"""The practice engine: guided practices as validated data files, run by a small interpreter.

Plain Python; it imports no Django. Built-in practices and a therapist's own go through
the same loader. Empty for now: see docs/architecture.md for where it is going.
"""

__all__: list[str] = []
