import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { makeCopy } from '@/test/fixtures';
import { CopyChanges } from './components/CopyChanges';
import { diffCopies } from './copy-diff';

const before = makeCopy({
  version: 2,
  source: 'edited',
  headline: "Grandpa's barn, opened at last",
  paragraphs: ['Over 300 lots from a lifetime collection.', 'Come and say hello at the Pavilion.'],
  edited_fields: ['headline', 'paragraphs[1]'],
});
const rewrite = makeCopy({
  version: 3,
  source: 'openai',
  feedback: 'Mention the Friday preview.',
  subject_lines: ['Winter estate auction opens Friday', 'Preview Friday, bid all weekend', 'Antiques, tools and more'],
  headline: "Grandpa's barn, opened at last",
  paragraphs: ['Over 300 lots. Preview Friday from 2 pm.', 'Come and say hello at the Pavilion.', 'Register to bid today.'],
  cta_text: 'Register to bid',
  edited_fields: ['headline', 'paragraphs[1]'],
});

describe('diffCopies', () => {
  it('compares every field in reading order and marks the hand edits the rewrite kept', () => {
    const rows = diffCopies(before, rewrite);
    expect(rows.map((r) => r.label)).toEqual([
      'Subject line 1',
      'Subject line 2',
      'Subject line 3',
      'Preheader',
      'Headline',
      'Paragraph 1',
      'Paragraph 2',
      'Paragraph 3',
      'Button text',
    ]);
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r]));
    expect(byKey['subject_lines[1]']).toMatchObject({ kind: 'changed', before: 'Bid on 300 lots this weekend', after: 'Preview Friday, bid all weekend' });
    expect(byKey['subject_lines[0]']?.kind).toBe('same');
    expect(byKey['paragraphs[2]']).toMatchObject({ kind: 'added', before: '', after: 'Register to bid today.' });
    expect(byKey.headline).toMatchObject({ kind: 'same', kept: true });
    expect(byKey['paragraphs[1]']).toMatchObject({ kind: 'same', kept: true });
    expect(byKey['paragraphs[0]']?.kept).toBe(false);
  });

  it('treats "paragraphs" as every paragraph being the advertiser\'s', () => {
    const rows = diffCopies(before, { ...rewrite, edited_fields: ['paragraphs'] });
    expect(rows.filter((r) => r.kept).map((r) => r.key)).toEqual(['paragraphs[0]', 'paragraphs[1]', 'paragraphs[2]']);
  });
});

describe('CopyChanges', () => {
  it('shows before and after for each changed field and marks the kept edits', () => {
    render(<CopyChanges copy={rewrite} versions={[makeCopy(), before, rewrite]} />);
    expect(screen.getByRole('heading', { name: 'What the rewrite changed' })).toBeInTheDocument();
    expect(screen.getByText(/Copy version 2 → 3, written by AI/)).toHaveTextContent('You asked: “Mention the Friday preview.”');
    const items = within(screen.getByRole('list', { name: 'Changes, field by field' })).getAllByRole('listitem');
    const item = (label: string) => items.find((li) => within(li).queryByText(label, { selector: 'strong' }));

    const subject = item('Subject line 2');
    expect(subject).toHaveTextContent('Changed');
    expect(subject).toHaveTextContent('Before: Bid on 300 lots this weekend');
    expect(subject).toHaveTextContent('After: Preview Friday, bid all weekend');
    expect(item('Headline')).toHaveTextContent("Your edit, keptGrandpa's barn, opened at last");
    expect(item('Paragraph 2')).toHaveTextContent('Your edit, kept');
    expect(item('Paragraph 3')).toHaveTextContent('New');
    expect(item('Button text')).toHaveTextContent('Before: View the catalogAfter: Register to bid');
    // Unchanged fields the advertiser did not write are summed up, not listed.
    expect(item('Subject line 1')).toBeUndefined();
    expect(screen.getByText('3 other fields are unchanged.')).toBeInTheDocument();
  });

  it('says so when the rewrite changed nothing, and shows nothing without an earlier version', () => {
    const same = { ...before, version: 3, source: 'offline' as const, edited_fields: [] };
    const { rerender } = render(<CopyChanges copy={same} versions={[before, same]} />);
    expect(screen.getByText('The rewrite kept every word of version 2.')).toBeInTheDocument();
    rerender(<CopyChanges copy={before} versions={[before]} />);
    expect(screen.queryByRole('heading', { name: 'What the rewrite changed' })).not.toBeInTheDocument();
  });
});
