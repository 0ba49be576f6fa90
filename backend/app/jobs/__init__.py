"""Background jobs on Dramatiq (Redis), or in the web process when JOBS_BROKER_URL is empty.

- `broker`: the one broker of this process, built from the settings (a stub when jobs run in-process).
- `actors`: the jobs themselves (photo renditions, download ZIPs, picture proofs), idempotent: a job
  run twice does no harm.
- `enqueue`: how the web process hands a job over without blocking its event loop.
- `dead_letters`: what is kept of a job that failed every retry (a Redis list, a log line, a metric).
- `metrics`: queue backlog and age for autoscaling and alarms (CloudWatch Embedded Metric Format).
- `worker`: `python -m app.jobs.worker`, one process running jobs in threads.
"""
