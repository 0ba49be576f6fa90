"""Chooses the copy writer from Settings, in one place."""

from app.copywriting.base import CopyWriter
from app.copywriting.offline import OfflineWriter
from app.core.config import Settings


def create_writer(settings: Settings) -> CopyWriter:
    """The offline writer unless an OpenAI key is configured."""
    if settings.openai_api_key:
        try:
            from app.copywriting.openai_writer import OpenAIWriter
        except ImportError:  # the OpenAI writer ships with its own issue
            return OfflineWriter()
        return OpenAIWriter(settings)
    return OfflineWriter()
