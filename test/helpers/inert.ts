import { Parser } from 'htmlparser2';

const URL_ATTRS = ['href', 'src', 'action', 'formaction', 'xlink:href'];
const EMBEDDING = ['iframe', 'object', 'embed', 'frame', 'base'];

/**
 * Everything in a page that a browser could run, beyond the site's own: script elements other
 * than JSON-LD data and the site's files under /js/, forms other than the site's search,
 * event-handler attributes, javascript:/vbscript:/data: URLs, and embedding elements.
 */
export function activeContentIn(html: string): string[] {
  const found: string[] = [];
  const parser = new Parser({
    onopentag(name, attrs) {
      const ownScript = attrs.type === 'application/ld+json' || /^\/js\/[\w.-]+\.js(\?v=\w+)?$/.test(attrs.src ?? '');
      if (name === 'script' && !ownScript) found.push(`<script ${attrs.src ?? ''}>`);
      if (name === 'form' && attrs.action !== '/search/') found.push(`<form action=${attrs.action}>`);
      if (EMBEDDING.includes(name)) found.push(`<${name}>`);
      for (const [attr, value] of Object.entries(attrs)) {
        if (/^on/i.test(attr)) found.push(`<${name} ${attr}>`);
        // eslint-disable-next-line no-control-regex -- browsers ignore control characters inside URL schemes
        const compact = value.replace(/[\s\u0000-\u001f]/g, '').toLowerCase();
        if (URL_ATTRS.includes(attr) && /^(javascript|vbscript|data):/.test(compact)) {
          found.push(`<${name} ${attr}=${value}>`);
        }
      }
    },
  });
  parser.write(html);
  parser.end();
  return found;
}
