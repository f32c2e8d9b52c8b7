"""Django apps, one per domain (accounts now; journal, practices, measures and care to come).

They live here, apart from the plain-Python engines (kindvoice.language, kindvoice.practices,
kindvoice.measures), so an app and the engine it uses can share a domain name.
"""
