import { describe, expect, it } from 'vitest';
import { jsonValueCount } from '../../src/http/bodies.js';

const count = (text: string, stopAbove?: number) => jsonValueCount(Buffer.from(text), stopAbove);

describe('counting the values of a JSON body before parsing it', () => {
  it('when the body is the editor’s preview, then it counts its object and members', () => {
    expect(count('{"title":"T","content":"Body","summary":"","description":"","publishAt":""}')).toBe(5);
  });

  it('when brackets and commas are inside strings, escaped quotes included, then they are not counted', () => {
    expect(count('{"content":"[a](b), {c}, \\"[,{\\" and \\\\"}')).toBe(1);
  });

  it('when the body is an array of 700,000 empty objects, then it says so, or stops once past the limit', () => {
    const bomb = `[${'{},'.repeat(699_999)}{}]`;
    expect(count(bomb)).toBe(1 + 700_000 + 699_999);
    expect(count(bomb, 100)).toBe(101);
  });

  it('when the text is in other scripts, then their bytes are never taken for quotes or brackets', () => {
    expect(count(JSON.stringify({ content: '中文 “quoted” [x] ‚, ｛｝' }))).toBe(1);
  });
});
