import { describe, expect, it } from 'vitest';
import { findImageRefs, looksLikeImagePath, replaceImageRefs } from '../../src/content/image-refs.js';

const urls = (md: string) => findImageRefs(md).map((r) => r.url);
const kinds = (md: string) => findImageRefs(md).map((r) => [r.kind, r.url]);
/** Every address rewritten to `NEW(<address>)`, to see exactly which characters were replaced. */
const rewriteAll = (md: string) => replaceImageRefs(md, findImageRefs(md), (r) => `NEW(${r.url})`);

describe('finding image references', () => {
  it('when a Markdown image has a title, then only its address is the reference', () => {
    const md = 'See ![a cat](cat.jpg "The cat") here.';
    expect(kinds(md)).toEqual([['image', 'cat.jpg']]);
    expect(rewriteAll(md)).toBe('See ![a cat](NEW(cat.jpg) "The cat") here.');
  });

  it('when the address is in angle brackets or has balanced parentheses, then all of it is found', () => {
    expect(urls('![a](<my photo.png>) ![b](shot(1).png)')).toEqual(['my photo.png', 'shot(1).png']);
    expect(rewriteAll('![a](<my photo.png>)')).toBe('![a](<NEW(my photo.png)>)');
  });

  it('when the alt text holds brackets, then the image is still found', () => {
    expect(urls('![a [b] c](x.png)')).toEqual(['x.png']);
  });

  it('when an image is wrapped in a link to the full-size file, then both are found', () => {
    expect(kinds('[![thumb](small.png)](big.jpg)')).toEqual([
      ['image', 'small.png'],
      ['link', 'big.jpg'],
    ]);
  });

  it('when a plain link points at something other than an image, then it is not a reference', () => {
    expect(urls('[the paper](paper.pdf) and [home](/)')).toEqual([]);
  });

  it('when an image is written reference-style, then its definition is found, labels case-insensitive', () => {
    const md =
      '![Logo][site logo] ![Other]\n\n[Site  Logo]: /images/logo.png "Logo"\n[other]: <img/other one.webp>\n[home]: https://example.com/\n';
    expect(kinds(md)).toEqual([
      ['definition', '/images/logo.png'],
      ['definition', 'img/other one.webp'],
    ]);
    expect(rewriteAll(md)).toContain('[other]: <NEW(img/other one.webp)>');
  });

  it('when raw HTML has src and srcset, then each address is found, descriptors kept', () => {
    const md =
      '<img alt="x" src="/images/a.png" srcset="a-480.png 480w, a-960.png 960w,b.png">\n<img src=bare.gif>';
    expect(kinds(md)).toEqual([
      ['html', '/images/a.png'],
      ['srcset', 'a-480.png'],
      ['srcset', 'a-960.png'],
      ['srcset', 'b.png'],
      ['html', 'bare.gif'],
    ]);
    expect(rewriteAll(md)).toBe(
      '<img alt="x" src="NEW(/images/a.png)" srcset="NEW(a-480.png) 480w, NEW(a-960.png) 960w,NEW(b.png)">\n<img src=NEW(bare.gif)>',
    );
  });

  it('when a picture has source elements, then their srcset is found too', () => {
    expect(urls("<picture><source srcset='p.webp' type=\"image/webp\"><img src='p.jpg'></picture>")).toEqual([
      'p.webp',
      'p.jpg',
    ]);
  });

  it('when a figure shortcode gives src quoted, unquoted or in backticks, then each is found', () => {
    const md = [
      '{{< figure src="diagrams/flow.png" title="Flow" >}}',
      '{{% figure src=plain.jpg %}}',
      '{{< figure src=`raw shot.jpg` />}}',
      '{{<figure src=self.png/>}}',
    ].join('\n');
    expect(kinds(md)).toEqual([
      ['shortcode', 'diagrams/flow.png'],
      ['shortcode', 'plain.jpg'],
      ['shortcode', 'raw shot.jpg'],
      ['shortcode', 'self.png'],
    ]);
    expect(rewriteAll(md).split('\n')).toEqual([
      '{{< figure src="NEW(diagrams/flow.png)" title="Flow" >}}',
      '{{% figure src=NEW(plain.jpg) %}}',
      '{{< figure src=`NEW(raw shot.jpg)` />}}',
      '{{<figure src=NEW(self.png)/>}}',
    ]);
  });

  it('when a figure links to an image, then the link is found; a link to a page is not', () => {
    expect(
      urls('{{< figure src="a.png" link="a-full.png" >}} {{< figure src="b.png" link="/posts/b/" >}}'),
    ).toEqual(['a.png', 'a-full.png', 'b.png']);
  });

  it('when another shortcode has a src, then it is not an image reference', () => {
    expect(urls('{{< video src="clip.mp4" >}}')).toEqual([]);
  });

  it('when references are on several lines, then each has its line number', () => {
    const md = 'Intro\n\n![a](a.png)\n\ntext <img src="b.png">\n\n{{< figure src="c.png" >}}\n';
    expect(findImageRefs(md).map((r) => [r.url, r.line])).toEqual([
      ['a.png', 3],
      ['b.png', 5],
      ['c.png', 7],
    ]);
  });

  it('when there is no image at all, then there is nothing to find', () => {
    expect(findImageRefs('Just words, [a link](https://example.com).')).toEqual([]);
  });
});

describe('code is text, not images', () => {
  it('when an image path is inside a fenced code block, then it is neither found nor rewritten', () => {
    const md =
      'Before ![real](real.png)\n\n```markdown\n![example](example.png)\n<img src="ex.png">\n```\n\n~~~\n{{< figure src="ex2.png" >}}\n~~~\n';
    expect(urls(md)).toEqual(['real.png']);
    expect(rewriteAll(md)).toBe(md.replace('(real.png)', '(NEW(real.png))'));
  });

  it('when the fence is inside a list or a quote, then it is still code', () => {
    expect(
      urls('- item\n\n  ```\n  ![x](in-list.png)\n  ```\n\n> ```\n> ![y](in-quote.png)\n> ```\n'),
    ).toEqual([]);
  });

  it('when a fence is never closed, then the rest of the post is code, as CommonMark says', () => {
    expect(urls('![a](a.png)\n\n```\n![b](b.png)\n')).toEqual(['a.png']);
  });

  it('when an image is in an indented code block, then it is not found', () => {
    expect(urls('Text.\n\n    ![x](indented.png)\n')).toEqual([]);
  });

  it('when an image is inside an inline code span, then it is not found', () => {
    expect(urls('Write `![x](span.png)` or ``a ` ![y](span2.png)`` — ![z](real.png)')).toEqual(['real.png']);
  });

  it('when an image is inside an HTML comment or a highlight shortcode, then it is not found', () => {
    const md =
      '<!-- ![old](old.png) -->\n{{< highlight md >}}\n![hl](hl.png)\n{{< /highlight >}}\n![new](new.png)';
    expect(urls(md)).toEqual(['new.png']);
  });

  it('when a shortcode is shown with Hugo’s comment syntax, then it is not found', () => {
    expect(urls('{{</* figure src="shown.png" */>}}')).toEqual([]);
  });

  it('when a bracket or backtick is escaped, then it opens nothing', () => {
    expect(urls('!\\[not](a.png) \\`![yes](b.png)\\`')).toEqual(['b.png']);
  });
});

describe('rewriting', () => {
  it('when the replacement answers null, then that reference is left as written', () => {
    const md = '![a](a.png) ![b](b.png)';
    const out = replaceImageRefs(md, findImageRefs(md), (r) => (r.url === 'a.png' ? '/media/k/a.png' : null));
    expect(out).toBe('![a](/media/k/a.png) ![b](b.png)');
  });

  it('when nothing is replaced, then the text is unchanged byte for byte', () => {
    const md = 'x ![a](a.png "t")\r\n<img src="b.png">';
    expect(replaceImageRefs(md, findImageRefs(md), () => null)).toBe(md);
  });
});

describe('looksLikeImagePath', () => {
  it.each([
    ['a.JPG', true],
    ['a.jpeg?v=2', true],
    ['/images/x.webp#center', true],
    ['diagram.svg', true],
    ['doc.pdf', false],
    ['/posts/x/', false],
  ])('when the address is %s, then it is %s', (url, expected) => {
    expect(looksLikeImagePath(url)).toBe(expected);
  });
});

describe('hostile text around images', () => {
  it('when figure tags are left unclosed, then they give nothing and a closed figure after them is found', () => {
    const md = `${'{{< figure src="lost.png" '.repeat(2000)}\n\n{{< figure src="kept.png" >}}\n`;
    expect(urls(md)).toEqual(['kept.png']);
  });

  it('when <img tags are never closed, then they give nothing and a closed one before them is found', () => {
    expect(urls(`<img src="kept.png">${'<img src="lost.png" '.repeat(2000)}`)).toEqual(['kept.png']);
  });

  it('when <img tags are closed by a later >, then they are one tag, as HTML reads them', () => {
    const found = urls(`${'<img src="a.png" '.repeat(2000)}<img src="b.png">`);
    expect(found).toHaveLength(2001);
    expect(found.at(-1)).toBe('b.png');
  });

  it('when a post is a long run of "](", then no link is found, and a real image after it is', () => {
    expect(urls(`${']('.repeat(20_000)}\n\n![a](after.png)`)).toEqual(['after.png']);
  });

  it('when link titles never close, then those links give nothing and a later image is found', () => {
    expect(urls(`${'[a](b.png "\\" '.repeat(2000)}\n\n![a](after.png)`)).toEqual(['after.png']);
  });

  it('when parentheses nest deeper than 32 in an address, then it is not a link', () => {
    expect(urls(`![a](${'('.repeat(33)}x.png${')'.repeat(33)}) ![b](${'('.repeat(3)}y.png${')'.repeat(3)})`)).toEqual([
      '(((y.png)))',
    ]);
  });

  it('when a paragraph holds many unmatched backtick runs, then a real image after them is found', () => {
    const runs = Array.from({ length: 300 }, (_, i) => `${'`'.repeat(i + 1)}x`).join(' ');
    expect(urls(`${runs} ![a](after.png)`)).toEqual(['after.png']);
  });
});
