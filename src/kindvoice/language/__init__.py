"""The language engine: reads what a person writes, fully offline.

Plain Python; it imports no Django. `analyze(text)` splits a text into sentences and gives,
for each and for the whole: crisis level and category (rules first, a model may only add),
the inner critic (score, flag, span), Neff's components, likely thinking traps, the reaction
pattern, and what a kind voice might say. See docs/model-card.md.
"""

from kindvoice.language.analysis import Analysis
from kindvoice.language.sentences import split_sentences


def analyze(text: str) -> Analysis:
    """Analyse a text: crisis, inner critic, Neff's components, thinking traps, reaction, suggestions."""
    # Imported on first use: the engine brings numpy and the model, which a process that
    # never analyses anything (a backup, a migration) should not pay for at start-up.
    from kindvoice.language.engine import analyze as run

    return run(text)


__all__ = ["Analysis", "analyze", "split_sentences"]
