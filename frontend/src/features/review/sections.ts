/** The parts of an email a comment can point at: the ids the proof's sections carry (class `s-<id>`). */
export function sectionLabel(id: string): string {
  const named: Record<string, string> = {
    header: 'Header (logo)',
    headline: 'Headline',
    highlights: 'Highlights',
    button: 'Button',
    details: 'Sale details',
    footer: 'Footer',
  };
  if (named[id]) return named[id];
  const [kind, n] = id.split('-');
  return kind === 'photo' ? `Photo ${n}` : kind === 'paragraph' ? `Paragraph ${n}` : id;
}

/** The section ids present in an email's HTML, in order. */
export function sectionsIn(html: string): string[] {
  const found = html.match(/\bs-(header|headline|highlights|button|details|footer|photo-[1-9]|paragraph-[1-9][0-9]?)\b/g) ?? [];
  return [...new Set(found.map((c) => c.slice(2)))];
}
