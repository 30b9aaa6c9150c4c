/** Article metadata a Markdown file's front matter gives; a field is absent when not given. */
export interface FrontMatter {
  title?: string;
  date?: string;
  outlet?: string;
  url?: string;
  author?: string;
}

/** Front-matter keys, lower-cased, for each metadata field. */
const KEYS: Record<string, keyof FrontMatter> = {
  title: 'title',
  headline: 'title',
  date: 'date',
  published: 'date',
  published_at: 'date',
  publishdate: 'date',
  source: 'outlet',
  outlet: 'outlet',
  publisher: 'outlet',
  site: 'outlet',
  url: 'url',
  link: 'url',
  canonical: 'url',
  canonical_url: 'url',
  canonicalurl: 'url',
  author: 'author',
  byline: 'author',
};

const BLOCK = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/;

/**
 * Splits YAML-style front matter (`---` lines around `key: value` pairs) off the start of a
 * Markdown text. Only flat `key: value` lines are read, with optional quotes; anything else in the
 * block (lists, nesting) is skipped. Without front matter, `body` is the whole text.
 */
export function splitFrontMatter(text: string): { frontMatter: FrontMatter; body: string } {
  const block = BLOCK.exec(text);
  if (!block) return { frontMatter: {}, body: text };
  const frontMatter: FrontMatter = {};
  for (const line of block[1]!.split('\n')) {
    const pair = /^([A-Za-z_][\w.-]*)[ \t]*:[ \t]*(.*)$/.exec(line);
    if (!pair) continue;
    const field = KEYS[pair[1]!.toLowerCase()];
    const value = unquote(pair[2]!.trim());
    if (field && value && frontMatter[field] === undefined) frontMatter[field] = value;
  }
  return { frontMatter, body: text.slice(block[0].length) };
}

function unquote(value: string): string {
  const quoted = /^(["'])(.*)\1$/.exec(value);
  if (quoted) return quoted[1] === '"' ? quoted[2]!.replace(/\\(["\\])/g, '$1') : quoted[2]!.replace(/''/g, "'");
  return value.replace(/[ \t]+#.*$/, '');
}
