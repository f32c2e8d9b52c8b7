"""Loaded with `-p tests.environment`, before pytest-django imports the settings.

Tests must never touch a real data directory, so each run gets a fresh one unless the
caller (the Makefile) chose one already.
"""

import os
import tempfile

os.environ.setdefault("KINDVOICE_DATA_DIR", tempfile.mkdtemp(prefix="kindvoice-test-"))
os.environ.setdefault("KINDVOICE_LOGIN_ATTEMPTS", "5")
os.environ.setdefault("KINDVOICE_LOGIN_PAUSE_MINUTES", "15")
