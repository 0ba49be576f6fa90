"""`bench copy`: the facts corpus through both writers, in-process, on a throwaway SQLite database.

Per writer (offline; OpenAI against the loopback OpenAI-compatible server): fact recall (the share of the
record's dates, times, amounts, phones, e-mails, URLs, street address and lot count found in the HTML and in
the plain text), invented facts, subject-line lengths (max / mean) and POST /process p50/p95.
"""

import argparse
import asyncio
import logging
import statistics
import tempfile
import time
from pathlib import Path

from app.copywriting.facts_record import AuctionFactsRecord
from app.main import create_app
from bench.stats import percentile
from tests.copywriting.corpus import load_corpus, record_facts
from tests.copywriting.test_corpus_email import _allowed, invented_in, missing_in, visible_text
from tests.support.clients import signed_in_client
from tests.support.factories import UploadBuilder
from tests.support.fake_openai import running_fake_openai


async def _run_writer(settings_changes: dict[str, object], data: Path) -> dict[str, object]:
    from app.core.config import Settings

    values: dict[str, object] = {
        "environment": "test",
        "database_url": f"sqlite+aiosqlite:///{data / 'copy.db'}",
        "media_root": data / "media",
        "backend_url": "http://bench",
        "frontend_dist": None,
        "log_level": "ERROR",
        "rate_limit_enabled": False,
        "secret_key": "bench-copy-" + "x" * 40,
        **settings_changes,
    }
    settings = Settings(
        _env_file=None,
        **{k: v for k, v in values.items() if k in Settings.model_fields},
    )  # type: ignore[arg-type]
    app = create_app(settings)
    totals = {"facts": 0, "in_html": 0, "in_text": 0, "invented": 0}
    subjects: list[int] = []
    process_s: list[float] = []
    sources: dict[str, int] = {}
    async with app.router.lifespan_context(app):
        client = await signed_in_client(app)
        try:
            uploads = UploadBuilder(client)
            for a in load_corpus():
                campaign = await uploads.create(heroes=[], **a.fields)
                cid = campaign["id"]
                started = time.perf_counter()
                r = await client.post(f"/api/v1/process/{cid}")
                process_s.append(time.perf_counter() - started)
                r.raise_for_status()
                result = r.json()
                sources[result["source"]] = sources.get(result["source"], 0) + 1
                subjects += [len(s) for s in result["copy"]["subject_lines"]]
                proof = (await client.post(f"/api/v1/generate/{cid}")).json()
                page = (await client.get(f"/api/v1/preview/{cid}", params={"format": "html"})).text
                record = AuctionFactsRecord.model_validate(result["copy"]["facts"])
                facts = sum(len(v) for v in record_facts(record).values())
                shown = visible_text(page)
                lost_html = sum(len(v) for v in missing_in(record, shown, page).values())
                lost_text = sum(len(v) for v in missing_in(record, proof["text"]).values())
                allowed = _allowed(a, result["copy"])
                totals["facts"] += facts
                totals["in_html"] += facts - lost_html
                totals["in_text"] += facts - lost_text
                totals["invented"] += len(
                    set(invented_in(record, shown, allowed)) | set(invented_in(record, proof["text"], allowed))
                )
        finally:
            await client.aclose()
    ms = [t * 1000 for t in process_s]
    return {
        **totals,
        "subject_max": max(subjects),
        "subject_mean": statistics.fmean(subjects),
        "p50_ms": percentile(ms, 50),
        "p95_ms": percentile(ms, 95),
        "sources": sources,
    }


async def _main() -> int:
    logging.disable(logging.WARNING)
    rows = []
    with (
        tempfile.TemporaryDirectory(prefix="bench-copy-") as tmp,
        running_fake_openai("ok") as fake,
    ):
        for label, changes in (
            ("offline", {}),
            (
                "openai (loopback)",
                {"openai_api_key": "sk-bench", "openai_base_url": fake.base_url},
            ),
        ):
            data = Path(tmp) / label.split()[0]
            data.mkdir()
            rows.append((label, await _run_writer(changes, data)))
    print(f"\nfacts corpus: {len(load_corpus())} announcements, one advertiser, in-process app on SQLite")
    print(
        f"{'writer':<19}{'facts':>6}{'html %':>8}{'text %':>8}{'invented':>9}{'subj max':>9}{'subj mean':>10}"
        f"{'p50 ms':>8}{'p95 ms':>8}  source"
    )
    ok = True
    for label, r in rows:
        html_pct = 100 * r["in_html"] / r["facts"]  # type: ignore[operator]
        text_pct = 100 * r["in_text"] / r["facts"]  # type: ignore[operator]
        ok &= html_pct == 100 and text_pct == 100 and r["invented"] == 0 and r["subject_max"] <= 60  # type: ignore[operator]
        source = ", ".join(f"{k}×{v}" for k, v in r["sources"].items())  # type: ignore[attr-defined]
        print(
            f"{label:<19}{r['facts']:>6}{html_pct:>8.1f}{text_pct:>8.1f}{r['invented']:>9}{r['subject_max']:>9}"
            f"{r['subject_mean']:>10.1f}{r['p50_ms']:>8.0f}{r['p95_ms']:>8.0f}  {source}"
        )
    return 0 if ok else 1


def main(argv: list[str] | None = None) -> int:
    argparse.ArgumentParser(
        prog="bench copy", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    ).parse_args(argv)
    return asyncio.run(_main())
