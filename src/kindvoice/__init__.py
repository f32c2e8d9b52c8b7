"""kindvoice: a private, self-hostable companion for compassion practice."""

__version__ = "0.1.0"
