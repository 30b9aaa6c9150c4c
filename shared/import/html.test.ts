import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { importHtml } from './html.js';

const FIXTURES = new URL('../../fixtures/import/', import.meta.url);

describe('importHtml: the XSS corpus (docs/GUARANTEES.md S7)', () => {
  const raw = readFileSync(new URL('xss-corpus.html', FIXTURES), 'utf8');
  const article = importHtml('xss-corpus.html', raw)!;

  it('keeps the visible words only, as plain text', () => {
    expect(article.text).toBe(
      [
        'Paragraph one.',
        'Paragraph two.',
        'link text stays as words.',
        // What a browser shows after the noscript mutation vector: literal characters, no element.
        '">',
        'Summary words.',
        'Details words.',
        'Styled words.',
        "Escaped: <script>alert('escaped')</script>",
        'Last paragraph.',
      ].join('\n\n'),
    );
  });

  it('lets no handler, script, URL or embedded document into the text or the metadata', () => {
    const withoutEscaped = article.text.replace("<script>alert('escaped')</script>", '');
    expect(withoutEscaped).not.toMatch(/alert|javascript:|onerror|onload|srcdoc|<\w/i);
    expect(article.url).toBeNull();
    expect(article.title).toBe('Safe headline');
    expect(JSON.stringify({ ...article, text: '' })).not.toMatch(/alert|javascript/i);
  });
});

describe('importHtml: text and structure', () => {
  const text = (html: string): string | undefined => importHtml('t.html', html)?.text;

  it('makes paragraphs of blocks, lines of <br>, and collapses whitespace like a browser', () => {
    expect(text('<p>One\n   two</p><h2>Head</h2><div>Three<br>four</div><ul><li>a</li><li>b <em>c</em></li></ul>')).toBe(
      'One two\n\nHead\n\nThree\nfour\n\na\n\nb c',
    );
  });

  it('keeps <pre> as written and decodes entities, keeping no-break spaces', () => {
    expect(text('<pre>  x = 1\n  y = 2</pre><p>A&nbsp;&amp;&#x1F44D;&eacute;</p>')).toBe('  x = 1\n  y = 2\n\nA\u00a0&👍é');
  });

  it('takes the article and drops page furniture when there is an <article> or <main>', () => {
    const page = '<body><nav>Menu</nav><header>Site</header><main><h1>Title</h1><aside>Ad</aside><p>Body.</p></main><footer>©</footer></body>';
    expect(text(page)).toBe('Title\n\nBody.');
  });

  it('keeps everything visible when the page has no <article> or <main>', () => {
    expect(text('<body><nav>Menu</nav><p>Body.</p><footer>Footer</footer></body>')).toBe('Menu\n\nBody.\n\nFooter');
  });

  it('picks the longest of several <article> elements', () => {
    expect(text('<article><p>Teaser</p></article><article><p>The real story, much longer.</p></article>')).toBe('The real story, much longer.');
  });

  it('drops hidden elements and puts table cells on one line', () => {
    expect(text('<p hidden>secret</p><table><tr><th>Lap</th><th>Pos</th></tr><tr><td>32</td><td>P8</td></tr></table>')).toBe('Lap Pos\n\n32 P8');
  });

  it('gives null for a page without text', () => {
    expect(importHtml('empty.html', '<html><body><img src="x"><script>1</script></body></html>')).toBeNull();
  });

  it('puts the text in NFC', () => {
    expect(text('<p>Cafe&#x301;</p>')).toBe('Café');
  });
});

describe('importHtml: metadata', () => {
  it('falls back from og:title to <h1>, then to <title> without the outlet suffix', () => {
    expect(importHtml('a.html', '<title>Crash | The Racer</title><meta property="og:site_name" content="The Racer"><p>Text</p>')).toMatchObject({
      title: 'Crash',
      outlet: 'The Racer',
    });
    expect(importHtml('a.html', '<title>Page</title><article><h1>Headline</h1><p>Text</p></article>')?.title).toBe('Headline');
    expect(importHtml('a.html', '<p>Just text here</p>')?.title).toBe('Just text here');
  });

  it('reads dates from meta tags, JSON-LD or <time>, as YYYY-MM-DD', () => {
    expect(importHtml('a.html', '<meta name="date" content="2021-04-19"><p>x</p>')?.date).toBe('2021-04-19');
    expect(importHtml('a.html', '<article><time datetime="2021-04-18T14:00Z">Sunday</time><p>x</p></article>')?.date).toBe('2021-04-18');
    const ld = {
      '@context': 'https://schema.org',
      '@graph': [{ '@type': 'WebSite', name: 'x' }, { '@type': 'NewsArticle', headline: 'LD headline', datePublished: '2021-04-20T08:00:00Z', author: [{ name: 'A. Writer' }], publisher: { name: 'LD News' }, url: 'https://ld.example/a' }],
    };
    expect(importHtml('a.html', `<script type="application/ld+json">${JSON.stringify(ld)}</script><p>x</p>`)).toMatchObject({
      title: 'LD headline',
      date: '2021-04-20',
      author: 'A. Writer',
      outlet: 'LD News',
      url: 'https://ld.example/a',
    });
    expect(importHtml('a.html', '<script type="application/ld+json">{not json</script><p>x</p>')?.date).toBeNull();
  });

  it('finds the outlet in og:site_name, publisher meta, JSON-LD, microdata, application-name or twitter:site', () => {
    const outlet = (head: string): string | null | undefined => importHtml('a.html', `${head}<p>Text</p>`)?.outlet;
    expect(outlet('<meta property="og:site_name" content="The Racer"><meta name="twitter:site" content="@racer">')).toBe('The Racer');
    expect(outlet('<meta name="publisher" content="https://facebook.com/racer"><meta name="application-name" content="Racer App">')).toBe('Racer App');
    const referenced = {
      '@context': 'https://schema.org',
      '@graph': [
        { '@type': 'NewsArticle', headline: 'H', publisher: { '@id': 'https://racer.example/#org' } },
        { '@type': 'Organization', '@id': 'https://racer.example/#org', name: 'Racer Media' },
        { '@type': 'WebSite', name: 'racer.example' },
      ],
    };
    expect(outlet(`<script type="application/ld+json">${JSON.stringify(referenced)}</script><meta name="twitter:site" content="@racer">`)).toBe('Racer Media');
    const siteOnly = [{ '@type': 'WebSite', name: 'The Paddock' }, { '@type': 'NewsArticle', headline: 'H' }];
    expect(outlet(`<script type="application/ld+json">${JSON.stringify(siteOnly)}</script><meta name="application-name" content="WP">`)).toBe('The Paddock');
    expect(outlet('<div itemprop="publisher" itemscope><meta itemprop="name" content="Micro News"></div>')).toBe('Micro News');
    expect(outlet('<meta name="twitter:site" content="@racer">')).toBe('@racer');
    expect(outlet('')).toBeNull();
  });

  it('takes only absolute http(s) URLs, canonical first', () => {
    expect(importHtml('a.html', '<link rel="canonical" href="https://a.example/x"><meta property="og:url" content="https://b.example/y"><p>x</p>')?.url).toBe('https://a.example/x');
    expect(importHtml('a.html', '<link rel="canonical" href="/relative"><meta property="og:url" content="https://b.example/y"><p>x</p>')?.url).toBe('https://b.example/y');
    expect(importHtml('a.html', '<link rel="canonical" href="data:text/html,hi"><p>x</p>')?.url).toBeNull();
  });

  it('trusts a date later than the years the text mentions, and warns when the text tells of a later year as past', () => {
    expect(importHtml('a.html', '<meta name="date" content="2024-05-02"><p>The 2021 race.</p>')?.dateWarning).toBeNull();
    expect(importHtml('a.html', '<meta name="date" content="2021-05-02"><p>In 2023 he won the title.</p>')?.dateWarning).toBe(
      'given as 2021-05-02, but the text tells of 2023 as past',
    );
  });
});
