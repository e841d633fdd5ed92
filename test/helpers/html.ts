/** Small readers for the HTML the app sends, so tests speak of what a reader sees. */

export function decodeEntities(s: string): string {
  return s
    .replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(parseInt(n, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Text as a reader sees it: tags dropped, entities decoded, whitespace collapsed. */
export function textOf(html: string): string {
  return decodeEntities(html.replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}

export interface ListEntry {
  title: string;
  summary: string;
  meta: string;
  href: string;
}

/** The post cards of a list page, in order. */
export function entriesOf(html: string): ListEntry[] {
  const cards = html.match(/<article class="post-entry">[\s\S]*?<\/article>/g) ?? [];
  return cards.map((card) => ({
    title: textOf(card.match(/<h2[^>]*>([\s\S]*?)<\/h2>/)?.[1] ?? ''),
    summary: textOf(card.match(/<div class="entry-content">([\s\S]*?)<\/div>/)?.[1] ?? ''),
    meta: textOf(card.match(/<footer class="entry-footer">([\s\S]*?)<\/footer>/)?.[1] ?? ''),
    href: card.match(/href="([^"]+)"/)?.[1] ?? '',
  }));
}

export function hrefsOf(html: string): string[] {
  return [...html.matchAll(/href="([^"]+)"/g)].map((m) => decodeEntities(m[1]!));
}
