"""Worker processes that end with their parent, however it ends.

The build's workers, the OCR workers and the web server's workers are all
forked children; a parent killed with SIGKILL gets no chance to stop them, so
each child asks Linux to kill it when its parent dies (PR_SET_PDEATHSIG).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal

PR_SET_PDEATHSIG = 1  # prctl(2): the signal a process gets when its parent dies


def die_with_parent() -> None:
    """Ask Linux to SIGKILL this process when its parent dies, however the parent ends."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() == 1:  # the parent died before prctl
        os._exit(1)
