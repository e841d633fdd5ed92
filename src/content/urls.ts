/** Where things live on the reader's site (Hugo's URLs): one rule for routes, models and feeds. */
export const postUrl = (p: { slug: string }) => `/posts/${p.slug}/`;
export const pageUrl = (p: { slug: string }) => `/${p.slug}/`;
export const urlFor = (p: { type: string; slug: string }) => (p.type === 'page' ? pageUrl(p) : postUrl(p));
export const termUrl = (taxonomy: string, slug: string) => `/${taxonomy}/${slug}/`;
