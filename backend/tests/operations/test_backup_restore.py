"""scripts/backup-db.sh and scripts/restore-db.sh against the real app, on the suite's database.

An advertiser's campaign is approved; the database is backed up while the app runs, then lost
(file deleted / DROP DATABASE) and restored. The campaign, its decisions and its approved
download (byte for byte) must be back. SQLite runs with local storage, so the media folder is
archived and restored too; PostgreSQL runs with S3 (moto_server), where files outlive the database.
"""

import asyncio
import hashlib
import shutil
import subprocess
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest

from app.core.config import Settings
from tests.support.apps import MakeApp
from tests.support.clients import make_client, sign_in
from tests.support.databases import drop_database, fresh_database
from tests.support.factories import UploadBuilder, jpeg
from tests.support.moto import MotoServer, create_bucket, fake_aws_credentials, running_moto_server

ROOT = Path(__file__).resolve().parents[3]
EMAIL = "backup-owner@example.com"


@pytest.fixture(scope="module")
def moto() -> Iterator[MotoServer]:
    with fake_aws_credentials(), running_moto_server() as server:
        create_bucket(server, "hibid-backup-test")
        yield server


@pytest.fixture
async def app_settings(settings: Settings, tmp_path: Path, request: pytest.FixtureRequest) -> AsyncIterator[Settings]:
    async with fresh_database(settings, tmp_path) as url:
        update: dict[str, object] = {"database_url": url, "media_root": tmp_path / "media"}
        if not settings.is_sqlite:
            server: MotoServer = request.getfixturevalue("moto")
            update |= {
                "storage_backend": "s3",
                "s3_bucket": "hibid-backup-test",
                "s3_endpoint_url": server.endpoint_url,
                "s3_prefix": tmp_path.name,
            }
        yield settings.model_copy(update=update)


async def run_script(*args: str) -> str:
    """Run one of the repository's scripts; fail the test with its output when it fails."""
    result = await asyncio.to_thread(
        subprocess.run, [str(ROOT / "scripts" / args[0]), *args[1:]], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, f"{args[0]} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


async def test_backup_drop_restore_keeps_the_approved_campaign(
    app_settings: Settings, make_app: MakeApp, tmp_path: Path
):
    backups = tmp_path / "backups"
    local_media = app_settings.storage_backend == "local"

    async with make_app(base=app_settings) as first, make_client(first, await sign_in(first, EMAIL)) as client:
        campaign = await UploadBuilder(client).approved(
            campaign_name="Backed Up Estate Sale", heroes=[("h.jpg", jpeg(1200, 800), "image/jpeg")]
        )
        cid = campaign["id"]
        before = (await client.get(f"/api/v1/campaigns/{cid}")).json()
        package = await client.get(f"/api/v1/download/{cid}")
        assert package.status_code == 200
        # Online backup: the app is still running.
        media_args = ["--media-dir", str(app_settings.media_root)] if local_media else []
        written = await run_script(
            "backup-db.sh",
            "--database-url",
            app_settings.database_url,
            "--out",
            str(backups),
            "--retention-days",
            "0",
            *media_args,
        )

    db_backup = next(Path(p) for p in written.split() if "hibid-sqlite-" in p or "hibid-pg-" in p)
    await drop_database(app_settings.database_url)
    if local_media:
        await asyncio.to_thread(shutil.rmtree, app_settings.media_root)

    restore_args = ["--yes", "--database-url", app_settings.database_url]
    if local_media:
        archive = next(p for p in written.split() if "hibid-media-" in p)
        restore_args += ["--media", archive, "--media-dir", str(app_settings.media_root)]
    await run_script("restore-db.sh", *restore_args, str(db_backup))

    async with (
        make_app(base=app_settings) as second,  # a fresh start on the restored database
        make_client(second, await sign_in(second, EMAIL, register=False)) as client,
    ):
        after = await client.get(f"/api/v1/campaigns/{cid}")
        assert after.status_code == 200
        restored = after.json()
        assert restored["status"] == "approved"
        assert restored["campaign_name"] == "Backed Up Estate Sale"
        assert restored["decisions"] == before["decisions"]
        assert restored["proof_versions"] == before["proof_versions"]
        download = await client.get(f"/api/v1/download/{cid}")
        assert download.status_code == 200
        assert hashlib.sha256(download.content).digest() == hashlib.sha256(package.content).digest()
        logo = next(a for a in restored["assets"] if a["role"] == "logo")
        media = await client.get(logo["url"].removeprefix("http://testserver"))
        assert media.status_code in (200, 307)  # local file, or a redirect to S3


async def test_restore_refuses_a_backup_of_the_other_kind(app_settings: Settings, tmp_path: Path):
    other = tmp_path / ("hibid-pg-20260101T000000Z.dump" if app_settings.is_sqlite else "hibid-sqlite-x.db.gz")
    other.write_bytes(b"not this database's kind")
    result = await asyncio.to_thread(
        subprocess.run,
        [str(ROOT / "scripts/restore-db.sh"), "--yes", "--database-url", app_settings.database_url, str(other)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "does not match DATABASE_URL" in result.stderr
