"""The two entry points a newcomer types: ./scripts/test.sh [suite…] and ./scripts/bench.sh <sub-command>.

Only their wiring runs here (listing, refusing an unknown name, every sub-command's --help): the suites
and the benchmarks themselves run in test.sh.
"""

import importlib
import os
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SUITES = ["backend", "email", "frontend", "e2e-browser", "e2e-s3", "infra", "e2e-production", "schemathesis", "bench"]
BENCHMARKS = ["flow", "scale", "process", "generate", "live-preview", "steps", "storage", "copy"]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603 (our own scripts, fixed arguments)
        [str(ROOT / "scripts" / args[0]), *args[1:]],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": ""},
        check=False,
    )


def test_test_sh_lists_every_suite_and_each_has_a_command():
    listed = run("test.sh", "--list")
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.splitlines()] == SUITES
    for suite in SUITES:
        if suite not in ("infra", "bench"):  # check-infra.sh and bench.sh: documented on their own
            assert os.access(ROOT / "scripts" / "suites" / f"{suite}.sh", os.X_OK), suite


def test_test_sh_refuses_an_unknown_suite_before_running_anything():
    result = run("test.sh", "backend", "no-such-suite")
    assert result.returncode == 2
    assert "unknown suite 'no-such-suite'" in result.stderr
    assert all(suite in result.stderr for suite in SUITES)  # the error lists what exists
    assert "suite: backend" not in result.stdout  # nothing ran


def test_bench_sh_lists_its_sub_commands_and_refuses_an_unknown_one():
    listed = run("bench.sh", "--help")
    assert listed.returncode == 0, listed.stderr
    assert [line.split()[0] for line in listed.stdout.split("sub-commands:\n")[1].splitlines()] == BENCHMARKS
    unknown = run("bench.sh", "no-such-benchmark")
    assert unknown.returncode == 2
    assert "unknown sub-command 'no-such-benchmark'" in unknown.stderr


def test_every_bench_sub_command_imports_and_shows_its_options(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
):
    # In-process (what bench.sh does, minus a Python start per sub-command): scripts/ on the path.
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))
    commands = importlib.import_module("bench.__main__").COMMANDS
    assert list(commands) == BENCHMARKS
    for name, (module_name, _) in commands.items():
        module = importlib.import_module(module_name)
        with pytest.raises(SystemExit) as exit_:
            module.main(["--help"])
        assert exit_.value.code == 0, name
        assert f"usage: bench {name}" in capsys.readouterr().out, name
