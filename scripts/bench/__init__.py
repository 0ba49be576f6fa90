"""The benchmarks: `python -m bench <sub-command>` (see __main__.py; ./scripts/bench.sh runs it)."""
