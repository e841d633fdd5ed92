// markdown-it's own block rules, which the package exports but its types do not describe.
declare module 'markdown-it/lib/rules_block/table.mjs' {
  import type { StateBlock } from 'markdown-it';

  export default function table(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean;
}
