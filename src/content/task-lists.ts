/**
 * GitHub task lists (`- [ ] todo`, `- [x] done`) as disabled checkboxes, the markup the
 * markdown-it-task-lists plugin made. That plugin found each item's list by walking back over
 * every token before it: a list of n tasks cost n² steps (a 200 KB list took seconds). Here the
 * list is remembered on the way (docs/decisions/021-linear-time-content.md).
 */
import type MarkdownIt from 'markdown-it';
import type { StateCore, Token } from 'markdown-it';

const CHECKBOX = {
  ' ': '<input class="task-list-item-checkbox" disabled="" type="checkbox">',
  x: '<input class="task-list-item-checkbox" checked="" disabled="" type="checkbox">',
  X: '<input class="task-list-item-checkbox" checked="" disabled="" type="checkbox">',
} as const;

/** The checkbox for an item's text, or null when the text does not start like a task. */
function checkboxOf(content: string): string | null {
  const mark = content[1];
  if (content[0] !== '[' || content[2] !== ']' || content[3] !== ' ') return null;
  return mark === ' ' || mark === 'x' || mark === 'X' ? CHECKBOX[mark] : null;
}

function addClass(token: Token | undefined, name: string): void {
  token?.attrSet('class', name);
}

function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  // The latest token seen at each nesting level: an item's list is the latest one level up.
  const latestAt: number[] = [];
  tokens.forEach((token, i) => {
    const item = tokens[i - 2];
    if (token.type === 'inline' && tokens[i - 1]?.type === 'paragraph_open' && item?.type === 'list_item_open') {
      const html = checkboxOf(token.content);
      if (html !== null) {
        const checkbox = new state.Token('html_inline', '', 0);
        checkbox.content = html;
        const first = token.children?.[0];
        if (first !== undefined) first.content = first.content.slice(3);
        token.children?.unshift(checkbox);
        token.content = token.content.slice(3);
        addClass(item, 'task-list-item');
        const list = latestAt[item.level - 1];
        addClass(list === undefined ? undefined : tokens[list], 'contains-task-list');
      }
    }
    latestAt[token.level] = i;
  });
}

export function taskListsPlugin(md: MarkdownIt): void {
  md.core.ruler.after('inline', 'byline_task_lists', taskLists);
}
