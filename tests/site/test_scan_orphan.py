"""A scan worker whose build was killed outright (SIGKILL) leaves instead of waiting for work forever."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time


def test_a_worker_leaves_when_its_build_is_killed() -> None:
    script = textwrap.dedent(
        """
        import multiprocessing, os, sys
        from concurrent.futures import ProcessPoolExecutor
        from awards.site.leaks import watch_parent

        pool = ProcessPoolExecutor(1, multiprocessing.get_context("fork"), initializer=watch_parent,
                                   initargs=(0.1,))
        print(pool.submit(os.getpid).result(), flush=True)
        os.kill(os.getpid(), 9)  # the build, killed: no shutdown of the pool
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=False)
    assert done.returncode == -signal.SIGKILL
    worker = int(done.stdout.strip())
    for _ in range(50):
        try:
            os.kill(worker, 0)
        except ProcessLookupError:
            return
        time.sleep(0.1)
    os.kill(worker, signal.SIGKILL)
    raise AssertionError("the scan worker outlived its build")
