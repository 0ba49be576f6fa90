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

/** Under 640 px there is no room for the desktop email: the phone view is the default there. */
export function defaultDevice(): 'desktop' | 'mobile' {
  return typeof window !== 'undefined' && window.matchMedia?.('(max-width: 639px)').matches ? 'mobile' : 'desktop';
}

/** The parts a proof of this campaign has: header, photos, headline, paragraphs, button, details, footer. */
export function campaignSections(photoCount: number, paragraphCount: number): string[] {
  return [
    'header',
    ...Array.from({ length: photoCount }, (_, i) => `photo-${i + 1}`),
    'headline',
    ...Array.from({ length: Math.max(paragraphCount, 1) }, (_, i) => `paragraph-${i + 1}`),
    'highlights',
    'button',
    'details',
    'footer',
  ];
}
