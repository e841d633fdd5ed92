/** What the server and its render thread say to each other. */
import type { DeriveInput } from '../content/derive.js';
import type { DerivedContent } from '../content/types.js';

export interface RenderJob {
  id: number;
  input: DeriveInput;
}

export type RenderReply =
  { id: number; ok: true; result: DerivedContent } | { id: number; ok: false; message: string };
