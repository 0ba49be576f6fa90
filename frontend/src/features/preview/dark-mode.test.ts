import { describe, expect, it } from 'vitest';
import { forceDarkMode } from './dark-mode';

describe('forceDarkMode', () => {
  it("turns the email's dark rules on and darkens the page", () => {
    const html = '<html><head><style>@media (prefers-color-scheme: dark) { .bg { background: #111 } }</style></head><body></body></html>';
    const dark = forceDarkMode(html);
    expect(dark).not.toMatch(/prefers-color-scheme/);
    expect(dark).toContain('@media (min-width: 0px) { .bg { background: #111 } }');
    expect(dark).toMatch(/color-scheme: dark;[^<]*<\/style><\/head>/);
  });

  it('works on fragments without a head', () => {
    expect(forceDarkMode('<p>hi</p>')).toMatch(/^<style data-preview="dark">.*<p>hi<\/p>$/);
  });
});
