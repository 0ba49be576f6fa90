"""Thread pools for CPU work (Pillow, MJML) so the event loop never blocks.

Two pools, so a queue of photos never delays a proof:
- `run_cpu`: short jobs of the interactive steps (MJML, ZIP, palette, password hashing).
- `run_image`: photo renditions, the heaviest work there is (≈ 65 ms of CPU per 12-MP photo).
  By default in worker *processes* at a lower scheduling priority (nice): when both want the cores,
  the requests get them first and the photos take what is left, and a photo job never holds the
  GIL that the event loop needs (a niced thread holding it stalled requests under load).
  `IMAGE_POOL=thread` keeps them in threads of the app's process (tests patch functions in-process).
"""

import asyncio
import functools
import logging
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor
from typing import ParamSpec, TypeVar

P = ParamSpec("P")
T = TypeVar("T")

logger = logging.getLogger(__name__)

_executor: ThreadPoolExecutor | None = None
_image_executor: Executor | None = None


def _lower_priority(niceness: int) -> None:
    """Make the calling thread nicer (Linux schedules threads one by one); elsewhere, do nothing."""
    if niceness <= 0 or not hasattr(os, "setpriority"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(os.PRIO_PROCESS, tid, os.getpriority(os.PRIO_PROCESS, tid) + niceness)
    except OSError:  # pragma: no cover - a sandbox that forbids it: same priority, still correct
        logger.debug("could not lower the image threads' priority")


def _nice_process(niceness: int) -> None:
    if niceness > 0 and hasattr(os, "nice"):
        os.nice(niceness)


def configure_workers(
    max_workers: int, image_workers: int | None = None, image_niceness: int = 5, image_pool: str = "thread"
) -> None:
    global _executor, _image_executor
    for pool in (_executor, _image_executor):
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    _executor = ThreadPoolExecutor(max_workers=max_workers, thread_name_prefix="cpu")
    workers = image_workers or max_workers
    if image_pool == "process":
        # spawn: a fork of a process with an event loop and threads is not safe.
        _image_executor = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_nice_process,
            initargs=(image_niceness,),
        )
    else:
        _image_executor = ThreadPoolExecutor(
            max_workers=workers,
            thread_name_prefix="image",
            initializer=_lower_priority,
            initargs=(image_niceness,),
        )


def shutdown_workers() -> None:
    global _executor, _image_executor
    for pool in (_executor, _image_executor):
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)
    _executor = _image_executor = None


async def _run(pool: Executor, fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    return await asyncio.get_running_loop().run_in_executor(pool, functools.partial(fn, *args, **kwargs))


async def run_cpu(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run a short, blocking, CPU-bound function in the worker pool."""
    if _executor is None:
        configure_workers(4)
    assert _executor is not None
    return await _run(_executor, fn, *args, **kwargs)


async def run_image(fn: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
    """Run photo processing in its own, lower-priority pool."""
    if _image_executor is None:
        configure_workers(4)
    assert _image_executor is not None
    return await _run(_image_executor, fn, *args, **kwargs)
