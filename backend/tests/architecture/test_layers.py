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
    result = run_contracts(tmp_path)
    assert result.returncode != 0
    assert "core is the kit: it imports no domain BROKEN" in result.stdout
    assert "app.core.clock -> app.campaigns.models" in result.stdout
    assert "app.campaigns.status -> app.reviews.models" in result.stdout
