/**
 * Shows an email as a dark-mode mail client would: its `prefers-color-scheme: dark`
 * rules always apply and the page's default colours are dark. (Browsers don't pass the
 * parent's colour scheme into a srcdoc frame reliably, so the rules are switched on here.)
 */
export function forceDarkMode(html: string): string {
  const forced = html.replace(/\(\s*prefers-color-scheme\s*:\s*dark\s*\)/gi, '(min-width: 0px)');
  const style = '<style data-preview="dark">:root { color-scheme: dark; }</style>';
  return /<\/head>/i.test(forced) ? forced.replace(/<\/head>/i, `${style}</head>`) : style + forced;
}
