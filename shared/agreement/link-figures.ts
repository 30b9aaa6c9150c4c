/**
 * Agreement on cross-document links and on the clusters their same/paraphrase links form, both
 * compared on aligned units (a link of each annotator is rewritten to join the units its ends are
 * in), so two annotators linking the same two places agree even though their annotations differ.
 */
import type { AgreementFigure, AgreementFigures } from '../api/contract/agreement.js';
import { documentOfKey, pairsOf, type AgreementCorpus } from './agreement-corpus.js';
import { amount, articlesWords, cellOf, figureOf, meanOfDefined, nameOf, pairName, subjectWords, type FigureSubject } from './agreement-figure.js';
import { conllAverage, lea, type Clustering } from './coreference-scores.js';
import { krippendorffAlpha } from './krippendorff-alpha.js';
import { clustersFromLinks, linkF1, linkReliabilityData, type LinkF1, type LinkReliabilityData, type UnitLink } from './link-agreement.js';

/** What subjects over the same articles share: each coder's links and clusters there, each pair's link F1 and cluster scores. */
interface SameArticles {
  links: Map<string, UnitLink[]>;
  clusterings: Map<string, Clustering>;
  /** By `a b`. */
  linkF1: Map<string, LinkF1>;
  clusterScores: Map<string, ClusterScores | null>;
}

/** The five cluster measures of one pair. */
type ClusterScores = Record<'muc' | 'bCubed' | 'ceafE' | 'conll' | 'lea', number>;

/** Per corpus, what the subjects over the same articles share (the overall figures and a pair's over the same articles compute a pair's once). */
const sameArticles = new WeakMap<AgreementCorpus, Map<string, SameArticles>>();

function sameArticlesOf(subject: FigureSubject): SameArticles {
  let byArticles = sameArticles.get(subject.corpus);
  if (!byArticles) sameArticles.set(subject.corpus, (byArticles = new Map()));
  const key = subject.documents.map((d) => d.id).join('\n');
  let shared = byArticles.get(key);
  if (!shared) byArticles.set(key, (shared = { links: new Map(), clusterings: new Map(), linkF1: new Map(), clusterScores: new Map() }));
  return shared;
}

/** Each coder's links with both ends in the subject's articles. */
export function linksOfSubject(subject: FigureSubject): Map<string, UnitLink[]> {
  const shared = sameArticlesOf(subject).links;
  const every = subject.documents.length === subject.corpus.documents.length;
  let within: ((key: string) => boolean) | null = null;
  return new Map(
    subject.coders.map((coder) => {
      let links = shared.get(coder);
      if (!links) {
        const all = subject.corpus.links.get(coder) ?? [];
        if (every) links = all; // the corpus's links have both ends in its articles
        else {
          if (!within) {
            const inSubject = new Set(subject.documents.map((d) => d.id));
            within = (key: string) => inSubject.has(documentOfKey(key));
          }
          links = all.filter((l) => within!(l.source) && within!(l.target));
        }
        shared.set(coder, links);
      }
      return [coder, links];
    }),
  );
}

/** The units some compared annotator's links join, by who marked each (worked out once per corpus). */
const markedEnds = new WeakMap<object, Map<string, Set<string>>>();

/**
 * Of the units some coder's links join, those each coder marked (has an annotation in): all that
 * linkReliabilityData asks about (a subject's links join only its own articles' units).
 */
function markedUnitsOf(subject: FigureSubject): Map<string, ReadonlySet<string>> {
  const { corpus } = subject;
  let marked = markedEnds.get(corpus);
  if (!marked) {
    marked = new Map(corpus.annotators.map((a) => [a.id, new Set<string>()]));
    for (const list of corpus.links.values()) {
      for (const link of list) {
        for (const key of [link.source, link.target]) {
          const at = key.lastIndexOf('#');
          const parts = corpus.documentsById.get(key.slice(0, at))?.parts;
          if (!parts) continue;
          const unit = Number(key.slice(at + 1));
          for (const [coder, units] of marked) if (parts.hasMember(unit, coder)) units.add(key);
        }
      }
    }
    markedEnds.set(corpus, marked);
  }
  return new Map(subject.coders.map((coder) => [coder, marked.get(coder) ?? new Set<string>()]));
}

/** The subject's links by coder, and their reliability data (one row per pair of units anyone linked). */
export function linkReliabilityOf(subject: FigureSubject): { links: Map<string, UnitLink[]>; data: LinkReliabilityData } {
  const links = linksOfSubject(subject);
  const marked = markedUnitsOf(subject);
  const data = linkReliabilityData(
    subject.coders.map((coder) => ({ coder, links: links.get(coder)!, markedUnits: marked.get(coder)! })),
    subject.corpus.linkTypeInfo,
  );
  return { links, data };
}

/** Link alpha and link F1 of `subject`. */
export function linkFigures(subject: FigureSubject): NonNullable<AgreementFigures['links']> {
  const { corpus } = subject;
  const { links, data } = linkReliabilityOf(subject);
  const alpha = krippendorffAlpha(data.values, 'nominal');
  const alphaMethod =
    'Krippendorff’s α (nominal) on links: every pair of aligned spans that any annotator linked is a unit, valued by the link’s type ' +
    '(with its direction, for directed types) or “no link”; an annotator who did not mark both spans gives no value. ' +
    `${amount(alpha.pairableUnits, 'span pair')}, ${amount(alpha.pairableValues, 'value')}; ${subjectWords(subject)}.`;
  const alphaFigure = figureOf(cellOf(subject, 'link-alpha'), alpha.alpha, alphaMethod, [
    { name: 'observed disagreement', value: alpha.observedDisagreement },
    { name: 'expected disagreement', value: alpha.expectedDisagreement },
    { name: 'span pairs', value: alpha.pairableUnits },
    { name: 'values', value: alpha.pairableValues },
  ]);

  const rule = 'a match being a link between the same two aligned spans with the same type (and direction, for directed types)';
  const shared = sameArticlesOf(subject).linkF1;
  const pairs = pairsOf(subject.coders).map(([a, b]) => {
    let score = shared.get(`${a} ${b}`);
    if (!score) shared.set(`${a} ${b}`, (score = linkF1(links.get(a)!, links.get(b)!, corpus.linkTypeInfo)));
    return { a, b, score };
  });
  let f1: AgreementFigure;
  if (pairs.length === 1) {
    const { a, b, score } = pairs[0]!;
    const method =
      `Pairwise F1 of links, ${rule}, between ${nameOf(corpus, a)} and ${nameOf(corpus, b)}, ${articlesWords(subject)}: ` +
      `${amount(links.get(a)!.length, 'link')} and ${links.get(b)!.length.toLocaleString('en')}, ${score.truePositives.toLocaleString('en')} matched.`;
    f1 = figureOf(cellOf(subject, 'link-f1'), score.f1, method, [
      { name: 'precision', value: score.precision },
      { name: 'recall', value: score.recall },
      { name: 'matched', value: score.truePositives },
      { name: 'type differs', value: score.typeDiffers.length },
      { name: `only ${nameOf(corpus, a)}`, value: score.onlyA.length },
      { name: `only ${nameOf(corpus, b)}`, value: score.onlyB.length },
    ]);
  } else {
    const total = [...links.values()].reduce((n, l) => n + l.length, 0);
    const method = `Mean of pairwise F1 of links over the ${pairs.length} pairs, ${rule}, ${subjectWords(subject)}, ${amount(total, 'link')}.`;
    f1 = figureOf(
      cellOf(subject, 'link-f1'),
      meanOfDefined(pairs.map((p) => p.score.f1)),
      method,
      pairs.map((p) => ({ name: pairName(corpus, p.a, p.b), value: p.score.f1 })),
    );
  }
  return { alpha: alphaFigure, f1 };
}

/** What a clustering measure is called and who defined it, in method sentences. */
const MEASURE_WORDS = {
  muc: 'MUC F1 (Vilain et al. 1995)',
  bCubed: 'B³ F1 (Bagga & Baldwin 1998)',
  ceafE: 'CEAF-e F1 (entity-based, φ4; Luo 2005)',
  conll: 'CoNLL F1 (the mean of MUC, B³ and CEAF-e F1; Pradhan et al. 2012)',
  lea: 'LEA F1 (Moosavi & Strube 2016)',
} as const;

/** The coreference scores of the clusters of `subject`'s annotators, each pair compared (the mean over pairs for more than two). */
export function clusterFigures(subject: FigureSubject): NonNullable<AgreementFigures['clusters']> {
  const { corpus } = subject;
  const links = linksOfSubject(subject);
  const shared = sameArticlesOf(subject);
  const clusterings = new Map<string, Clustering>(
    subject.coders.map((c) => {
      let clustering = shared.clusterings.get(c);
      if (!clustering) shared.clusterings.set(c, (clustering = clustersFromLinks(links.get(c)!, corpus.linkTypeInfo)));
      return [c, clustering];
    }),
  );
  const pairs = pairsOf(subject.coders).map(([a, b]) => {
    let scores = shared.clusterScores.get(`${a} ${b}`);
    if (scores === undefined) shared.clusterScores.set(`${a} ${b}`, (scores = clusterScoresOf(clusterings.get(a)!, clusterings.get(b)!)));
    return { a, b, scores };
  });
  const typeNames = corpus.linkTypes.filter((t) => corpus.linkTypeInfo.get(t.id)?.clusters).map((t) => t.name);
  const formed = `the clusters formed by ${typeNames.length > 0 ? typeNames.join(' and ') : 'same and paraphrase'} links, mentions being the aligned spans in a cluster (a span in no cluster is not a singleton, as in CoNLL-2012)`;
  const sizes = subject.coders.map((c) => {
    const clustering = clusterings.get(c)!;
    return `${nameOf(corpus, c)} ${amount(clustering.length, 'cluster')} of ${amount(clustering.reduce((n, k) => n + k.length, 0), 'mention')}`;
  });
  const figure = (measure: keyof typeof MEASURE_WORDS): AgreementFigure => {
    const between = pairs.length === 1 ? `between ${nameOf(corpus, pairs[0]!.a)} and ${nameOf(corpus, pairs[0]!.b)}, ${articlesWords(subject)}` : `mean over the ${pairs.length} pairs, ${subjectWords(subject)}`;
    const method = `${MEASURE_WORDS[measure]} of ${formed}, ${between}: ${sizes.join('; ')}.`;
    const values = pairs.map((p) => (p.scores ? p.scores[measure] : null));
    const details = pairs.length === 1 ? [] : pairs.map((p, i) => ({ name: pairName(corpus, p.a, p.b), value: values[i]! }));
    return figureOf(cellOf(subject, 'clusters'), meanOfDefined(values), method, details);
  };
  return { muc: figure('muc'), bCubed: figure('bCubed'), ceafE: figure('ceafE'), conll: figure('conll'), lea: figure('lea') };
}

/** The cluster measures of two clusterings (null when neither has a cluster). */
function clusterScoresOf(key: Clustering, response: Clustering): ClusterScores | null {
  if (key.length === 0 && response.length === 0) return null;
  const conll = conllAverage(key, response);
  return { muc: conll.muc.f1, bCubed: conll.bCubed.f1, ceafE: conll.ceafE.f1, conll: conll.conllF1, lea: lea(key, response).f1 };
}
