"""Chooses the copy writer from Settings, in one place."""

from app.copywriting.base import CopyWriter
from app.copywriting.offline import OfflineWriter
from app.copywriting.openai_writer import OpenAIWriter
from app.core.config import Settings


def create_writer(settings: Settings) -> CopyWriter:
    """The OpenAI writer when an API key is configured (OPENAI_BASE_URL picks the server), else offline."""
    if settings.openai_api_key:
        return OpenAIWriter(settings)
    return OfflineWriter()
