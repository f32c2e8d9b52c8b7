"""The language engine: reads what a person writes, fully offline.

Plain Python; it imports no Django. The journal, the practices and the API call into it.
It will hold crisis detection, the inner-critic head, Neff's components and thinking traps
(see docs/architecture.md). For now it offers only the sentence splitter they will share.
"""

from kindvoice.language.sentences import split_sentences

__all__ = ["split_sentences"]
