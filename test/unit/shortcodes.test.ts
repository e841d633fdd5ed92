import { describe, expect, it } from 'vitest';
import {
  brokenShortcodes,
  parseShortcodes,
  refTargets,
  unknownShortcodes,
  type Shortcode,
  type ShortcodeNode,
} from '../../src/content/shortcodes.js';

const shortcodes = (nodes: ShortcodeNode[]) => nodes.filter((n): n is Shortcode => n.type === 'shortcode');
const only = (markdown: string): Shortcode => {
  const found = shortcodes(parseShortcodes(markdown));
  expect(found).toHaveLength(1);
  return found[0]!;
};
const textOf = (nodes: ShortcodeNode[]) => nodes.map((n) => (n.type === 'text' ? n.text : '')).join('');

describe('parseShortcodes (tags and arguments)', () => {
  it.each([
    ['angle brackets', '{{< youtube abc >}}', '<'],
    ['percent signs', '{{% youtube abc %}}', '%'],
    ['no spaces inside the delimiters', '{{<youtube abc>}}', '<'],
  ])('when a tag uses %s, then its name, delimiter and argument are read', (_form, markdown, delimiter) => {
    expect(only(markdown)).toMatchObject({ name: 'youtube', delimiter, positional: ['abc'], inner: null });
  });

  it('when arguments are positional, then quoted, raw and bare values keep their order', () => {
    const node = only('{{< gist "spf13" `7896402` list.html >}}');
    expect(node.positional).toEqual(['spf13', '7896402', 'list.html']);
  });

  it('when arguments are named, then "double" (with \\" escapes), `raw` (across lines) and bare values are read', () => {
    const node = only(
      '{{< figure src="/a b.png" caption="A \\"quoted\\" cat" alt=`two\nlines` width=300 >}}',
    );
    expect(Object.fromEntries(node.named)).toEqual({
      src: '/a b.png',
      caption: 'A "quoted" cat',
      alt: 'two\nlines',
      width: '300',
    });
  });

  it('when a value holds the closing delimiter inside quotes, then the tag does not end there', () => {
    expect(only('{{< figure caption="a >}} b" >}}').named.get('caption')).toBe('a >}} b');
  });

  it('when a tag spans several lines, even a blank one, then its arguments are still read', () => {
    expect(Object.fromEntries(only('{{< figure src="x"\n\nalt="y" >}}').named)).toEqual({
      src: 'x',
      alt: 'y',
    });
  });

  it('when a tag is written over lines, then its arguments are read as on one line', () => {
    const node = only('{{< figure\n  src="/a.png"\n  caption="Cat"\n>}}');
    expect(Object.fromEntries(node.named)).toEqual({ src: '/a.png', caption: 'Cat' });
  });

  it('when a tag is self-closing, then it has no inner text even if a closing tag follows', () => {
    const nodes = parseShortcodes('{{< note />}} text');
    expect(shortcodes(nodes)[0]).toMatchObject({ name: 'note', inner: null });
  });

  it('when a name has a namespace, then the whole path is its name', () => {
    expect(only('{{< media/audio src="x.mp3" >}}').name).toBe('media/audio');
  });
});

describe('parseShortcodes (inner content and nesting)', () => {
  it('when a tag has a closing tag, then the text between is its inner text, parsed too', () => {
    const node = only('{{% notice info %}}\nHi {{< ref "a.md" >}}\n{{% /notice %}}');
    expect(node.inner).toBe('\nHi {{< ref "a.md" >}}\n');
    expect(shortcodes(node.children).map((c) => c.name)).toEqual(['ref']);
  });

  it('when the same name nests, then each closing tag pairs with the nearest opening one', () => {
    const outer = only('{{< details >}}a {{< details >}}b{{< /details >}} c{{< /details >}}');
    expect(outer.inner).toBe('a {{< details >}}b{{< /details >}} c');
    expect(shortcodes(outer.children)[0]).toMatchObject({ name: 'details', inner: 'b' });
  });

  it('when an opening tag is never closed, then it stands alone and what follows is not swallowed', () => {
    const nodes = parseShortcodes('{{< note >}} one {{< box >}}two{{< /box >}}');
    expect(shortcodes(nodes).map((n) => [n.name, n.inner])).toEqual([
      ['note', null],
      ['box', 'two'],
    ]);
  });

  it('when a closing tag has no opening tag, then it is dropped', () => {
    const nodes = parseShortcodes('a {{< /stray >}} b');
    expect(nodes).toContainEqual({ type: 'dropped', name: 'stray', source: '{{< /stray >}}', broken: false });
    expect(textOf(nodes)).toBe('a  b');
  });

  it('when a highlight block holds shortcode-like text, then it is code, not shortcodes', () => {
    const node = only('{{< highlight go >}}\nx := "{{< y >}}"\n{{< /highlight >}}');
    expect(node).toMatchObject({ name: 'highlight', inner: '\nx := "{{< y >}}"\n', children: [] });
  });
});

describe('parseShortcodes (code, comments and broken tags)', () => {
  it.each([
    ['a fenced block', '```\n{{< youtube abc >}}\n```\n'],
    ['a tilde fence', '~~~md\n{{% notice %}}x{{% /notice %}}\n~~~\n'],
    ['an indented block', 'Text\n\n    {{< youtube abc >}}\n'],
    ['inline code', 'Use `{{< youtube abc >}}` to embed.'],
    ['double-backtick inline code', 'Use ``{{< x `y` >}}`` here.'],
    ['an HTML comment', '<!-- {{< youtube abc >}} -->'],
  ])('when a shortcode is inside %s, then it is left as written', (_where, markdown) => {
    const nodes = parseShortcodes(markdown);
    expect(shortcodes(nodes)).toEqual([]);
    expect(textOf(nodes)).toBe(markdown);
  });

  it('when a list item indents a shortcode by four spaces, then it is not taken for code', () => {
    expect(only('1. Step\n\n    {{< figure src="a.png" >}}\n').name).toBe('figure');
  });

  it.each([
    ['angle', 'See {{</* figure src="a.png" */>}} here.', 'See {{< figure src="a.png" >}} here.'],
    ['percent', '{{%/* notice */%}}', '{{% notice %}}'],
    ['in a fence', '```\n{{</* x */>}}\n```\n', '```\n{{< x >}}\n```\n'],
    ['in inline code', '`{{</* x */>}}`', '`{{< x >}}`'],
  ])(
    'when a shortcode is escaped as a comment (%s), then it reads as the literal tag',
    (_form, markdown, text) => {
      const nodes = parseShortcodes(markdown);
      expect(shortcodes(nodes)).toEqual([]);
      expect(textOf(nodes)).toBe(text);
    },
  );

  it.each([
    ['an unclosed quote', '{{< figure caption="never closed >}}\nNext line.', '\nNext line.'],
    ['no closing delimiter', 'Before {{< figure src="x" \nafter', 'Before \nafter'],
    ['no name', 'a {{< "x" >}} b', 'a  b'],
    ['a quote left open across lines', '{{< figure caption="one\n\ntwo" >}}\nAfter.', '\nAfter.'],
    ['another tag before its end', '{{< a x {{< youtube abc >}}', ''],
  ])(
    'when a tag has %s, then the broken tag is dropped and the text after it kept',
    (_what, markdown, text) => {
      const nodes = parseShortcodes(markdown);
      expect(nodes.some((n) => n.type === 'dropped' && n.broken)).toBe(true);
      expect(textOf(nodes)).toBe(text);
    },
  );

  it('when a broken tag is followed by a good one, then the good one is still read', () => {
    expect(shortcodes(parseShortcodes('{{< a x {{< youtube abc >}}')).map((n) => n.name)).toEqual([
      'youtube',
    ]);
    expect(brokenShortcodes('{{< a x {{< youtube abc >}}')).toEqual(['{{< a x ']);
  });

  it('when lines end with CRLF, then tags are read the same', () => {
    expect(only('{{< details >}}\r\nx\r\n{{< /details >}}\r\n').inner).toBe('\nx\n');
  });

  it('when the markdown has no shortcode at all, then it is one text node', () => {
    expect(parseShortcodes('Just {{ text }} and {braces}.')).toEqual([
      { type: 'text', text: 'Just {{ text }} and {braces}.' },
    ]);
  });
});

describe('unknownShortcodes', () => {
  it('when a post uses unknown shortcodes, then their distinct names are listed in order of first use', () => {
    const markdown = [
      '{{< figure src="a.png" >}}',
      '{{% notice warning %}}Careful {{< icon "x" >}}{{% /notice %}}',
      '{{< notice info >}}again{{< /notice >}}',
      '{{< param "author" >}}',
    ].join('\n\n');
    expect(unknownShortcodes(markdown)).toEqual(['notice', 'icon', 'param']);
  });

  it('when unknown shortcodes are only in code or escaped, then none are listed', () => {
    expect(unknownShortcodes('```\n{{< notice >}}\n```\n\n`{{< icon >}}` {{</* tabs */>}}')).toEqual([]);
  });

  it('when only built-ins are used, then the list is empty', () => {
    const builtins =
      '{{< youtube a >}}{{< vimeo 1 >}}{{< x user="u" id="1" >}}{{< tweet 1 >}}{{< instagram a >}}{{< gist u 1 >}}' +
      '{{< details >}}a{{< /details >}}{{< collapse >}}b{{< /collapse >}}{{% comment %}}c{{% /comment %}}' +
      '[x]({{< ref "a.md" >}}) [y]({{< relref "b.md" >}}) {{< highlight go >}}x{{< /highlight >}}';
    expect(unknownShortcodes(builtins)).toEqual([]);
  });

  it('when a tag is broken, then it is not reported as unknown (it has no usable name)', () => {
    expect(unknownShortcodes('{{< notice "unclosed >}}')).toEqual([]);
  });
});

describe('refTargets', () => {
  it('when a post links with ref and relref, then each target is listed in order', () => {
    expect(refTargets('[a]({{< ref "posts/a.md" >}}) [b]({{< relref path="/b#x" >}})')).toEqual([
      'posts/a.md',
      '/b#x',
    ]);
  });
});
