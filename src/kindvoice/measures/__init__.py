"""The measure engine: validated questionnaires as data files, scored exactly, with reliable change.

Plain Python; it imports no Django. A clinic's own instruments (in its data directory's
`instruments/` folder) go through the same loader and scorer as the built-in ones.
"""

from kindvoice.measures.change import Change, compare
from kindvoice.measures.loader import find, instruments, load_instrument
from kindvoice.measures.schema import Instrument
from kindvoice.measures.score import Score, score

__all__ = ["Change", "Instrument", "Score", "compare", "find", "instruments", "load_instrument", "score"]
