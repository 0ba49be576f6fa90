"""Liveness and readiness probes."""

import asyncio

from fastapi import APIRouter
from pydantic import BaseModel
from sqlalchemy import text

from app.core.deps import EngineDep
from app.core.errors import ServiceUnavailable, error_responses
from app.storage.deps import StorageDep

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    status: str
    database: str
    storage: str


@router.get("/health", summary="Liveness: the process answers (touches no dependency)", response_model=Health)
async def health() -> Health:
    return Health(status="ok")


@router.get(
    "/health/ready",
    summary="Readiness: the database and the storage answer",
    response_model=Readiness,
    responses=error_responses(ServiceUnavailable),
)
async def ready(engine: EngineDep, storage: StorageDep) -> Readiness:
    try:
        async with asyncio.timeout(3):
            async with engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
    except Exception as exc:
        raise ServiceUnavailable("The database is not reachable.", code="database_unavailable") from exc
    try:
        async with asyncio.timeout(3):
            await storage.check()
    except Exception as exc:
        raise ServiceUnavailable("The file storage is not reachable.", code="storage_unavailable") from exc
    return Readiness(status="ok", database="ok", storage="ok")
