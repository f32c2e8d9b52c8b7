"""The language engine: reads what a person writes, fully offline.

Plain Python; it imports no Django. `analyze(text)` splits a text into sentences and gives,
for each and for the whole: crisis level and category (rules first, a model may only add),
the inner critic (score, flag, span), Neff's components, likely thinking traps, and the
CFT reaction pattern where one is evident. See docs/model-card.md.
"""

from kindvoice.language.analysis import Analysis
from kindvoice.language.engine import analyze
from kindvoice.language.sentences import split_sentences

__all__ = ["Analysis", "analyze", "split_sentences"]
