/** What the crash test knows it wrote: every acknowledged save, and the one save per post still in flight. */

/** One submission of the editor's form, as the server should store it. */
export interface Save {
  slug: string;
  title: string;
  markdown: string;
  tags: string[];
  status: 'draft' | 'published';
  /** The post's version once this save is stored (1 for a new post). */
  version: number;
}

export interface TrackedPost {
  id: number;
  /** The last state the server acknowledged (or that a check found stored). */
  state: Save;
  /** A save sent but not answered when the server died: it may or may not be stored. */
  inFlight: Save | null;
}

export class Ledger {
  readonly posts = new Map<number, TrackedPost>();
  /** New posts sent and never answered, by slug: stored or not, both are right. */
  readonly unansweredCreates = new Map<string, Save>();
  /** This round's acknowledged saves (each must have its revision), cleared by `startRound`. */
  acknowledged: { postId: number; save: Save; created: boolean }[] = [];
  /** Posts free for an edit: no worker holds them and nothing of theirs is in flight. */
  private idle: number[] = [];

  startRound(): void {
    this.acknowledged = [];
    this.idle = [...this.posts.values()].filter((p) => p.inFlight === null).map((p) => p.id);
  }

  /** Takes a post to edit out of the pool (so one worker edits it at a time), or null. */
  takeIdle(pick: (n: number) => number): TrackedPost | null {
    if (this.idle.length === 0) return null;
    const [id] = this.idle.splice(pick(this.idle.length), 1);
    return this.posts.get(id!) ?? null;
  }

  giveBack(post: TrackedPost): void {
    if (post.inFlight === null) this.idle.push(post.id);
  }

  created(id: number, save: Save): void {
    this.unansweredCreates.delete(save.slug);
    const post = { id, state: save, inFlight: null };
    this.posts.set(id, post);
    this.acknowledged.push({ postId: id, save, created: true });
    this.idle.push(id);
  }

  edited(post: TrackedPost, save: Save): void {
    post.state = save;
    post.inFlight = null;
    this.acknowledged.push({ postId: post.id, save, created: false });
  }
}
