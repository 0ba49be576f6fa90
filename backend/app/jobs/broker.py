"""The process's Dramatiq broker: Redis when JOBS_BROKER_URL is set, else a stub nothing consumes.

Middleware, in order: QueueWait (app/jobs/metrics.py: each job's wait and run time), AgeLimit,
TimeLimit (JOBS_TIME_LIMIT_S, stops a job by raising in its thread), ShutdownNotifications, Callbacks,
Pipelines, Retries (JOBS_MAX_RETRIES, exponential backoff), AsyncIO (async actors run on one event
loop per worker), and DeadLetters (app/jobs/dead_letters.py).
"""

import threading
from collections.abc import Awaitable, Callable
from functools import lru_cache

import dramatiq
from dramatiq.asyncio import get_event_loop_thread
from dramatiq.brokers.redis import RedisBroker
from dramatiq.brokers.stub import StubBroker
from dramatiq.middleware import (
    AgeLimit,
    AsyncIO,
    Callbacks,
    Middleware,
    Pipelines,
    Retries,
    ShutdownNotifications,
    TimeLimit,
)

from app.core.config import Settings, get_settings
from app.jobs.dead_letters import DeadLetters
from app.jobs.metrics import QueueWait

QUEUE = "default"
# Jobs somebody is waiting on (a proof's photos, a download's ZIP, a picture proof) have a queue of their own,
# so they never wait behind the photos every upload queues in the background, and a worker runs them first
# among the jobs it has taken (Dramatiq runs lower `priority` numbers first).
WAITED_QUEUE = "waited"
QUEUES = (QUEUE, WAITED_QUEUE)
# Dramatiq priority (lower first) of the jobs of each queue, among those a worker has taken.
QUEUE_PRIORITY = {WAITED_QUEUE: 0, QUEUE: 10}
BACKGROUND_PRIORITY = QUEUE_PRIORITY[QUEUE]

# The web process names jobs without importing the worker's code: which queue each actor reads.
RENDER_PHOTO = "render_photo"  # after an upload, nobody waiting yet
RENDER_PHOTO_NOW = "render_photo_now"  # the same rendition, for a request that needs it now
BUILD_PACKAGE = "build_package"
RENDER_PICTURE = "render_picture"
ACTOR_QUEUES = {
    RENDER_PHOTO: QUEUE,
    RENDER_PHOTO_NOW: WAITED_QUEUE,
    BUILD_PACKAGE: WAITED_QUEUE,
    RENDER_PICTURE: WAITED_QUEUE,
}


def queue_of(actor_name: str) -> str:
    """The queue a job of `actor_name` goes to (the background one for an actor we don't name here)."""
    return ACTOR_QUEUES.get(actor_name, QUEUE)


def priority_of(actor_name: str) -> int:
    """The priority of `actor_name`'s jobs: its queue's, so the two never disagree."""
    return QUEUE_PRIORITY[queue_of(actor_name)]


# What a worker closes at shutdown (app/jobs/services.py registers its pools when a worker imports it):
# the broker sits below the services it would otherwise have to import.
_shutdown_hooks: list[Callable[[], Awaitable[None]]] = []


def on_worker_shutdown(hook: Callable[[], Awaitable[None]]) -> None:
    if hook not in _shutdown_hooks:
        _shutdown_hooks.append(hook)


class CloseServices(Middleware):
    """After the worker's threads have stopped, before the event loop does: close the pools."""

    def after_worker_shutdown(self, broker: dramatiq.Broker, worker: dramatiq.Worker) -> None:
        loop_thread = get_event_loop_thread()
        if loop_thread is not None:
            for hook in _shutdown_hooks:
                loop_thread.run_coroutine(hook())


class JobsBroker(RedisBroker):
    """RedisBroker whose queue maintenance can be asked for, not only left to chance.

    Dramatiq moves a dead worker's unfinished jobs back to their queue during "maintenance", which a
    Redis command triggers with a 0.1 % chance. The worker's keeper thread (app/jobs/metrics.py) asks
    for it every few seconds instead, so a job of a killed worker is redelivered within about
    JOBS_HEARTBEAT_TIMEOUT_S, not whenever luck has it.
    """

    _forced = threading.local()

    def _should_do_maintenance(self, command: str) -> int:
        if getattr(self._forced, "on", False):
            return 1
        return int(super()._should_do_maintenance(command))

    def maintain(self, queue_name: str) -> int:
        """Heartbeat, requeue dead workers' jobs and expire old dead letters; returns the queue length."""
        self._forced.on = True
        try:
            return int(self.do_qsize(queue_name))
        finally:
            self._forced.on = False


def _middleware(settings: Settings) -> list[Middleware]:
    return [
        QueueWait(),  # first: a job's wait ends when the worker takes it, before any other hook
        AgeLimit(),
        TimeLimit(time_limit=int(settings.jobs_time_limit_s * 1000), interval=250),
        ShutdownNotifications(),
        Callbacks(),
        Pipelines(),
        Retries(
            max_retries=settings.jobs_max_retries,
            min_backoff=int(settings.jobs_min_backoff_s * 1000),
            max_backoff=int(max(settings.jobs_min_backoff_s, 300) * 1000),
        ),
        AsyncIO(),
        CloseServices(),  # after AsyncIO: "after" hooks run last-first, so before the loop stops
        DeadLetters(settings.jobs_namespace),
    ]


def create_broker(settings: Settings) -> dramatiq.Broker:
    if not settings.jobs_broker_url:
        return StubBroker(middleware=_middleware(settings))
    return JobsBroker(
        url=settings.jobs_broker_url,
        namespace=settings.jobs_namespace,
        heartbeat_timeout=int(settings.jobs_heartbeat_timeout_s * 1000),
        middleware=_middleware(settings),
    )


@lru_cache
def get_broker() -> dramatiq.Broker:
    """Built once per process from the environment; actors are declared on it (app/jobs/actors.py)."""
    broker = create_broker(get_settings())
    dramatiq.set_broker(broker)
    return broker


def jobs_enabled() -> bool:
    """True when jobs go to a real broker; False: the web process does them itself, as before."""
    return isinstance(get_broker(), RedisBroker)


_in_worker = False


def mark_worker_process() -> None:
    """Called by `python -m app.jobs.worker` at start: this process runs the jobs, it never asks for one."""
    global _in_worker
    _in_worker = True


def worker_does_heavy_work() -> bool:
    """True in a web process with a broker: heavy work someone waits on is asked of a worker, urgently,
    instead of being done here; False in the worker itself and without a broker (done in-process)."""
    return jobs_enabled() and not _in_worker
