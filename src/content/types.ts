/** Shapes shared by the content functions, the importer/exporter and the models. */

export type PostStatus = 'draft' | 'published' | 'scheduled';
export type PostType = 'post' | 'page';

export interface TocEntry {
  level: number;
  id: string;
  text: string;
}

/** What src/content derives from a post's source when it is saved or imported. */
export interface DerivedContent {
  html: string;
  toc: TocEntry[];
  /** Plain text, whitespace collapsed, no trailing dots. */
  summaryText: string;
  /** True when the list should show ` ...` after the summary. */
  summaryTruncated: boolean;
  wordCount: number;
  /** Minutes, at least 1 for any non-empty content. */
  readingTime: number;
  /** Plain text of title, description and content for full-text search. */
  searchText: string;
}

/** A post as the writing model receives it: from the editor, the importer or the seed. */
export interface PostInput {
  type: PostType;
  slug: string;
  title: string;
  markdown: string;
  /** Front-matter `summary`, '' when absent. */
  summarySource: string;
  description: string;
  status: PostStatus;
  publishedAt: Date | null;
  expiresAt: Date | null;
  /** Hugo `lastmod`; null means "now" when saved. */
  updatedAt: Date | null;
  weight: number | null;
  showToc: boolean;
  tags: string[];
  categories: string[];
  /** Absolute site paths, e.g. "/old/path/". */
  aliases: string[];
  /** Front-matter keys kept as they were, for export. */
  extra: Record<string, unknown>;
  /**
   * Where the imported site served this post when that is not its Byline URL (a Hugo section,
   * permalink or `url`): saved as 301 redirects, never exported as aliases. Absent: none.
   */
  oldPaths?: string[];
  /** Terms of the `series` taxonomy (Hugo's `series` front matter). Absent: none. */
  series?: string[];
  /** The cover image's address (`cover.image`). Absent: the stored cover is left as it is. */
  coverImage?: string;
}
