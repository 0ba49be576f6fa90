"""Hand edits: which copy fields the advertiser wrote themselves, and keeping them through rewrites.

A field is named as in `CopyVersion.edited_fields`: "headline", "preheader", "cta_text",
"primary_subject_index", "highlights", "subject_lines[i]", "paragraphs[i]", "alt_texts[<asset id>]", and
"paragraphs" when the advertiser changed how many paragraphs there are (the whole list is then theirs).

A rewrite keeps every such field unless the change request names it ("the headline", "the second
paragraph", "the button"...): the words are matched here, so what "names a field" means is visible in one
place and tested.
"""

import re
from collections.abc import Iterable
from typing import Any

from app.copywriting.models import CopyVersion
from app.copywriting.schemas import CopyDraft

_INDEXED = re.compile(r"^(subject_lines|paragraphs|alt_texts)\[(.+)\]$")
_ORDINALS = {"first": 0, "1st": 0, "second": 1, "2nd": 1, "third": 2, "3rd": 2, "1": 0, "2": 1, "3": 2}
_ORDINAL = r"(first|1st|second|2nd|third|3rd)"
_NUMBER = r"(?:#|no\.?|number)?\s*([123])\b"

# Words that name a field in a change request; "preview" alone is the sale's preview, not the preheader.
_FIELD_WORDS = {
    "headline": r"head ?lines?|titles?|headings?",
    "subject_lines": r"subject(?: ?lines?)?|subjects",
    "preheader": r"pre-?headers?|preview text|inbox (?:preview|text)",
    "cta_text": r"buttons?|cta|call[ -]to[ -]action",
    "paragraphs": r"paragraphs?|body(?: text| copy)?|intro(?:duction)?",
    "highlights": r"highlights|the highlight",
    "alt_texts": r"alt[ -]?texts?|(?:image|photo|picture) descriptions?",
}
_EVERYTHING = re.compile(
    r"\b(?:everything|start (?:over|again)|from scratch|(?:all|whole) (?:of )?(?:the )?(?:copy|text|email|wording)"
    r"|rewrite (?:it|the email|the copy) (?:all|completely|entirely))\b",
    re.IGNORECASE,
)


def _split(name: str) -> tuple[str, str | None]:
    m = _INDEXED.match(name)
    return (m.group(1), m.group(2)) if m else (name, None)


def changed_fields(previous: CopyVersion, values: dict[str, Any]) -> set[str]:
    """The names of the fields an edit's `values` change, compared with the version it edits."""
    names: set[str] = set()
    for field, value in values.items():
        old = getattr(previous, field)
        if old == value:
            continue
        if field == "subject_lines":
            names |= {f"subject_lines[{i}]" for i, line in enumerate(value) if i >= len(old) or old[i] != line}
        elif field == "paragraphs" and len(old) == len(value):
            names |= {f"paragraphs[{i}]" for i, text in enumerate(value) if old[i] != text}
        elif field == "alt_texts":
            names |= {f"alt_texts[{key}]" for key, alt in value.items() if old.get(key) != alt}
        else:
            names.add(field)
    return names


def merge_edited(earlier: Iterable[str], new: set[str]) -> list[str]:
    """Earlier hand edits plus new ones, in a stable order; a whole-list edit replaces its indexed entries."""
    names = set(earlier) | new
    if "paragraphs" in names:
        names = {n for n in names if not n.startswith("paragraphs[")}
    return sorted(names)


def asked_to_change(feedback: str | None) -> set[str]:
    """The fields a change request names: a field ("headline"), one item ("paragraphs[1]") or "*" for all."""
    if not feedback:
        return set()
    if _EVERYTHING.search(feedback):
        return {"*"}
    targets: set[str] = set()
    for field, words in _FIELD_WORDS.items():
        for m in re.finditer(rf"\b(?:{_ORDINAL}\s+)?(?:{words})\b(?:\s*{_NUMBER})?", feedback, re.IGNORECASE):
            ordinal = m.group(1) or m.group(2)
            if ordinal and field in ("subject_lines", "paragraphs"):
                targets.add(f"{field}[{_ORDINALS[ordinal.casefold()]}]")
            else:
                targets.add(field)
    return targets


def _targeted(name: str, targets: set[str]) -> bool:
    field, _ = _split(name)
    if "*" in targets or name in targets or field in targets:
        return True
    if field in ("paragraphs", "subject_lines") and name == field:  # the whole list, one item asked
        return any(t.startswith(field + "[") for t in targets)
    return name == "primary_subject_index" and any(t.startswith("subject_lines") for t in targets)


def _label_re(field: str, index: int) -> re.Pattern[str]:
    label = {"paragraphs": "paragraph", "subject_lines": "subject line"}[field]
    return re.compile(rf"\b{label} {index + 1}\b")


def keep_hand_edits(
    draft: CopyDraft, warnings: list[dict[str, Any]], previous: CopyVersion | None, feedback: str | None
) -> tuple[CopyDraft, list[dict[str, Any]], list[str], int]:
    """The rewrite with the advertiser's hand-edited fields put back, unless `feedback` asks to change them.

    Returns the draft, the writer's warnings minus those about words that were replaced by the advertiser's,
    the fields kept (their names in the new version) and the subject line to send.
    """
    if previous is None or not previous.edited_fields:
        return draft, warnings, [], 0
    targets = asked_to_change(feedback)
    kept = [n for n in previous.edited_fields if not _targeted(n, targets)]
    if not kept:
        return draft, warnings, [], 0
    subjects = list(draft.subject_lines)
    paragraphs = list(draft.paragraphs)
    alts = dict(draft.alt_texts)
    values: dict[str, Any] = {}
    names: list[str] = []
    stale: list[re.Pattern[str]] = []  # warnings about replaced list items
    whole: set[str] = set()  # fields replaced whole: all their warnings go
    primary = 0
    for name in kept:
        field, key = _split(name)
        if field == "subject_lines" and key is not None and int(key) < len(previous.subject_lines):
            subjects[int(key)] = previous.subject_lines[int(key)]
            stale.append(_label_re(field, int(key)))
        elif field == "paragraphs" and key is None:
            paragraphs = list(previous.paragraphs)
            whole.add(field)
        elif field == "paragraphs" and key is not None and int(key) < len(previous.paragraphs):
            at = min(int(key), len(paragraphs))
            if at == len(paragraphs):
                paragraphs.append(previous.paragraphs[int(key)])
            else:
                paragraphs[at] = previous.paragraphs[int(key)]
            stale.append(_label_re(field, at))
            name = f"paragraphs[{at}]"
        elif field == "alt_texts" and key in previous.alt_texts:
            alts[key] = previous.alt_texts[key]
        elif field == "primary_subject_index":
            primary = previous.primary_subject_index
        elif field in ("headline", "preheader", "cta_text", "highlights"):
            values[field] = getattr(previous, field)
            whole.add(field)
        else:
            continue
        names.append(name)
    if len({s.casefold() for s in subjects}) < len(subjects):
        # A new line repeats one the advertiser wrote: the whole set they last saw is kept instead.
        subjects = list(previous.subject_lines)
        whole.add("subject_lines")
    merged = CopyDraft.model_validate(
        draft.model_dump() | values | {"subject_lines": subjects, "paragraphs": paragraphs[:3], "alt_texts": alts}
    )

    def still_true(w: dict[str, Any]) -> bool:
        if w.get("field") in whole:
            return False
        about_an_item = w.get("field") in ("paragraphs", "subject_lines")
        return not (about_an_item and any(p.search(w.get("message", "")) for p in stale))

    kept_warnings = [w for w in warnings if still_true(w)]
    return merged, kept_warnings, merge_edited([], set(names)), primary
