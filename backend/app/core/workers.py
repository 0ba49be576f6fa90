"""Thread pools for CPU work (Pillow, MJML) so the event loop never blocks.

Three pools, so a queue of photos never delays a request and image work never delays a sign-in:
- `run_cpu`: work a request waits for (checking uploaded images, MJML, ZIP, palette).
- `run_password`: password hashing alone (~80 ms each). Its own few threads: an upload of four large
  images once filled the shared pool and another user's sign-in waited 41 s behind it.
- `run_image`: photo renditions made in the background after the upload has answered, the heaviest
  work there is (≈ 65 ms of CPU per 12-MP photo). Its threads run at a lower scheduling priority
  (Linux nice, per thread), so when both pools want the cores, requests and the event loop get them
  first and the photos take what is left. Nothing a request waits on may queue here behind them.
"""

import asyncio
import functools
import logging
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

logger = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None
_image_executor: ThreadPoolExecutor | None = None
_password_executor: ThreadPoolExecutor | None = None


def _lower_priority(niceness: int) -> None:
    """Make the calling thread nicer (Linux schedules threads one by one); elsewhere, do nothing."""
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + niceness)
    except OSError:  # pragma: no cover - a sandbox that forbids it: same priority, still correct
        logger.debug("could not lower the image threads' priority")


def configure_workers(
    max_workers: int, image_workers: int | None = None, image_niceness: int = 5, password_workers: int = 2
) -> None:
    global _executor, _image_executor, _password_executor
    for pool in (_executor, _image_executor, _password_executor):
        if pool is not None:
            pool.shutdown(wait=False)
    _executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="cpu")
    _password_executor = ThreadPoolExecutor(max_workers=password_workers, thread_name_prefix="password")
    _image_executor = ThreadPoolExecutor(
        max_workers=image_workers or max_workers,
        thread_name_prefix="image",
        initializer=_lower_priority,
        initargs=(image_niceness,),
    )


async def _run(pool: ThreadPoolExecutor, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    return await asyncio.get_running_loop().run_in_executor(pool, functools.partial(fn, *args, **kwargs))


async def run_cpu(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a short, blocking, CPU-bound function in the worker pool."""
    if _executor is None:
        configure_workers(4)
    assert _executor is not None
    return await _run(_executor, fn, *args, **kwargs)


async def run_password(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run password hashing or checking in its own pool, which no other work can fill."""
    if _password_executor is None:
        configure_workers(4)
    assert _password_executor is not None
    return await _run(_password_executor, fn, *args, **kwargs)


async def run_image(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run photo processing in its own, lower-priority pool."""
    if _image_executor is None:
        configure_workers(4)
    assert _image_executor is not None
    return await _run(_image_executor, fn, *args, **kwargs)
