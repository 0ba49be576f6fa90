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


def main(argv: list[str]) -> int:
    """`python -m app.jobs.dead_letters [list [N] | retry MESSAGE_ID]` (docs/RUNBOOK.md "Dead letters")."""
    from app.core.config import get_settings  # noqa: PLC0415 - a command, not the middleware's import
    from app.jobs.broker import get_broker, queue_of  # noqa: PLC0415

    settings = get_settings()
    broker = get_broker()
    client = getattr(broker, "client", None)
    if client is None:
        print("JOBS_BROKER_URL is not set: jobs run in the web processes and nothing is dead-lettered here.")
        return 2
    command = argv[0] if argv else "list"
    if command == "list":
        for record in recent(client, settings.jobs_namespace, int(argv[1]) if len(argv) > 1 else 50):
            print(json.dumps(record))
        return 0
    if command == "retry" and len(argv) == 2:
        found = next((r for r in recent(client, settings.jobs_namespace, KEPT) if r["message_id"] == argv[1]), None)
        if found is None:
            print(f"no dead letter {argv[1]} among the last {KEPT}")
            return 1
        message: dramatiq.Message[Any] = dramatiq.Message(
            queue_name=queue_of(found["actor"]),
            actor_name=found["actor"],
            args=tuple(found["job_args"]),
            kwargs=found["job_kwargs"],
            options={},
        )
        print(f"queued again as {broker.enqueue(message).message_id}")
        return 0
    print(main.__doc__)
    return 2


if __name__ == "__main__":
    import sys

    sys.exit(main(sys.argv[1:]))
