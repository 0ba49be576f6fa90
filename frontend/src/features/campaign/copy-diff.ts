import type { CopyVersion } from '@/lib/types';

export type ChangeKind = 'changed' | 'added' | 'removed' | 'same';

/** One field of the copy compared between two versions. */
export interface FieldChange {
  /** The field's name as in `edited_fields`: "headline", "subject_lines[0]", "paragraphs[1]"... */
  key: string;
  label: string;
  before: string;
  after: string;
  kind: ChangeKind;
  /** The advertiser wrote this field by hand and the rewrite kept it. */
  kept: boolean;
}

function kindOf(before: string, after: string): ChangeKind {
  if (before === after) return 'same';
  if (!before) return 'added';
  if (!after) return 'removed';
  return 'changed';
}

/** True when `key` is one of the hand-edited fields ("paragraphs" covers every paragraph). */
function isKept(key: string, edited: readonly string[]): boolean {
  return edited.includes(key) || (key.startsWith('paragraphs[') && edited.includes('paragraphs'));
}

/**
 * The copy a rewrite produced compared with the version before it, field by field, in reading order:
 * subject lines, preheader, headline, paragraphs, button text.
 */
export function diffCopies(previous: CopyVersion, next: CopyVersion): FieldChange[] {
  const edited = next.edited_fields ?? [];
  const rows: Omit<FieldChange, 'kind' | 'kept'>[] = [];
  for (let i = 0; i < 3; i++) {
    rows.push({ key: `subject_lines[${i}]`, label: `Subject line ${i + 1}`, before: previous.subject_lines[i] ?? '', after: next.subject_lines[i] ?? '' });
  }
  rows.push({ key: 'preheader', label: 'Preheader', before: previous.preheader, after: next.preheader });
  rows.push({ key: 'headline', label: 'Headline', before: previous.headline, after: next.headline });
  const count = Math.max(previous.paragraphs.length, next.paragraphs.length);
  for (let i = 0; i < count; i++) {
    rows.push({ key: `paragraphs[${i}]`, label: `Paragraph ${i + 1}`, before: previous.paragraphs[i] ?? '', after: next.paragraphs[i] ?? '' });
  }
  rows.push({ key: 'cta_text', label: 'Button text', before: previous.cta_text, after: next.cta_text });
  return rows.map((row) => ({ ...row, kind: kindOf(row.before, row.after), kept: isKept(row.key, edited) }));
}

/** The version a rewrite replaced: the highest version below `latest`. */
export function previousVersion(versions: readonly CopyVersion[], latest: CopyVersion): CopyVersion | undefined {
  return versions.filter((v) => v.version < latest.version).sort((a, b) => b.version - a.version)[0];
}
