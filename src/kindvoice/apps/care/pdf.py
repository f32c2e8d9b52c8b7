"""A printable page as PDF, made by the server's own Chromium (headless), when it has one."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

TIMEOUT = 60
# One Chromium at a time: a PDF is occasional, and two cores are few.
_one_at_a_time = threading.Semaphore(1)
# The page holds decrypted client text: write it to memory (tmpfs) where the system has one.
# (tempfile makes a private 0700 folder inside it, so the shared parent is not a risk.)
_SHM = Path("/dev/shm")  # noqa: S108
SCRATCH = str(_SHM) if _SHM.is_dir() and os.access(_SHM, os.W_OK) else None


def chromium() -> str | None:
    found = os.environ.get("KINDVOICE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).exists() else None


def pdf_of(html: str) -> bytes | None:
    """The page printed to PDF, or None when no Chromium is installed (the browser's Print still works)."""
    binary = chromium()
    if binary is None:
        return None
    with _one_at_a_time, tempfile.TemporaryDirectory(prefix="kindvoice-pdf-", dir=SCRATCH) as folder:
        page, out = Path(folder) / "page.html", Path(folder) / "page.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            binary, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
            "--no-pdf-header-footer", f"--user-data-dir={folder}/profile", f"--print-to-pdf={out}", page.as_uri(),
        ]  # fmt: skip
        try:
            subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
        except (OSError, subprocess.SubprocessError):
            return None
        return out.read_bytes() if out.exists() else None
