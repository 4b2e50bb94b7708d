"""Open a saved figure in the desktop's image viewer, when there is a desktop."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tutor import settings


def viewer_command() -> list[str] | None:
    """The command that opens a file, or None on a headless machine (SSH, CI, a container)."""
    if settings.current().no_viewer:
        return None
    if sys.platform == "darwin":
        return ["open"]
    if sys.platform.startswith("win"):
        return None  # os.startfile is used instead
    if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        return None
    tool = shutil.which("xdg-open")
    return [tool] if tool else None


def open_file(path: Path) -> bool:
    """Start the viewer in the background; True if one was started."""
    if sys.platform.startswith("win") and not settings.current().no_viewer:
        try:
            os.startfile(str(path))  # type: ignore[attr-defined]
            return True
        except OSError:
            return False
    cmd = viewer_command()
    if cmd is None:
        return False
    try:
        subprocess.Popen([*cmd, str(path)], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError:
        return False
    return True
