"""What a copy writer is given and what it must give back."""

import uuid
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from app.copywriting.facts_record import AuctionFactsRecord
from app.core.schemas import WarningItem

SUBJECT_MAX = 60
PREHEADER_MAX = 100
HEADLINE_MAX = 100
PARAGRAPH_MAX = 700
CTA_MAX = 25
ALT_MAX = 150

CopySource = Literal["offline", "openai", "fallback", "edited"]


class ImageBrief(BaseModel):
    asset_id: uuid.UUID
    role: Literal["logo", "hero"]
    position: int
    width: int
    height: int
    # A small JPEG data URL for writers that look at the photos; the asset id already
    # identifies the picture, so the bytes stay out of the input hash.
    data_url: str | None = Field(default=None, exclude=True, repr=False)


class CopyBrief(BaseModel):
    """Everything the writer may use; nothing else may appear in the copy as fact."""

    campaign_name: str
    advertiser_name: str
    text_content: str
    tone: str
    cta_url: str | None
    images: list[ImageBrief]
    feedback: str | None = None
    # The copy the feedback is about, so a writer can change only what was asked.
    previous: "CopyDraft | None" = None
    # The sale's facts record (parsed, with the advertiser's corrections); derived from the inputs above,
    # so it stays out of the input hash.
    facts: AuctionFactsRecord | None = Field(default=None, exclude=True)


class Highlight(BaseModel):
    label: str = Field(max_length=40)
    value: str = Field(max_length=120)


class CopyDraft(BaseModel):
    """The copy of one email, with the limits every writer must respect."""

    subject_lines: list[str] = Field(min_length=3, max_length=3)
    preheader: str = Field(min_length=1, max_length=PREHEADER_MAX)
    headline: str = Field(min_length=1, max_length=HEADLINE_MAX)
    paragraphs: list[str] = Field(min_length=1, max_length=3)
    cta_text: str = Field(min_length=1, max_length=CTA_MAX)
    alt_texts: dict[str, str] = Field(default_factory=dict)
    highlights: list[Highlight] = Field(default_factory=list, max_length=5)

    @field_validator("subject_lines")
    @classmethod
    def _subjects(cls, value: list[str]) -> list[str]:
        cleaned = [s.strip() for s in value]
        if any(not s or len(s) > SUBJECT_MAX for s in cleaned):
            raise ValueError(f"each subject line needs 1 to {SUBJECT_MAX} characters")
        if len({s.casefold() for s in cleaned}) != len(cleaned):
            raise ValueError("subject lines must be distinct")
        return cleaned

    @field_validator("paragraphs")
    @classmethod
    def _paragraphs(cls, value: list[str]) -> list[str]:
        cleaned = [p.strip() for p in value]
        if any(not p or len(p) > PARAGRAPH_MAX for p in cleaned):
            raise ValueError(f"each paragraph needs 1 to {PARAGRAPH_MAX} characters")
        return cleaned

    @field_validator("alt_texts")
    @classmethod
    def _alts(cls, value: dict[str, str]) -> dict[str, str]:
        return {k: v.strip()[:ALT_MAX] for k, v in value.items() if v and v.strip()}


class WrittenCopy(BaseModel):
    draft: CopyDraft
    source: CopySource
    fallback_reason: str | None = None
    tokens_used: int | None = None
    latency_ms: int | None = None
    warnings: list[dict[str, str]] = Field(default_factory=list)
    model: str | None = None


class CopyEdit(BaseModel):
    """An advertiser's edit of the latest copy; every field is optional and keeps its value when left out.

    Limits are those of written copy: 3 distinct subject lines of at most 60 characters, a preheader and a
    headline of at most 100, 1 to 3 paragraphs of at most 700, a button label of at most 25, alt texts of at
    most 150 (keyed by asset id), at most 5 highlights.
    """

    subject_lines: list[str] | None = Field(default=None, max_length=10, description="Exactly 3, each 1–60 chars")
    primary_subject_index: int | None = Field(default=None, description="Which subject line to send: 0, 1 or 2")
    preheader: str | None = Field(default=None, max_length=5000, description="1–100 characters")
    headline: str | None = Field(default=None, max_length=5000, description="1–100 characters")
    paragraphs: list[str] | None = Field(default=None, max_length=10, description="1–3 paragraphs, each 1–700 chars")
    cta_text: str | None = Field(default=None, max_length=5000, description="Button label, 1–25 characters")
    alt_texts: dict[str, str] | None = Field(default=None, description="Asset id → alt text (1–150 characters)")
    highlights: list[Highlight] | None = Field(default=None, max_length=10, description="At most 5 label/value pairs")

    model_config = {"extra": "forbid"}


CopyBrief.model_rebuild()


class HighlightPublic(BaseModel):
    label: str
    value: str


class CopyVersionPublic(BaseModel):
    version: int
    source: Literal["offline", "openai", "fallback", "edited"]
    subject_lines: list[str]
    primary_subject_index: int
    preheader: str
    headline: str
    paragraphs: list[str]
    cta_text: str
    alt_texts: dict[str, str]
    highlights: list[HighlightPublic]
    warnings: list[WarningItem]
    fallback_reason: str | None
    feedback: str | None
    edited_fields: list[str] = Field(
        default_factory=list,
        description='Copy fields the advertiser edited by hand ("headline", "preheader", "cta_text", '
        '"subject_lines[0]", "paragraphs[1]", "paragraphs" when their number changed, ...); every later rewrite '
        "keeps them unless a change request asks for that field to change.",
    )
    facts: AuctionFactsRecord | None = Field(
        default=None,
        description="The sale's facts as the email states them: parsed from the advertiser's text, with "
        "`fact_corrections` laid on top. Null on versions written before facts were kept.",
    )
    fact_corrections: dict[str, Any] = Field(
        default_factory=dict,
        description="What the advertiser corrected (PATCH /campaigns/{id}/facts): field → value, kept by every "
        "later version and winning over the parse.",
    )
    created_at: datetime
