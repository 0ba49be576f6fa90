"""Handing a job to the broker from the web process, without blocking its event loop.

`send` writes one message to Redis from a thread (a Redis round trip is I/O the event loop must not
wait on) and returns at once. If Redis cannot take it, the job is not lost for the user: whatever
needs a rendition makes it itself (app/images/renditions.py), a download whose package never came
builds it (app/downloads/packaging.py), and a picture proof is asked for again by the next request
(app/proofs/pictures.py), so a warning is enough here.
Messages name their actor, so the web process never imports the worker's code.
"""

import asyncio
import logging
from typing import Any

import dramatiq

from app.jobs.broker import BUILD_PACKAGE, RENDER_PHOTO, RENDER_PHOTO_NOW, RENDER_PICTURE, get_broker, queue_of

__all__ = ["BUILD_PACKAGE", "RENDER_PHOTO", "RENDER_PHOTO_NOW", "RENDER_PICTURE", "flush", "send", "send_now"]

logger = logging.getLogger(__name__)

_pending: set["asyncio.Task[bool]"] = set()


def _send(actor_name: str, args: tuple[Any, ...]) -> bool:
    try:
        message: dramatiq.Message[Any] = dramatiq.Message(
            queue_name=queue_of(actor_name), actor_name=actor_name, args=args, kwargs={}, options={}
        )
        get_broker().enqueue(message)
        return True
    except Exception:
        logger.warning("could not queue a job", extra={"actor": actor_name}, exc_info=True)
        return False


def send(actor_name: str, *args: Any) -> None:
    """Queue `actor_name(*args)`; from a coroutine, returns before Redis has answered."""
    task = asyncio.get_running_loop().create_task(asyncio.to_thread(_send, actor_name, args))
    _pending.add(task)  # kept so it is not garbage-collected before it ran
    task.add_done_callback(_pending.discard)


async def send_now(actor_name: str, *args: Any) -> bool:
    """Queue `actor_name(*args)` for a request that waits on it; False when Redis could not take it."""
    return await asyncio.to_thread(_send, actor_name, args)


async def flush(timeout_s: float) -> None:
    """At shutdown: let messages still being written reach Redis."""
    if _pending:
        await asyncio.wait(list(_pending), timeout=timeout_s)
