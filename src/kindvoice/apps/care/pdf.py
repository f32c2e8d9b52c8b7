"""A printable page as PDF, made by the server's own Chromium (headless), when it has one."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 60


def chromium() -> str | None:
    found = os.environ.get("KINDVOICE_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
    return found if Path(found).exists() else None


def pdf_of(html: str) -> bytes | None:
    """The page printed to PDF, or None when no Chromium is installed (the browser's Print still works)."""
    binary = chromium()
    if binary is None:
        return None
    with tempfile.TemporaryDirectory(prefix="kindvoice-pdf-") as folder:
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
