/**
 * The W2 peer page: @recogito/text-annotator 4.x rendering a text and its spans the documented way
 * (`createTextAnnotator` on the container, the W3C format adapter, `setAnnotations` with a
 * TextQuoteSelector and a TextPositionSelector per span; default SPANS renderer). Bundled with
 * esbuild and exposed as `globalThis.__peer`; its stylesheet is added by the workload.
 */
import { createTextAnnotator, W3CTextFormat, type TextAnnotator } from '@recogito/text-annotator';
import type { PeerResult } from './browser-session.js';

let annotator: TextAnnotator | null = null;

/** Renders `text` (paragraphs as `<p>`, separators kept as text so offsets match) and the spans. */
export async function runPeer(text: string, spans: readonly { start: number; end: number }[], timeoutMs: number): Promise<PeerResult> {
  annotator?.destroy();
  const old = document.getElementById('content');
  old?.remove();
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));

  const started = performance.now();
  const container = document.createElement('article');
  container.id = 'content';
  const parts = text.split('\n\n');
  parts.forEach((paragraph, i) => {
    if (i > 0) container.append('\n\n');
    const p = document.createElement('p');
    p.textContent = paragraph;
    container.append(p);
  });
  document.body.append(container);
  annotator = createTextAnnotator(container, { adapter: W3CTextFormat('bench:article', container) as never });
  annotator.setAnnotations(
    spans.map((span, i) => ({
      '@context': 'http://www.w3.org/ns/anno.jsonld',
      id: `a${i}`,
      type: 'Annotation',
      body: [{ type: 'TextualBody', purpose: 'tagging', value: ['claim', 'quote', 'fact'][i % 3] }],
      target: {
        source: 'bench:article',
        selector: [
          { type: 'TextQuoteSelector', exact: text.slice(span.start, span.end) },
          { type: 'TextPositionSelector', start: span.start, end: span.end },
        ],
      },
    })) as never,
    true,
  );
  let painted = false;
  const deadline = started + timeoutMs;
  await new Promise<void>((done) => {
    const check = () => {
      if (document.querySelector('.r6o-annotation')) painted = true;
      if (painted || performance.now() > deadline) return done();
      requestAnimationFrame(check);
    };
    check();
  });
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
  const ms = painted ? performance.now() - started : null;

  const store = annotator.state.store as unknown as { all(): { id: string; target: { selector: { quote: string; start: number; end: number }[] } }[]; getAnnotationRects(id: string): unknown[] };
  const stored = store.all();
  let anchored = 0;
  let firstMismatch: string | undefined;
  for (const annotation of stored) {
    const selector = annotation.target.selector[0];
    // Anchored: its selector reads our span's text, and its spatial index holds boxes for it.
    if (selector && selector.quote === text.slice(selector.start, selector.end) && store.getAnnotationRects(annotation.id).length > 0) anchored++;
    else firstMismatch ??= JSON.stringify(selector);
  }
  return {
    ms,
    stored: stored.length,
    sameText: container.textContent === text,
    anchored,
    highlightElements: document.querySelectorAll('.r6o-annotation').length,
    firstMismatch,
  };
}

(globalThis as Record<string, unknown>).__peer = { runPeer };
