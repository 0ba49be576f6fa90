"""Run every test module on its own (one pytest process each), and optionally a sample of single tests.

    cd backend && .venv/bin/python -m tests.support.each_module [--jobs N] [--sample K] [--seed S] [paths...]

A module that passes in the whole suite but fails alone leans on something another module left behind
(an account, a file, a started server). Exit status 1 when any run failed; the failures are listed last.
Extra pytest options go after `--` (for example `-- -p randomly`).
"""

import argparse
import random
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2]


def modules(paths: list[str]) -> list[str]:
    roots = [BACKEND / p for p in paths] if paths else [BACKEND / "tests"]
    found: list[Path] = []
    for root in roots:
        found += [root] if root.is_file() else sorted(root.rglob("test_*.py"))
    return [str(p.relative_to(BACKEND)) for p in found]


def test_ids(paths: list[str]) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--collect-only", "-p", "no:cacheprovider", *paths],
        cwd=BACKEND,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in out.splitlines() if "::" in line]


def run(target: str, extra: list[str]) -> tuple[str, int, float, str]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra, target],
        cwd=BACKEND,
        capture_output=True,
        text=True,
    )
    tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-15:])
    return target, result.returncode, time.perf_counter() - started, tail


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("paths", nargs="*", help="folders or modules under backend/ (default: tests)")
    parser.add_argument("--jobs", type=int, default=2, help="pytest processes at once (default 2)")
    parser.add_argument("--sample", type=int, default=0, help="also run this many single tests, picked at random")
    parser.add_argument("--seed", type=int, default=None, help="seed for the sample (printed when not given)")
    argv = sys.argv[1:]
    extra = argv[argv.index("--") + 1 :] if "--" in argv else []
    args = parser.parse_args(argv[: argv.index("--")] if "--" in argv else argv)

    targets = modules(args.paths)
    if not targets:
        print(f"no test modules under {args.paths or ['tests']}", file=sys.stderr)
        return 2
    if args.sample:
        seed = args.seed if args.seed is not None else random.randrange(1_000_000)
        print(f"sample seed {seed}", flush=True)
        ids = test_ids(targets)
        targets += random.Random(seed).sample(ids, min(args.sample, len(ids)))

    failed: list[tuple[str, int, str]] = []
    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for target, code, seconds, tail in pool.map(lambda t: run(t, extra), targets):
            # 5: nothing collected (a module whose tests are all deselected) is not a failure
            ok = code in (0, 5)
            print(f"{'ok  ' if ok else 'FAIL'} {seconds:6.1f} s  {target}", flush=True)
            if not ok:
                failed.append((target, code, tail))
    for target, code, tail in failed:
        print(f"\n--- {target} (exit {code})\n{tail}")
    print(f"\n{len(targets) - len(failed)} of {len(targets)} passed on their own")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
