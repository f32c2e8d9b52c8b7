"""Safety content as data: helplines by region, read and checked by a small interpreter.

Plain Python; it imports no Django. The web, the API and the terminal all show the same
panel from the same file.
"""

from kindvoice.safety.helplines import Helpline, Region, helplines_for, regions

__all__ = ["Helpline", "Region", "helplines_for", "regions"]
