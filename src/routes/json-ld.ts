import type { SiteSettings } from '../models/settings.js';
import { postUrl } from './present.js';

/** schema.org BlogPosting for a post page. */
export function blogPostingJsonLd(
  post: {
    slug: string;
    title: string;
    description: string;
    summaryText: string;
    wordCount: number;
    publishedAt: Date | null;
    updatedAt: Date;
    author?: { name: string } | null;
    tags: { tag: { name: string; taxonomy: string } }[];
  },
  baseUrl: string,
  settings: SiteSettings,
) {
  const url = baseUrl + postUrl(post);
  const author = post.author?.name || settings.author;
  return {
    '@context': 'https://schema.org',
    '@type': 'BlogPosting',
    headline: post.title,
    name: post.title,
    description: post.description || post.summaryText,
    keywords: post.tags.filter((t) => t.tag.taxonomy === 'tags').map((t) => t.tag.name),
    wordCount: post.wordCount,
    inLanguage: 'en',
    datePublished: post.publishedAt?.toISOString(),
    dateModified: post.updatedAt.toISOString(),
    mainEntityOfPage: { '@type': 'WebPage', '@id': url },
    url,
    ...(author ? { author: { '@type': 'Person', name: author } } : {}),
    publisher: { '@type': 'Organization', name: settings.title },
  };
}
