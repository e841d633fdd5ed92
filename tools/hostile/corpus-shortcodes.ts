/**
 * Hugo shortcodes, written well and badly: many of every kind Byline renders, deep nesting, and
 * tags left open (no `>}}`, no closing tag, an open quote) that a parser might keep rereading.
 */
import { fill, markdownInput as md, nested, numbered } from './text.js';

const KINDS = [
  '{{< figure src="/a.png" alt="A" caption="*Cap* [l](/x)" title="T" link="/b.jpg" class="align-left" >}}\n\n',
  '{{< highlight go "linenos=table,hl_lines=1 3-4" >}}\nfunc a() {}\nfunc b() {}\n{{< /highlight >}}\n\n',
  '[r]({{< ref "posts/a.md#part" >}}) [s]({{< relref "/about" >}})\n\n',
  '{{< details summary="More" open=true >}}\nInside *it*.\n{{< /details >}}\n\n',
  '{{% collapse title="C" %}}\nText\n{{% /collapse %}}\n\n',
  '{{< youtube id="dQw4w9WgXcQ" start=10 >}} {{< vimeo 123 >}} {{< x user="u" id="1" >}}\n\n',
  '{{< tweet 123 >}} {{< instagram abc >}} {{< gist user 0abc file.go >}}\n\n',
  '{{< comment >}}hidden {{< figure src=x >}}{{< /comment >}}\n\n',
  '{{< unknown a b=c >}}kept{{< /unknown >}} {{< theme/box >}}\n\n',
  '{{</* figure src="shown.png" */>}} `{{< figure >}}`\n\n',
];

export const SHORTCODE_INPUTS = [
  md('shortcodes-every-kind', (n) => fill(KINDS.join(''), n)),
  ...KINDS.map((kind, i) => md(`shortcodes-kind-${i}`, (n) => fill(kind, n))),
  md('shortcodes-figures-distinct', (n) => numbered((i) => `{{< figure src="/i${i}.png" caption="c${i}" >}}\n\n`, n)),
  md('shortcodes-inline-figures', (n) => fill('a {{< figure src=x.png >}} b ', n)),
  md('shortcode-figure-unclosed', (n) => fill('{{< figure src="a.png" ', n)),
  md('shortcode-figure-unclosed-bare', (n) => `{{< figure ${fill('src=a ', n - 12)}`),
  md('shortcode-figure-no-space', (n) => fill('{{<figure', n)),
  md('shortcode-openers', (n) => fill('{{<', n)),
  md('shortcode-openers-percent', (n) => fill('{{%', n)),
  md('shortcode-open-quote', (n) => fill('{{< x "a ', n)),
  md('shortcode-open-raw-quote', (n) => `{{< x \`${fill('a\n', n - 8)}`),
  md('shortcode-escaped-unclosed', (n) => fill('{{</* x ', n)),
  md('shortcode-highlight-unclosed', (n) => fill('{{< highlight go >}}\na\n', n)),
  md('shortcode-comment-unclosed', (n) => fill('{{< comment >}}a ', n)),
  md('shortcode-closes-only', (n) => fill('{{< /details >}}', n)),
  md('shortcode-opens-only', (n) => fill('{{< details >}}\n', n)),
  md('shortcode-nested-details', (n) => nested('{{< details >}}\n', 'a\n', '{{< /details >}}\n', n)),
  md('shortcode-nested-mixed', (n) => nested('{{< details >}}{{% spoiler %}}', 'a', '{{% /spoiler %}}{{< /details >}}', n)),
  md('shortcode-nested-unknown', (n) => nested('{{< box >}}', 'a', '{{< /box >}}', n)),
  md('shortcode-interleaved', (n) => fill('{{< a >}}{{< b >}}{{< /a >}}{{< /b >}}', n)),
  md('shortcode-many-args', (n) => `{{< figure ${numbered((i) => `k${i}="v" `, n - 16)}>}}`),
  md('shortcode-long-arg', (n) => `{{< figure src="${fill('a', n - 20)}" >}}`),
  md('shortcode-caption-markdown', (n) => `{{< figure src=a caption="${fill('*a [b](c) ', n - 30)}" >}}`),
  md('shortcode-ref-many', (n) => numbered((i) => `[a]({{< ref "p${i}.md#h" >}}) `, n)),
  md('shortcode-highlight-hl-lines', (n) =>
    `{{< highlight go "hl_lines=${numbered((i) => `${i} `, n / 2)}" >}}\n${fill('a\n', n / 2)}{{< /highlight >}}\n`),
  md('shortcode-details-many-lines', (n) => `{{< details >}}\n${fill('  a\n', n - 40)}{{< /details >}}\n`),
  md('shortcode-highlight-many-lines', (n) => `{{< highlight go >}}\n${fill('  a\n', n - 40)}{{< /highlight >}}\n`),
  // The text a shortcode leaves in the Markdown while it is rendered, written by hand many times.
  md('shortcode-placeholder-amplification', (n) =>
    `{{< highlight go >}}\n${fill('x := 1\n', n / 2)}{{< /highlight >}}\n\n${fill('BYLINESHORTCODE7F3C0E\n\n', n / 2)}`),
  md('shortcode-placeholder-inline', (n) =>
    `{{< figure src=a caption="${fill('c', n / 2)}" >}}\n\n${fill('a BYLINESHORTCODE7F3C0E ', n / 2)}`),
  md('shortcode-in-code-spans', (n) => fill('`{{< figure src=x >}}` ', n)),
  md('shortcode-in-fences', (n) => fill('```\n{{< figure src=x >}}\n```\n\n', n)),
];
