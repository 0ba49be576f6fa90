"""Every benchmark behind one entry point: `python -m bench <sub-command> [options]`.

Run it through ./scripts/bench.sh (it sets PYTHONPATH once: scripts/ for this package, backend/ for the
app and the test helpers some benchmarks reuse). `./scripts/bench.sh <sub-command> --help` shows that
sub-command's options.
"""

import importlib
import sys

# name -> (module in this package, what it measures). A module exposes main(argv: list[str] | None) -> int.
COMMANDS: dict[str, tuple[str, str]] = {
    "flow": ("bench.load", "the advertiser flow at 1/10/50 advertisers, uvicorn with workers, SQLite + PostgreSQL"),
    "scale": ("bench.scale", "50 advertisers against 2 web + 1 worker processes: per-step p50/p95, queue wait p95"),
    "process": ("bench.process", "POST /process: offline writer, AI provider answering in 1 s and in 10 s"),
    "generate": ("bench.generate", "POST /generate with three photos, picture proofs cold and warm"),
    "live-preview": ("bench.live_preview", "the copy editor's live preview, p50/p95 per update"),
    "steps": ("bench.steps", "the server's CPU seconds per step, one worker, steps back to back"),
    "storage": ("bench.storage", "storage operations on the local folder and on S3 over HTTP (moto_server)"),
    "copy": ("bench.copy", "the facts corpus through both writers: recall, invented facts, /process p50/p95"),
}


def usage() -> str:
    width = max(map(len, COMMANDS))
    lines = [f"  {name:<{width}}  {about}" for name, (_, about) in COMMANDS.items()]
    return "usage: ./scripts/bench.sh <sub-command> [options]\n\nsub-commands:\n" + "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(usage())
        return 0 if args else 2
    name, rest = args[0], args[1:]
    if name not in COMMANDS:
        print(f"bench: unknown sub-command {name!r}\n\n{usage()}", file=sys.stderr)
        return 2
    module = importlib.import_module(COMMANDS[name][0])
    return int(module.main(rest))


if __name__ == "__main__":
    sys.exit(main())
