"""A good AI answer repaired, not discarded.

The model's JSON is read leniently: a string over its limit is cut at a word boundary (and a copy warning
names the field), an invalid optional item (a highlight, an image description) is dropped, a list longer
than allowed is trimmed. Only an answer whose required fields are unusable (a missing headline, fewer than
three usable subject lines, no paragraph...) raises `UnusableAnswer`, with the problems in words the model
can act on when it is asked again.
"""

import re
from dataclasses import dataclass
from typing import Any

from app.copywriting.schemas import (
    ALT_MAX,
    CTA_MAX,
    HEADLINE_MAX,
    PARAGRAPH_MAX,
    PREHEADER_MAX,
    SUBJECT_MAX,
    CopyBrief,
    CopyDraft,
    Highlight,
)

LABEL_MAX = 40
VALUE_MAX = 120
AI_HIGHLIGHTS_MAX = 4
# Words a cut line must not end on: "Tractors, tools and" reads as cut mid-phrase.
_DANGLING = re.compile(
    r"(?:\s+(?:a|an|the|and|or|but|of|at|in|on|for|with|to|from|by|as|&|plus|including|featuring))+$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"')\]]?\s")


@dataclass(frozen=True)
class Repair:
    kind: str  # "shortened", "dropped" or "trimmed" (the /metrics label)
    field: str  # the copy field, so an edit of it retires the warning
    message: str

    def warning(self) -> dict[str, str]:
        return {"code": f"ai_{self.kind}", "severity": "info", "message": self.message, "field": self.field}


class UnusableAnswer(ValueError):
    """The answer's required fields cannot be repaired; `problems` says what to fix, for a retry."""

    def __init__(self, problems: list[str]):
        super().__init__("; ".join(problems))
        self.problems = problems


def cut_at_word(text: str, limit: int, *, sentences: bool = False) -> str:
    """At most `limit` characters ending at a word boundary, never on a dangling "and"/"the"/"at".

    With `sentences`, a sentence end in the second half of the limit is preferred. Empty when even the
    first word is longer than the limit.
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: limit + 1]
    if sentences:
        ends = [m.end() - 1 for m in _SENTENCE_END.finditer(head + " ") if m.end() - 1 <= limit]
        if ends and ends[-1] >= limit // 2:
            return head[: ends[-1]].strip()
    cut = head.rfind(" ")
    if cut <= 0:
        return ""
    shortened = _DANGLING.sub("", head[:cut]).rstrip(" ,;:-–—(/")
    return shortened


class _Reader:
    def __init__(self) -> None:
        self.repairs: list[Repair] = []
        self.problems: list[str] = []

    def text(self, value: Any, limit: int, field: str, label: str, *, sentences: bool = False) -> str:
        """The string, cut to `limit` when over it; '' when it is not a usable string."""
        if not isinstance(value, str) or not value.strip():
            return ""
        cleaned = " ".join(value.split())
        if len(cleaned) <= limit:
            return cleaned
        cut = cut_at_word(cleaned, limit, sentences=sentences)
        if cut:
            over = len(cleaned) - limit
            self.repairs.append(
                Repair(
                    "shortened",
                    field,
                    f"The AI's {label} ran {over} characters over its {limit}-character limit, so it was cut "
                    f'at a word boundary to "{cut[:80]}{"…" if len(cut) > 80 else ""}"; check it still reads well.',
                )
            )
        return cut

    def required(self, data: dict[str, Any], key: str, limit: int, label: str) -> str:
        value = self.text(data.get(key), limit, key, label)
        if not value:
            self.problems.append(f"{key}: give a non-empty {label} of at most {limit} characters")
        return value

    def items(self, value: Any, field: str) -> list[Any]:
        if isinstance(value, list):
            return value
        if value is not None:
            self.repairs.append(Repair("dropped", field, f"The AI's {field.replace('_', ' ')} were not a list."))
        return []

    def trimmed(self, values: list[Any], limit: int, field: str, what: str) -> list[Any]:
        if len(values) <= limit:
            return values
        self.repairs.append(
            Repair("trimmed", field, f"The AI wrote {len(values)} {what}; the first {limit} were kept.")
        )
        return values[:limit]


def _subject_lines(reader: _Reader, data: dict[str, Any]) -> list[str]:
    lines: list[str] = []
    for i, raw in enumerate(reader.items(data.get("subject_lines"), "subject_lines")):
        line = reader.text(raw, SUBJECT_MAX, "subject_lines", f"subject line {i + 1}")
        if line and line.casefold() not in {s.casefold() for s in lines}:
            lines.append(line)
    lines = reader.trimmed(lines, 3, "subject_lines", "subject lines")
    if len(lines) < 3:
        reader.problems.append(
            f"subject_lines: give exactly 3 distinct subject lines of at most {SUBJECT_MAX} characters, "
            f"ending on a whole word (only {len(lines)} usable)"
        )
    return lines


def _paragraphs(reader: _Reader, data: dict[str, Any]) -> list[str]:
    paragraphs = []
    for i, raw in enumerate(reader.items(data.get("paragraphs"), "paragraphs")):
        text = reader.text(raw, PARAGRAPH_MAX, "paragraphs", f"paragraph {i + 1}", sentences=True)
        if text:
            paragraphs.append(text)
    if not paragraphs:
        reader.problems.append(f"paragraphs: give 1 to 3 paragraphs of at most {PARAGRAPH_MAX} characters each")
    return reader.trimmed(paragraphs, 3, "paragraphs", "paragraphs")


def _highlights(reader: _Reader, data: dict[str, Any]) -> list[Highlight]:
    kept: list[Highlight] = []
    for raw in reader.items(data.get("highlights"), "highlights"):
        label = raw.get("label") if isinstance(raw, dict) else None
        value = raw.get("value") if isinstance(raw, dict) else None
        label = " ".join(label.split()) if isinstance(label, str) else ""
        value = " ".join(value.split()) if isinstance(value, str) else ""
        if label and value and len(label) <= LABEL_MAX and len(value) <= VALUE_MAX:
            kept.append(Highlight(label=label, value=value))
            continue
        shown = (label or value or "(empty)")[:60]
        why = (
            f"its label is longer than {LABEL_MAX} characters"
            if len(label) > LABEL_MAX
            else f"its value is longer than {VALUE_MAX} characters"
            if len(value) > VALUE_MAX
            else "it was incomplete"
        )
        reader.repairs.append(Repair("dropped", "highlights", f'The AI\'s highlight "{shown}" was left out: {why}.'))
    return reader.trimmed(kept, AI_HIGHLIGHTS_MAX, "highlights", "highlights")


def _alt_texts(reader: _Reader, data: dict[str, Any], brief: CopyBrief, offline_alts: dict[str, str]) -> dict[str, str]:
    """Alt texts for the campaign's own hero images; the logo's and any skipped come from the offline writer."""
    heroes = {str(i.asset_id) for i in brief.images if i.role == "hero"}
    alts = dict(offline_alts)
    for raw in reader.items(data.get("image_alt_texts"), "alt_texts"):
        image_id = raw.get("image_id") if isinstance(raw, dict) else None
        key = image_id.strip() if isinstance(image_id, str) else ""
        if key not in heroes:
            continue  # an id we never sent: nothing to describe
        alt = reader.text(raw.get("alt_text"), ALT_MAX, "alt_texts", "image description")
        if alt:
            alts[key] = alt
    return alts


def repair_answer(data: Any, brief: CopyBrief, offline_alts: dict[str, str]) -> tuple[CopyDraft, list[Repair]]:
    """The model's JSON as a CopyDraft within every limit, and what was repaired on the way.

    Raises UnusableAnswer when a required field cannot be repaired.
    """
    if not isinstance(data, dict):
        raise UnusableAnswer(["the answer must be one JSON object with the copy's fields"])
    reader = _Reader()
    subject_lines = _subject_lines(reader, data)
    preheader = reader.required(data, "preheader", PREHEADER_MAX, "preheader")
    headline = reader.required(data, "headline", HEADLINE_MAX, "headline")
    paragraphs = _paragraphs(reader, data)
    cta_text = reader.required(data, "cta_text", CTA_MAX, "button text")
    if reader.problems:
        raise UnusableAnswer(reader.problems)
    draft = CopyDraft(
        subject_lines=subject_lines,
        preheader=preheader,
        headline=headline,
        paragraphs=paragraphs,
        cta_text=cta_text,
        alt_texts=_alt_texts(reader, data, brief, offline_alts),
        highlights=_highlights(reader, data),
    )
    return draft, reader.repairs
