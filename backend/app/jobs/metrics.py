"""Queue figures for autoscaling and alarms, as CloudWatch Embedded Metric Format (EMF) lines.

A worker prints one JSON line on stdout every `PUBLISH_EVERY_S`; on ECS the awslogs driver ships it
to the worker's log group and CloudWatch turns its fields into metrics in JOBS_METRICS_NAMESPACE,
with no API call and no IAM permission. Metrics (no dimensions unless named):
- `QueueBacklog`: jobs waiting in the queues (`waited` and `default`: the Redis lists' lengths), the
  same figure from every worker; the ECS stack divides its Maximum by the running worker tasks to
  scale on backlog per task.
- `OldestJobAgeSeconds`: how long the oldest job at the head of a queue has waited (0 when empty).
- `DeadLetters`: one per job that exhausted its retries (app/jobs/dead_letters.py).
- `QueueWaitSeconds` and `JobSeconds` (dimension `Actor`): per job, its wait in the queue and its run
  time (`QueueWait` below).
Elsewhere (compose, dev) the lines are ordinary JSON log lines (the scale benchmark reads them).
"""

import json
import sys
import time
from typing import Any

from dramatiq import Broker
from dramatiq.broker import MessageProxy
from dramatiq.middleware import Middleware

from app.core.config import get_settings

PUBLISH_EVERY_S = 15.0


def emit(values: dict[str, float], dimensions: dict[str, str] | None = None) -> None:
    dimensions = dimensions or {}
    line: dict[str, Any] = {
        "_aws": {
            "Timestamp": int(time.time() * 1000),
            "CloudWatchMetrics": [
                {
                    "Namespace": get_settings().jobs_metrics_namespace,
                    "Dimensions": [list(dimensions)],
                    "Metrics": [
                        {"Name": name, "Unit": "Seconds" if name.endswith("Seconds") else "Count"} for name in values
                    ],
                }
            ],
        },
        "event": "job_metrics",
        **dimensions,
        **values,
    }
    sys.stdout.write(json.dumps(line) + "\n")
    sys.stdout.flush()


def queue_figures(client: Any, namespace: str, queue: str) -> tuple[int, float]:
    """(jobs waiting, seconds the oldest has waited) from the broker's Redis keys."""
    key = f"{namespace}:{queue}"
    backlog = int(client.llen(key))
    age = 0.0
    head = client.lindex(key, 0)
    if head is not None:
        raw = client.hget(f"{key}.msgs", head)
        if raw is not None:
            enqueued_ms = json.loads(raw).get("message_timestamp")
            if enqueued_ms:
                age = max(0.0, time.time() - enqueued_ms / 1000)
    return backlog, age


class QueueWait(Middleware):
    """Per job, when a worker starts it: `QueueWaitSeconds`, the time since it was queued (or, for a
    retry, since its backoff ended), and when it ends `JobSeconds`, how long it ran; both with the
    dimension `Actor`. The p95 of the first is the queue's service level (scripts/bench/scale.py
    reads these lines); a growing one means too few workers before any backlog alarm fires.
    """

    def __init__(self) -> None:
        self._started: dict[str, float] = {}  # message id → monotonic start, for the jobs under way

    def before_process_message(self, broker: Broker, message: MessageProxy) -> None:
        now_ms = time.time() * 1000
        queued_ms = max(message.message_timestamp, int(message.options.get("eta") or 0))
        self._started[message.message_id] = time.monotonic()
        emit({"QueueWaitSeconds": round(max(0.0, now_ms - queued_ms) / 1000, 4)}, {"Actor": message.actor_name})

    def after_process_message(
        self, broker: Broker, message: MessageProxy, *, result: object = None, exception: BaseException | None = None
    ) -> None:
        started = self._started.pop(message.message_id, None)
        if started is not None:
            emit({"JobSeconds": round(time.monotonic() - started, 4)}, {"Actor": message.actor_name})

    after_skip_message = after_process_message
