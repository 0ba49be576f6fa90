"""The copy writer a handler asks for (built once in app.api.services)."""

from typing import Annotated

from fastapi import Depends, Request

from app.copywriting.base import CopyWriter


def get_writer(request: Request) -> CopyWriter:
    writer: CopyWriter = request.app.state.services.writer
    return writer


WriterDep = Annotated[CopyWriter, Depends(get_writer)]
