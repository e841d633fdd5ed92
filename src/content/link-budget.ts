/**
 * A reference definition is written once and may be used any number of times: a 100 KB address
 * used through 30,000 `[r]` made gigabytes of HTML and exhausted the heap. Every link and image
 * address (and title) of a document shares one allowance, ten times the document plus 64 KB:
 * more than percent-encoding can make of addresses written inline, so only repeated references
 * ever reach it, and the links past it keep their text but lose their target
 * (docs/decisions/021-linear-time-content.md).
 */
import type MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

const EXTRA_CHARS = 64 * 1024;
const PER_SOURCE_CHAR = 10;

function linkBudget(state: StateCore): void {
  let left = state.src.length * PER_SOURCE_CHAR + EXTRA_CHARS;
  const spend = (token: Token) => {
    if (token.attrs === null) return;
    const size = token.attrs.reduce((sum, [, value]) => sum + value.length, 0);
    if (size <= left) left -= size;
    // Alt text comes from the use, not the definition: only the addresses go.
    else token.attrs = token.attrs.filter(([name]) => name !== 'href' && name !== 'src' && name !== 'title');
  };
  for (const block of state.tokens) {
    for (const child of block.children ?? []) {
      if (child.type === 'link_open' || child.type === 'image') spend(child);
    }
  }
}

export function linkBudgetPlugin(md: MarkdownIt): void {
  md.core.ruler.push('byline_link_budget', linkBudget);
}
