/** Vocabulary for the bench blog: prose words, ~200 tags, categories and code in a few languages. */

const PROSE_TEXT = `the a an of to in and for with on that this it is was are be as by from at
or not but we you they our their can will would should could when which what how why where more
most some many much each every other same first last new old small large fast slow simple hard easy
clear better worse real good bad long short early late often always never again still just only also
then than very quite rather enough together instead between through during after before under over
into about against across around without within request response server client cache query index
page post list table row column file folder build test release deploy change version feature bug
fix error log metric trace latency throughput memory disk network socket thread process worker queue
job task event message stream buffer record field value key type schema model view route handler
config option setting flag default limit timeout retry budget cost time minute second hour day week
month year team user reader writer editor owner people engineer problem question answer idea reason
result number figure graph chart benchmark profile measure compare improve reduce avoid keep start
stop run read write send receive open close parse render compile load store save delete update
create find match sort filter group count split merge join wrap handle return throw catch check
prove learn explain show notice assume expect guess decide choose prefer need want try use make`;

export const PROSE = PROSE_TEXT.split(/\s+/).filter(Boolean);

const TAGS_TEXT = `go rust typescript javascript python java kotlin swift ruby elixir erlang haskell ocaml
zig c cpp csharp php lua bash sql graphql wasm node deno bun react vue svelte angular solid htmx
css html accessibility design typography fonts images video audio svg canvas webgl webgpu
kubernetes docker podman containers helm istio envoy nginx caddy haproxy traefik linkerd cilium
ebpf linux freebsd windows macos systemd networking tcp udp quic http http2 http3 tls dns ipv6
grpc rest websockets json yaml toml protobuf postgres mysql sqlite redis kafka rabbitmq nats
elasticsearch clickhouse duckdb mongodb cassandra etcd consul vault terraform ansible pulumi nix
git github gitlab ci cd testing fuzzing benchmarks profiling observability prometheus grafana
opentelemetry logging tracing metrics alerting oncall incidents postmortems reliability sre
performance caching concurrency async threads memory garbage-collection compilers parsers
interpreters type-systems generics macros functional-programming oop refactoring legacy-code
code-review architecture microservices monoliths serverless edge cdn aws gcp azure cloudflare
security cryptography authentication authorization oauth passkeys privacy compliance licensing
open-source community hiring management career remote-work writing books talks conferences
productivity tools editors vim emacs vscode terminal shell keyboards hardware raspberry-pi
embedded iot robotics 3d-printing electronics machine-learning llm data-engineering analytics
statistics math algorithms data-structures distributed-systems consensus raft databases storage
filesystems backups migrations search indexing documentation api-design versioning dependencies
packaging release-engineering monorepos build-systems bazel make cmake mobile android ios
games gamedev photography travel cooking music running cycling books-read year-in-review
personal meta announcements tutorials notes til`;

/** About 200 tag names; `rankedTag(k)` with a Zipf k gives a few tags with thousands of posts. */
export const TAGS = TAGS_TEXT.split(/\s+/).filter(Boolean);

export const CATEGORIES = [
  'engineering',
  'operations',
  'frontend',
  'databases',
  'career',
  'life',
  'reviews',
  'notes',
];

export const LINK_HOSTS = ['example.com', 'example.org', 'docs.example.net', 'blog.example.com'];

/** Code blocks: a language and lines to draw from (names are filled in by the generator). */
export const CODE: Record<string, string[]> = {
  go: [
    'func NAME(ctx context.Context, id string) (*Item, error) {',
    '\titem, err := store.Get(ctx, id)',
    '\tif err != nil {',
    '\t\treturn nil, fmt.Errorf("get %s: %w", id, err)',
    '\t}',
    '\treturn item, nil',
    '}',
  ],
  typescript: [
    'export async function NAME(id: string): Promise<Item | null> {',
    '  const row = await db.item.findUnique({ where: { id } });',
    '  if (!row) return null;',
    '  return { ...row, tags: row.tags.map((t) => t.name) };',
    '}',
  ],
  python: [
    'def NAME(items: list[dict]) -> dict[str, int]:',
    '    counts: dict[str, int] = {}',
    '    for item in items:',
    '        counts[item["kind"]] = counts.get(item["kind"], 0) + 1',
    '    return counts',
  ],
  bash: [
    'set -euo pipefail',
    'for f in ./NAME/*.log; do',
    '  grep -c "ERROR" "$f" || true',
    'done | sort -n | tail -5',
  ],
  yaml: [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    '  name: NAME',
    'spec:',
    '  replicas: 3',
    '  template:',
    '    spec:',
    '      containers:',
    '        - name: NAME',
    '          image: registry.example.com/NAME:1.4.2',
  ],
  rust: [
    'pub fn NAME(input: &str) -> Result<Vec<u32>, ParseIntError> {',
    '    input',
    "        .split(',')",
    '        .map(|s| s.trim().parse::<u32>())',
    '        .collect()',
    '}',
  ],
  sql: [
    'SELECT p.id, p.title, count(t.tag_id) AS tags',
    'FROM posts p',
    'LEFT JOIN post_tags t ON t.post_id = p.id',
    "WHERE p.status = 'published'",
    'GROUP BY p.id',
    'ORDER BY p.published_at DESC',
    'LIMIT 10;',
  ],
  json: [
    '{',
    '  "name": "NAME",',
    '  "version": "2.3.1",',
    '  "private": true,',
    '  "scripts": { "test": "vitest run" }',
    '}',
  ],
};
