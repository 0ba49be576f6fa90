"""What is kept of a job that failed every retry, or was refused outright.

Dramatiq itself keeps the message in `<namespace>:<queue>.XQ` for seven days (what a requeue needs).
On top of that, for people, each dead letter is:
- a JSON summary pushed onto the Redis list `<namespace>:dead-letters` (newest first, the last
  `KEPT` only): actor, arguments (job_args, job_kwargs), retries, the last error line and when;
- an ERROR log line with `"event": "job_dead_lettered"`;
- a `DeadLetters` count in CloudWatch (app/jobs/metrics.py, Embedded Metric Format), which the ECS
  stack alarms on. docs/RUNBOOK.md "Dead letters" says how to read and replay them.
"""

import json
import logging
import time
from typing import Any

import dramatiq
from dramatiq.broker import MessageProxy
from dramatiq.middleware import Middleware

from app.jobs import metrics

logger = logging.getLogger(__name__)

KEPT = 1000


def dead_letters_key(namespace: str) -> str:
    return f"{namespace}:dead-letters"


def _last_error(message: MessageProxy) -> str:
    trace = str(message.options.get("traceback") or "").strip().splitlines()
    return trace[-1][:500] if trace else ""


class DeadLetters(Middleware):
    def __init__(self, namespace: str) -> None:
        self.namespace = namespace

    def after_nack(self, broker: dramatiq.Broker, message: MessageProxy) -> None:
        record = {
            "message_id": message.message_id,
            "actor": message.actor_name,
            "queue": message.queue_name,
            "job_args": list(message.args),
            "job_kwargs": message.kwargs,
            "retries": int(message.options.get("retries", 0)),
            "error": _last_error(message),
            "enqueued_at_ms": message.message_timestamp,
            "dead_at_ms": int(time.time() * 1000),
        }
        logger.error("job dead-lettered", extra={"event": "job_dead_lettered", **record})
        metrics.emit({"DeadLetters": 1})  # no dimension: the alarm watches the total; the log line names the actor
        client = getattr(broker, "client", None)
        if client is None:
            return
        key = dead_letters_key(self.namespace)
        try:
            client.pipeline().lpush(key, json.dumps(record, default=str)).ltrim(key, 0, KEPT - 1).execute()
        except Exception:  # the log line and the metric above still record it
            logger.warning("could not store the dead letter in Redis", exc_info=True)


def recent(client: Any, namespace: str, limit: int = 50) -> list[dict[str, Any]]:
    """The newest dead letters, newest first (for the runbook's `python -m app.jobs.dead_letters`)."""
    return [json.loads(raw) for raw in client.lrange(dead_letters_key(namespace), 0, limit - 1)]
