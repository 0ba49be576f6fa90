"""`python -m app.jobs.migrate`: the one-off deploy task of the ECS stack (docs/DEPLOYMENT.md E5).

Applies every migration, then creates FIRST_ADMIN_EMAIL if it is set and no such account exists. Run
once per deploy, before the new tasks start: the tasks themselves never migrate
(RUN_MIGRATIONS_ON_START=false), so several of them starting at once cannot race on the schema.
"""

import asyncio
import logging

from app.auth.service import ensure_first_admin
from app.core.config import get_settings
from app.core.db import create_engine, create_sessionmaker, run_migrations
from app.core.logging import configure_logging

logger = logging.getLogger("app.jobs.migrate")


async def main() -> None:
    settings = get_settings()
    configure_logging(settings.log_level)
    await run_migrations(settings)
    engine = create_engine(settings)
    try:
        await ensure_first_admin(create_sessionmaker(engine), settings)
    finally:
        await engine.dispose()
    logger.info("database migrated")


if __name__ == "__main__":
    asyncio.run(main())
