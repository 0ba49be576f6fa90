"""Queue figures for autoscaling and alarms, as CloudWatch Embedded Metric Format (EMF) lines.

A worker prints one JSON line on stdout every `PUBLISH_EVERY_S`; on ECS the awslogs driver ships it
to the worker's log group and CloudWatch turns its fields into metrics in JOBS_METRICS_NAMESPACE,
with no API call and no IAM permission. Metrics (no dimensions unless named):
- `QueueBacklog`: jobs waiting in the queue (the Redis list's length), the same figure from every
  worker; the ECS stack divides its Maximum by the running worker tasks to scale on backlog per task.
- `OldestJobAgeSeconds`: how long the job at the head of the queue has waited (0 when empty).
- `DeadLetters`: one per job that exhausted its retries (app/jobs/dead_letters.py).
Elsewhere (compose, dev) the lines are ordinary JSON log lines; nothing reads them.
"""

import json
import sys
import time
from typing import Any

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
