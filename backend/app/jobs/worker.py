"""`python -m app.jobs.worker [module ...]`: one process running jobs from JOBS_BROKER_URL.

Runs JOBS_WORKER_THREADS jobs at once (their CPU work in the lower-priority image pool; the whole
process JOBS_WORKER_NICENESS lower still, where it shares a host with web processes), until
SIGTERM or SIGINT: then it stops taking jobs, lets the running ones finish (up to STOP_TIMEOUT_S;
ECS gives the task 120 s) and hands prefetched ones back to the queue. A worker killed outright
(SIGKILL, a lost task) stops heartbeating; after JOBS_HEARTBEAT_TIMEOUT_S another worker's keeper
puts its unfinished jobs back on the queue, and they run again (the jobs are idempotent).

Extra module names on the command line are imported too (their actors join this worker).
One process per container: scale with more tasks or `docker compose up --scale worker=N`.
"""

import importlib
import logging
import os
import signal
import sys
import threading
import time
from types import FrameType

import dramatiq

from app.core.config import get_settings
from app.core.logging import configure_logging
from app.core.workers import configure_workers
from app.images.decode_budget import configure_decode_budget
from app.jobs import metrics
from app.jobs.broker import QUEUES, JobsBroker, get_broker, mark_worker_process

logger = logging.getLogger("app.jobs.worker")

STOP_TIMEOUT_S = 100
# How long an idle consumer waits, at most, before asking Redis again (Dramatiq's default is 1000 ms:
# on a quiet system a job someone is waiting on then sat 0.4 s p50, 0.9 s p95 before a worker took it).
# 4 queues polled at most 5 times a second each cost Redis nothing that shows.
POLL_MS = 200
# What a worker reads: each queue and its delay queue (retries waiting out their backoff).
CONSUMED = (*QUEUES, *(f"{queue}.DQ" for queue in QUEUES))


def _keeper(broker: JobsBroker, namespace: str, stopping: threading.Event, heartbeat_s: float) -> None:
    """Heartbeat and maintenance (redelivery of dead workers' jobs) on a clock; queue metrics."""
    next_metrics = 0.0
    while not stopping.wait(heartbeat_s):
        try:
            for queue in CONSUMED:
                broker.maintain(queue)
            if time.monotonic() >= next_metrics:
                figures = [metrics.queue_figures(broker.client, namespace, queue) for queue in QUEUES]
                backlog, age = sum(f[0] for f in figures), max(f[1] for f in figures)
                metrics.emit({"QueueBacklog": backlog, "OldestJobAgeSeconds": round(age, 1)})
                next_metrics = time.monotonic() + metrics.PUBLISH_EVERY_S
        except Exception:  # Redis away for a moment: the worker's own fetches retry; so do we
            logger.warning("job queue maintenance failed", exc_info=True)


def main(argv: list[str]) -> int:
    settings = get_settings()
    configure_logging(settings.log_level)
    broker = get_broker()
    mark_worker_process()
    if not isinstance(broker, JobsBroker):
        logger.error("JOBS_BROKER_URL is not set: jobs run inside the web processes, no worker is needed")
        return 2
    if settings.jobs_worker_niceness and hasattr(os, "nice"):
        # Before any thread starts: Linux sets niceness per thread, and new threads inherit it.
        os.nice(settings.jobs_worker_niceness)
    configure_workers(settings.cpu_workers, settings.image_workers, settings.image_niceness, settings.password_workers)
    configure_decode_budget(settings.image_decode_budget_mb * 1024 * 1024)
    importlib.import_module("app.jobs.actors")
    for module in argv:
        importlib.import_module(module)

    broker.emit_after("process_boot")
    worker = dramatiq.Worker(
        broker, queues=set(CONSUMED), worker_threads=settings.jobs_worker_threads, worker_timeout=POLL_MS
    )
    worker.start()
    stopping = threading.Event()
    heartbeat_s = max(0.5, min(5.0, settings.jobs_heartbeat_timeout_s / 4))
    keeper = threading.Thread(
        target=_keeper, args=(broker, settings.jobs_namespace, stopping, heartbeat_s), name="jobs-keeper", daemon=True
    )
    keeper.start()
    logger.info(
        "worker started",
        extra={"pid": os.getpid(), "broker_id": broker.broker_id, "threads": settings.jobs_worker_threads},
    )

    def _stop(signum: int, _frame: FrameType | None) -> None:
        logger.info("worker stopping", extra={"signal": signal.Signals(signum).name})
        stopping.set()

    signal.signal(signal.SIGTERM, _stop)
    signal.signal(signal.SIGINT, _stop)
    while not stopping.wait(1):
        pass
    worker.stop(timeout=STOP_TIMEOUT_S * 1000)
    broker.close()
    logger.info("worker stopped")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
