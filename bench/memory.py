"""Memory of a process tree, sampled while a benchmark step runs (psutil)."""

from __future__ import annotations

import threading

import psutil


def tree_pss_mb(pid: int) -> tuple[float, float]:
    """PSS of a process tree in MB (pages forked workers share count once): the whole tree and its largest process."""
    try:
        root = psutil.Process(pid)
        processes = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0, 0.0
    sizes = []
    for process in processes:
        try:
            sizes.append(process.memory_full_info().pss)
        except psutil.Error:
            continue
    return sum(sizes) / 2**20, max(sizes, default=0) / 2**20


class Sampler:
    """Peak PSS of a process tree (and of its largest process), sampled every 0.5 s in a thread."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.peak_one, self._stop = pid, 0.0, 0.0, threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            tree, one = tree_pss_mb(self.pid)
            self.peak, self.peak_one = max(self.peak, tree), max(self.peak_one, one)
            self._stop.wait(0.5)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak
