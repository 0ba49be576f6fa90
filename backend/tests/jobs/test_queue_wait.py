"""Each job's wait in the queue and its run time, as metric lines a worker prints (app/jobs/metrics.py)."""

import json
import time

import dramatiq
import pytest
from dramatiq.broker import MessageProxy
from dramatiq.brokers.stub import StubBroker

from app.jobs.metrics import QueueWait


def _message(queued_s_ago: float, **options: object) -> MessageProxy:
    message: dramatiq.Message[object] = dramatiq.Message(
        queue_name="default", actor_name="render_photo", args=("a",), kwargs={}, options=dict(options)
    )
    return MessageProxy(message._replace(message_timestamp=int((time.time() - queued_s_ago) * 1000)))


def _metrics(out: str) -> list[dict]:
    return [json.loads(line) for line in out.splitlines() if line.startswith("{")]


def test_a_job_reports_how_long_it_waited_in_the_queue_and_how_long_it_ran(capsys: pytest.CaptureFixture[str]):
    middleware, broker = QueueWait(), StubBroker()
    message = _message(queued_s_ago=2.0)
    middleware.before_process_message(broker, message)
    time.sleep(0.05)
    middleware.after_process_message(broker, message, result=None)
    wait, ran = _metrics(capsys.readouterr().out)
    assert wait["Actor"] == "render_photo" and 1.9 <= wait["QueueWaitSeconds"] <= 2.5
    assert wait["_aws"]["CloudWatchMetrics"][0]["Dimensions"] == [["Actor"]]
    assert 0.05 <= ran["JobSeconds"] < 1.0


def test_a_retry_waits_from_the_end_of_its_backoff_not_from_the_first_enqueue(capsys: pytest.CaptureFixture[str]):
    middleware, broker = QueueWait(), StubBroker()
    # First queued a minute ago, failed, and retried with a backoff that ended 0.3 s ago.
    message = _message(queued_s_ago=60.0, eta=int((time.time() - 0.3) * 1000), retries=1)
    middleware.before_process_message(broker, message)
    (wait,) = _metrics(capsys.readouterr().out)
    assert 0.25 <= wait["QueueWaitSeconds"] < 5.0
