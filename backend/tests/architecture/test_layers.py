"""The layering written in backend/.importlinter holds: core imports no domain, no cycles between domains."""

import shutil
import subprocess
import sys
from pathlib import Path

BACKEND = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"


def run_contracts(root: Path) -> subprocess.CompletedProcess[str]:
    """import-linter over the `app` package found in `root` (with backend/.importlinter)."""
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", str(BACKEND / ".importlinter")],
        cwd=root,
        env={"PYTHONPATH": str(root), "PATH": str(LINT_IMPORTS.parent)},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_code_keeps_every_contract() -> None:
    result = run_contracts(BACKEND)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def test_an_import_against_the_layers_breaks_the_check(tmp_path: Path) -> None:
    # The check must be able to fail: core importing a domain, and a lower domain importing a higher one.
    shutil.copytree(BACKEND / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    with (tmp_path / "app" / "core" / "clock.py").open("a") as f:
        f.write("\nfrom app.campaigns import models as _campaign_models  # noqa\n")
    with (tmp_path / "app" / "campaigns" / "status.py").open("a") as f:
        f.write("\nfrom app.reviews import models as _review_models  # noqa\n")
    with (tmp_path / "app" / "delivery" / "models.py").open("a") as f:  # a higher layer, but a private module
        f.write("\nfrom app.proofs import palette as _palette  # noqa\n")
    result = run_contracts(tmp_path)
    assert result.returncode != 0
    assert "core is the kit: it imports no domain BROKEN" in result.stdout
    assert "app.core.clock -> app.campaigns.models" in result.stdout
    assert "app.campaigns.status -> app.reviews.models" in result.stdout
    assert "Other domains use proofs only through its public modules" in result.stdout
    assert "app.delivery.models -> app.proofs.palette" in result.stdout


# The worker's entry point (app/jobs: worker, actors, services, migrate) is wiring like app.main: it composes the
# domains. The rest of app.jobs (broker, enqueue, dead letters, metrics) is infrastructure the domains use.
ENTRY_POINTS = {"app.main", "app.models", "app.api", "app.jobs.worker", "app.jobs.actors", "app.jobs.services"}
ENTRY_POINTS |= {"app.jobs.migrate", "app.api_docs", "app.spa", "app.migrations"}


def _package(module: str) -> str | None:
    """`app.campaigns.upload` → `app.campaigns`; None for the entry points, which may import anything."""
    if any(module == e or module.startswith(e + ".") for e in ENTRY_POINTS):
        return None
    parts = module.split(".")
    return ".".join(parts[:2]) if len(parts) > 1 else None


def package_cycles() -> list[list[str]]:
    """Every cycle between two or more of app's packages (domain → domain imports, entry points left out)."""
    import grimp

    graph = grimp.build_graph("app")
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        source = _package(module)
        if source is None:
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            target = _package(imported)
            if target is not None and target != source:
                edges.setdefault(source, set()).add(target)
    cycles, seen = [], set()
    for start in sorted(edges):
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in sorted(edges.get(node, ())):
                if nxt == start:
                    key = frozenset(path)
                    if key not in seen:
                        seen.add(key)
                        cycles.append(path + [start])
                elif nxt not in path and nxt > start:  # each cycle found once, from its smallest package
                    stack.append((nxt, path + [nxt]))
    return cycles


def test_no_cycles_between_domains() -> None:
    assert package_cycles() == []


def test_the_cycle_check_finds_a_cycle(tmp_path: Path, monkeypatch) -> None:
    shutil.copytree(BACKEND / "app", tmp_path / "app", ignore=shutil.ignore_patterns("__pycache__"))
    with (tmp_path / "app" / "campaigns" / "status.py").open("a") as f:  # campaigns → proofs → campaigns
        f.write("\nfrom app.proofs import models as _proof_models  # noqa\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    for name in [m for m in sys.modules if m == "app" or m.startswith("app.")]:
        monkeypatch.delitem(sys.modules, name)  # grimp finds `app` through sys.path: the copy, not the real one
    assert ["app.campaigns", "app.proofs", "app.campaigns"] in package_cycles()
