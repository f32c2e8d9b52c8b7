"""The measure engine: questionnaires as data files, scored exactly.

Plain Python; it imports no Django. Empty for now: see docs/architecture.md for where
instrument files go and how scoring will be called.
"""

__all__: list[str] = []
