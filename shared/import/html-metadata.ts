import { storedDateOf } from './article-metadata.js';
import { attributeOf, findHtmlElements, rawTextOf, type HtmlElement, type HtmlNode } from './html-tree.js';

/** What an HTML page says about the article it carries. Every field is null when not given. */
export interface HtmlArticleMetadata {
  title: string | null;
  outlet: string | null;
  author: string | null;
  date: string | null;
  url: string | null;
}

/** Meta keys (`property`, `name` or `itemprop`, lower-cased) for each field, in order of trust. */
const TITLE_KEYS = ['og:title', 'twitter:title', 'dc.title', 'headline'];
const OUTLET_KEYS = ['og:site_name', 'publisher', 'dc.publisher'];
/** Meta keys that name the outlet less surely (an app's name, a social handle): used only when nothing else does. */
const OUTLET_FALLBACK_KEYS = ['application-name', 'twitter:site'];
const AUTHOR_KEYS = ['author', 'article:author', 'dc.creator', 'parsely-author', 'sailthru.author', 'byl'];
const DATE_KEYS = [
  'article:published_time', 'datepublished', 'date', 'pubdate', 'publishdate', 'publish-date', 'publication_date',
  'dc.date', 'dc.date.issued', 'dcterms.created', 'dcterms.issued', 'sailthru.date', 'parsely-pub-date',
];
const URL_KEYS = ['og:url', 'twitter:url'];

/** schema.org types a JSON-LD block describes an article with. */
const ARTICLE_TYPES = new Set(['article', 'newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'blogposting', 'report', 'webpage']);

/**
 * Reads an article's metadata from a parsed page: `<title>`, Open Graph and other meta tags,
 * `<link rel=canonical>`, JSON-LD (`application/ld+json`, parsed as data), and `<time datetime>`
 * inside the article. `articleRoot` is the element the text comes from. Only absolute http(s)
 * addresses are taken as the URL.
 */
export function htmlArticleMetadata(document: HtmlNode, articleRoot: HtmlNode): HtmlArticleMetadata {
  const meta = metaValues(document);
  const ld = jsonLdArticle(document);
  const pick = (keys: string[]): string | null => firstNonBlank(keys.map((k) => meta.get(k) ?? null));
  const pickName = (keys: string[]): string | null => firstNonBlank(keys.map((k) => meta.get(k) ?? null).filter((v) => !isHttpUrl(v)));
  const outlet = firstNonBlank([pickName(OUTLET_KEYS), ld.outlet, microdataPublisher(document), ld.siteName, pickName(OUTLET_FALLBACK_KEYS)]);
  const heading = findHtmlElements(articleRoot, (e) => e.tagName === 'h1')[0];
  const pageTitle = findHtmlElements(document, (e) => e.tagName === 'title')[0];
  return {
    title: firstNonBlank([
      pick(TITLE_KEYS),
      ld.title,
      heading ? rawTextOf(heading) : null,
      pageTitle ? withoutOutletSuffix(rawTextOf(pageTitle), outlet) : null,
    ]),
    outlet,
    author: firstNonBlank([...AUTHOR_KEYS.map((k) => meta.get(k) ?? null).filter((a) => !isHttpUrl(a)), ld.author]),
    date: storedDateOf(firstNonBlank([pick(DATE_KEYS), ld.date, timeDatetime(articleRoot)])),
    url: firstNonBlank([canonicalHref(document), ...URL_KEYS.map((k) => meta.get(k) ?? null), ld.url].filter(isHttpUrl)),
  };
}

function metaValues(document: HtmlNode): Map<string, string> {
  const values = new Map<string, string>();
  for (const meta of findHtmlElements(document, (e) => e.tagName === 'meta')) {
    const key = (attributeOf(meta, 'property') ?? attributeOf(meta, 'name') ?? attributeOf(meta, 'itemprop'))?.toLowerCase();
    const content = attributeOf(meta, 'content') ?? attributeOf(meta, 'datetime');
    if (key && content?.trim() && !values.has(key)) values.set(key, content.trim());
  }
  return values;
}

function canonicalHref(document: HtmlNode): string | null {
  const link = findHtmlElements(
    document,
    (e) => e.tagName === 'link' && (attributeOf(e, 'rel') ?? '').toLowerCase().split(/\s+/).includes('canonical'),
  )[0];
  return link ? (attributeOf(link, 'href')?.trim() ?? null) : null;
}

function timeDatetime(root: HtmlNode): string | null {
  const times = findHtmlElements(root, (e) => e.tagName === 'time' && attributeOf(e, 'datetime') !== null);
  const published =
    times.find((t) => attributeOf(t, 'pubdate') !== null || attributeOf(t, 'itemprop')?.toLowerCase() === 'datepublished') ??
    times[0];
  return published ? attributeOf(published, 'datetime') : null;
}

interface JsonLdArticle {
  title: string | null;
  outlet: string | null;
  author: string | null;
  date: string | null;
  url: string | null;
  /** The name of a `WebSite` node, the outlet when the article names no publisher. */
  siteName: string | null;
}

/**
 * The first article described by the page's JSON-LD blocks (malformed blocks are ignored). A
 * publisher or author given as a reference (`{"@id": "#org"}`) is looked up among every node of
 * every block, as sites that describe the organisation once in an `@graph` do.
 */
function jsonLdArticle(document: HtmlNode): JsonLdArticle {
  const nodes = jsonLdNodes(document);
  const byId = new Map<string, Record<string, unknown>>();
  for (const node of nodes) {
    const id = stringOf(node['@id']);
    if (id && !byId.has(id)) byId.set(id, node);
  }
  const resolved = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(resolved);
    const id = isRecord(value) && value['name'] === undefined ? stringOf(value['@id']) : null;
    return (id && byId.get(id)) ?? value;
  };
  const site = nodes.find((n) => typesOf(n).includes('website'));
  const siteName = site ? stringOf(site['name']) : null;
  const article = nodes.find((n) => typesOf(n).some((t) => ARTICLE_TYPES.has(t)) && (n['headline'] !== undefined || n['datePublished'] !== undefined));
  if (!article) return { title: null, outlet: null, author: null, date: null, url: null, siteName };
  return {
    title: stringOf(article['headline']) ?? stringOf(article['name']),
    outlet: nameOf(resolved(article['publisher'])),
    author: nameOf(resolved(article['author'])),
    date: stringOf(article['datePublished']) ?? stringOf(article['dateCreated']),
    url: stringOf(article['url']) ?? stringOf(article['mainEntityOfPage']) ?? nameOf(article['mainEntityOfPage'], '@id'),
    siteName,
  };
}

/** Every object of every JSON-LD block, breadth first through arrays and `@graph`s (at most 1000). */
function jsonLdNodes(document: HtmlNode): Record<string, unknown>[] {
  const scripts = findHtmlElements(
    document,
    (e: HtmlElement) => e.tagName === 'script' && (attributeOf(e, 'type') ?? '').trim().toLowerCase() === 'application/ld+json',
  );
  const queue: unknown[] = [];
  for (const script of scripts) {
    try {
      queue.push(JSON.parse(rawTextOf(script)));
    } catch {
      continue;
    }
  }
  const nodes: Record<string, unknown>[] = [];
  for (let seen = 0; queue.length > 0 && seen < 1000; seen++) {
    const item = queue.shift();
    if (Array.isArray(item)) queue.push(...item);
    else if (isRecord(item)) {
      nodes.push(item);
      if (item['@graph'] !== undefined) queue.push(item['@graph']);
    }
  }
  return nodes;
}

function typesOf(node: Record<string, unknown>): string[] {
  return ([] as unknown[]).concat(node['@type']).map((t) => String(t).toLowerCase());
}

/** The name in schema.org microdata's publisher (`itemprop="publisher"` holding `itemprop="name"`). */
function microdataPublisher(document: HtmlNode): string | null {
  for (const publisher of findHtmlElements(document, (e) => hasItemprop(e, 'publisher'))) {
    const name = findHtmlElements(publisher, (e) => hasItemprop(e, 'name'))[0];
    const value = name ? (attributeOf(name, 'content') ?? rawTextOf(name)) : null;
    if (value?.trim()) return value;
  }
  return null;
}

function hasItemprop(element: HtmlElement, property: string): boolean {
  return (attributeOf(element, 'itemprop') ?? '').toLowerCase().split(/\s+/).includes(property);
}

function nameOf(value: unknown, key = 'name'): string | null {
  if (typeof value === 'string') return isHttpUrl(value) && key === 'name' ? null : value;
  if (Array.isArray(value)) {
    const names = value.map((v) => nameOf(v, key)).filter((n): n is string => n !== null);
    return names.length > 0 ? names.join(', ') : null;
  }
  return isRecord(value) ? stringOf(value[key]) : null;
}

function stringOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstNonBlank(values: (string | null)[]): string | null {
  for (const value of values) {
    const collapsed = value?.replace(/\s+/g, ' ').trim();
    if (collapsed) return collapsed;
  }
  return null;
}

function isHttpUrl(value: string | null): value is string {
  return value !== null && /^https?:\/\/[^\s/]+/i.test(value.trim());
}

/** "Crash at Imola | The Racer" → "Crash at Imola" when the outlet is "The Racer". */
function withoutOutletSuffix(title: string, outlet: string | null): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (!outlet) return clean;
  for (const separator of [' | ', ' - ', ' – ', ' — ', ' :: ']) {
    const suffix = `${separator}${outlet}`;
    if (clean.toLowerCase().endsWith(suffix.toLowerCase()) && clean.length > suffix.length) {
      return clean.slice(0, -suffix.length);
    }
  }
  return clean;
}
