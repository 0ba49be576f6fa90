"""Benchmark: storage operations (p50/p95) on the local folder and on S3 over HTTP (moto_server).

What the pipeline does with files: put a 50 KB rendition, put and get a 1 MB photo, stream a
5 MB ZIP in 256 KB chunks (the download path), presign a URL (the /media redirect). Everything
stays on this machine: moto_server listens on loopback and stops with the script.

    ./scripts/bench.sh storage            # 30 samples each, ~20 s
    ./scripts/bench.sh storage --quick    # 5 samples each
"""

import argparse
import asyncio
import statistics
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable
from pathlib import Path

from app.core.config import Settings
from app.storage.base import Storage, new_key
from app.storage.local import LocalStorage
from app.storage.s3 import S3Storage
from bench.stats import percentile
from tests.support.moto import create_bucket, fake_aws_credentials, running_moto_server


async def timed(samples: int, op: Callable[[int], Awaitable[object]]) -> list[float]:
    await op(-1)  # warm-up: connection pool, file cache
    out = []
    for i in range(samples):
        started = time.perf_counter()
        await op(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


async def bench(name: str, storage: Storage, samples: int) -> None:
    cid = uuid.uuid4()
    small, photo, package = b"s" * 50_000, b"p" * 1_000_000, b"z" * 5_000_000
    photo_key, package_key = new_key(cid, "originals", "jpg"), new_key(cid, "packages", "zip")
    await storage.put(photo_key, photo, "image/jpeg")
    await storage.put(package_key, package, "application/zip")

    async def stream_all(_: int) -> None:
        async for _chunk in storage.stream(package_key):
            pass

    ops: dict[str, Callable[[int], Awaitable[object]]] = {
        "put 50 KB": lambda i: storage.put(new_key(cid, "email", "jpg"), small, "image/jpeg"),
        "put 1 MB": lambda i: storage.put(new_key(cid, "originals", "jpg"), photo, "image/jpeg"),
        "get 1 MB": lambda i: storage.get(photo_key),
        "stream 5 MB": stream_all,
        "url (presign)": lambda i: storage.url(photo_key),
    }
    for op_name, op in ops.items():
        ms = await timed(samples, op)
        print(
            f"{name:6} {op_name:14} p50 {percentile(ms, 50):7.2f} ms   p95 {percentile(ms, 95):7.2f} ms"
            f"   mean {statistics.mean(ms):7.2f} ms   n={len(ms)}"
        )
    await storage.close()


async def run(samples: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        await bench("local", LocalStorage(Path(tmp) / "media", "http://localhost:8000"), samples)
    with fake_aws_credentials(), running_moto_server() as server:
        create_bucket(server, "bench")
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            storage_backend="s3",
            s3_bucket="bench",
            s3_endpoint_url=server.endpoint_url,
            aws_region=server.region,
            frontend_dist=None,
        )
        await bench("s3", S3Storage(settings), samples)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="bench storage", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--quick", action="store_true", help="5 samples per operation")
    parser.add_argument("--samples", type=int, default=30)
    args = parser.parse_args(argv)
    asyncio.run(run(5 if args.quick else args.samples))
    return 0
