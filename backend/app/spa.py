"""Serves the built web app (frontend/dist) at `/`, with a fallback to index.html for client routes."""

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

_NOT_SPA = ("api/", "media/", "health", "docs", "redoc", "openapi.json", "metrics")


def mount_spa(app: FastAPI, dist: Path) -> None:
    index = dist / "index.html"
    if not index.is_file():
        return
    assets = dist / "assets"
    if assets.is_dir():
        app.mount("/assets", StaticFiles(directory=assets), name="spa-assets")

    # Top-level files (favicon, robots.txt...) are listed once; everything else is a client route.
    top_level = {p.name for p in dist.iterdir() if p.is_file() and p.name != "index.html"}

    @app.get("/{path:path}", include_in_schema=False)
    async def spa(path: str) -> Response:
        if path.startswith(_NOT_SPA):
            return JSONResponse({"detail": "Not found", "code": "not_found"}, status_code=404)
        if path in top_level:
            return FileResponse(dist / path)
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
