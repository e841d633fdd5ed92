/**
 * Video and social embeds (`youtube`, `vimeo`, `x`/`twitter`/`tweet`, `instagram`, `gist`) as a
 * plain link card: nothing from the provider (script, frame, image, cookie) loads until the reader
 * follows the link. Identifiers are checked, so an argument can never become another URL.
 */
import { argOf, type Shortcode } from './shortcodes.js';
import { escapeHtml } from './escape-html.js';

interface Card {
  kind: string;
  provider: string;
  href: string;
  title: string;
  action: string;
}

/** The card's HTML: the whole card is one link, its text says where it goes. */
export function cardHtml(card: Card): string {
  return (
    `<a class="embed-card embed-card-${card.kind}" href="${escapeHtml(card.href)}" rel="noopener noreferrer">` +
    `<span class="embed-card-provider">${escapeHtml(card.provider)}</span> ` +
    `<span class="embed-card-title">${escapeHtml(card.title)}</span> ` +
    `<span class="embed-card-action">${escapeHtml(card.action)}</span></a>`
  );
}

const YOUTUBE_ID = /^[\w-]{1,64}$/;
const DIGITS = /^\d{1,30}$/;
const VIMEO_ID = /^\d{1,30}(?:\/[\da-f]{1,40})?$/i;
const X_USER = /^@?\w{1,50}$/;
const INSTAGRAM_ID = /^[\w-]{1,64}$/;
const GITHUB_USER = /^[A-Za-z\d](?:[A-Za-z\d-]{0,38})$/;
const GIST_ID = /^[\da-f]{1,64}$/i;
const GIST_FILE = /^[\w.-]{1,200}$/;

function seconds(value: string): number | null {
  return /^\d{1,7}$/.test(value) ? Number(value) : null;
}

function youtube(node: Shortcode): Card | null {
  const id = argOf(node, 0, 'id');
  if (!YOUTUBE_ID.test(id)) return null;
  const start = seconds(argOf(node, -1, 'start'));
  const title = argOf(node, -1, 'title');
  return {
    kind: 'youtube',
    provider: 'YouTube',
    href: `https://www.youtube-nocookie.com/embed/${id}${start ? `?start=${start}` : ''}`,
    title: title || `Video ${id}`,
    action: 'Watch on YouTube',
  };
}

function vimeo(node: Shortcode): Card | null {
  const id = argOf(node, 0, 'id');
  if (!VIMEO_ID.test(id)) return null;
  return {
    kind: 'vimeo',
    provider: 'Vimeo',
    href: `https://vimeo.com/${id}`,
    title: argOf(node, -1, 'title') || `Video ${id.split('/')[0]}`,
    action: 'Watch on Vimeo',
  };
}

function xPost(node: Shortcode): Card | null {
  // `{{< x user="u" id="1" >}}`, `{{< tweet u 1 >}}`, or the old `{{< tweet 1 >}}` with the id only.
  const [first = '', second = ''] = node.positional;
  const user = (node.named.get('user') ?? (second === '' ? '' : first)).replace(/^@/, '');
  const id = node.named.get('id') ?? (second === '' ? first : second);
  if (!DIGITS.test(id) || (user !== '' && !X_USER.test(user))) return null;
  return {
    kind: 'x',
    provider: 'X',
    href: user === '' ? `https://x.com/i/status/${id}` : `https://x.com/${user}/status/${id}`,
    title: user === '' ? `Post ${id}` : `Post by @${user}`,
    action: 'View on X',
  };
}

function instagram(node: Shortcode): Card | null {
  const id = argOf(node, 0, 'id');
  if (!INSTAGRAM_ID.test(id)) return null;
  return {
    kind: 'instagram',
    provider: 'Instagram',
    href: `https://www.instagram.com/p/${id}/`,
    title: `Post ${id}`,
    action: 'View on Instagram',
  };
}

function gist(node: Shortcode): Card | null {
  const user = argOf(node, 0, 'user');
  const id = argOf(node, 1, 'id');
  const file = argOf(node, 2, 'file');
  if (!GITHUB_USER.test(user) || !GIST_ID.test(id) || (file !== '' && !GIST_FILE.test(file))) return null;
  const anchor = file === '' ? '' : `#file-${file.toLowerCase().replace(/[^a-z\d]+/g, '-')}`;
  return {
    kind: 'gist',
    provider: 'GitHub Gist',
    href: `https://gist.github.com/${user}/${id}${anchor}`,
    title: file === '' ? `Gist by ${user}` : `${file} by ${user}`,
    action: 'View on GitHub',
  };
}

const EMBEDS: ReadonlyMap<string, (node: Shortcode) => Card | null> = new Map([
  ['youtube', youtube],
  ['vimeo', vimeo],
  ['vimeo_simple', vimeo],
  ['x', xPost],
  ['x_simple', xPost],
  ['twitter', xPost],
  ['twitter_simple', xPost],
  ['tweet', xPost],
  ['instagram', instagram],
  ['instagram_simple', instagram],
  ['gist', gist],
]);

/**
 * The link card for an embed shortcode: undefined when `node` is not an embed, null when its
 * identifiers are missing or malformed (then nothing is shown, as Hugo shows no player).
 */
export function embedCard(node: Shortcode): string | null | undefined {
  const make = EMBEDS.get(node.name);
  if (make === undefined) return undefined;
  const card = make(node);
  return card === null ? null : cardHtml(card);
}
