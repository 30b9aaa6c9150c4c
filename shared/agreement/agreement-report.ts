/**
 * The inter-annotator agreement report of a workspace: every figure (span F1 exact and overlap,
 * unitizing alpha, attribute alpha, link alpha and F1, cluster scores) overall, per label, per
 * article and per pair of annotators, each with the sentence that says how it was computed, and
 * the method section a paper can cite. Pure: it reads a snapshot holding every layer.
 */
import type { AgreementFigures, AgreementReport, AgreementScope } from '../api/contract/agreement.js';
import type { WorkspaceSnapshot } from '../model/workspace.js';
import { AgreementMemo, documentsCodedByAll, gatherCorpus, pairsOf, type AgreementCorpus } from './agreement-corpus.js';
import { amount, type FigureSubject } from './agreement-figure.js';
import type { ArticleParts } from './article-parts.js';
import { AttributeFigureMaker } from './attribute-figures.js';
import { clusterFigures, linkFigures } from './link-figures.js';
import { SpanFigureMaker } from './span-figures.js';

export { AgreementMemo, AgreementScopeError } from './agreement-corpus.js';

/** What `computeAgreement` reads. */
export interface AgreementInput {
  /** The workspace with every layer (annotations and links carry their annotator). Texts are not needed. */
  snapshot: WorkspaceSnapshot;
  /** Which annotators and articles (default: every person, every article). */
  scope?: AgreementScope;
  /** Annotators' display names by id (their id where absent). */
  names?: Readonly<Record<string, string>>;
  /** Told after each step (the overall figures, each pair, each article's values). */
  onProgress?: (done: number, total: number) => void;
  /** What the last computation of the same workspace kept (articles whose annotations did not change are not worked out again). */
  memo?: AgreementMemo;
  /** The parts of articles whose annotations were not read (restored from the agreement cache); each must fit (`articlesNeedingAnnotations`). */
  prepared?: ReadonlyMap<string, ArticleParts>;
  /** Told the corpus gathered, before the figures are computed from it. */
  onCorpus?: (corpus: AgreementCorpus) => void;
}

/**
 * Computes the agreement report. Throws `AgreementScopeError` (a message for people) when fewer
 * than two annotators can be compared or the scope names an annotator or article the workspace
 * does not have.
 */
export function computeAgreement(input: AgreementInput): AgreementReport {
  const memo = input.memo ?? new AgreementMemo();
  const corpus = gatherCorpus(input.snapshot, input.scope ?? {}, input.names ?? {}, memo, input.prepared);
  input.onCorpus?.(corpus);
  const makers = { spans: new SpanFigureMaker(corpus), attributes: new AttributeFigureMaker(corpus), labels: labelsOf(corpus) };
  const { spans } = makers;
  const coders = corpus.annotators.map((a) => a.id);
  const pairs = pairsOf(coders);
  const total = 1 + pairs.length + corpus.documents.length;
  let done = 0;
  const step = () => input.onProgress?.(++done, total);

  const overall = figuresOf({ corpus, coders, documents: documentsCodedByAll(corpus, coders), documentId: null }, makers);
  step();
  const byPair = pairs.map((pair) => {
    const figures = figuresOf({ corpus, coders: pair, documents: documentsCodedByAll(corpus, pair), documentId: null }, makers);
    step();
    return figures;
  });
  const byDocument = corpus.documents.map((document) => {
    const values = spans.articleValues({ corpus, coders: document.coders, documents: [document], documentId: document.id });
    step();
    return { documentId: document.id, title: document.title, coders: document.coders, characters: document.length, ...values };
  });
  return {
    scope: corpus.scope,
    annotators: corpus.annotators,
    excluded: corpus.excluded,
    overall,
    byPair,
    byDocument,
    method: methodSection(corpus, overall),
    notes: corpus.notes,
  };
}

/** Every figure of one subject. */
function figuresOf(subject: FigureSubject, { spans, attributes, labels }: { spans: SpanFigureMaker; attributes: AttributeFigureMaker; labels: { id: string; name: string }[] }): AgreementFigures {
  const spanSet = (labelId: string | null) => ({
    f1Exact: spans.f1(subject, 'exact', labelId),
    f1Overlap: spans.f1(subject, 'overlap', labelId),
    unitizingAlpha: spans.unitizingAlpha(subject, labelId),
  });
  return {
    annotators: [...subject.coders],
    documents: subject.documents.length,
    spans: {
      overall: spanSet(null),
      byLabel: labels.map((label) => ({ labelId: label.id, labelName: label.name, figures: spanSet(label.id) })),
    },
    attributes: attributes.figures(subject),
    links: linkFigures(subject),
    clusters: clusterFigures(subject),
  };
}

/** The schema's labels, then any label the compared annotations use that the schema no longer has. */
function labelsOf(corpus: AgreementCorpus): { id: string; name: string }[] {
  const labels = corpus.labels.map((l) => ({ id: l.id, name: l.name }));
  const known = new Set(labels.map((l) => l.id));
  for (const document of corpus.documents) {
    for (const labelId of document.parts.data.labels) {
      if (known.has(labelId)) continue;
      known.add(labelId);
      labels.push({ id: labelId, name: labelId });
    }
  }
  return labels;
}

/** How the figures are computed: the sentences a paper can cite, in the order the report shows them. */
function methodSection(corpus: AgreementCorpus, overall: AgreementFigures): string[] {
  const names = corpus.annotators.map((a) => a.name).join(', ');
  const left = corpus.excluded.length > 0 ? ` Left out: ${corpus.excluded.map((e) => `${e.name} (${e.reason})`).join('; ')}.` : '';
  return [
    `Annotators compared: ${names}.${left} An annotator coded an article when their layer has an annotation in it or they marked it done. ` +
      `The overall figures are over the ${amount(overall.documents, 'article')} every annotator coded; each pair’s over the articles both coded; ` +
      'each article’s over the annotators who coded it. Annotations that lost their place in a changed text are left out.',
    'Alignment: the annotations of one article are aligned across annotators into units. Two annotations of different annotators join ' +
      'one unit when they share at least one character, the best-fitting pairs first (identical fragments and label, then the largest ' +
      'share of characters in common, then the same label), and a unit holds at most one annotation per annotator. Attributes, links ' +
      'and clusters are compared on these units.',
    'Span F1 (Hripcsak & Rothschild 2005) is pairwise: one annotator’s spans are matched one to one with the other’s, either exactly ' +
      '(the same label and the same start and end of every fragment) or by overlap (the same label and at least one character in ' +
      'common, the most characters first); F1 = 2 × matched / (the spans of both). With more than two annotators the figure is the mean ' +
      'over every pair. “Every label” requires a match to have the same label.',
    'Krippendorff’s unitizing alpha αu (Krippendorff 1995; 2004, ch. 12) compares how the annotators cut each article into segments ' +
      'of one label at the level of characters, corrected for chance; each article is a continuum that every compared annotator coded. ' +
      'Overlapping or touching spans of one annotator and label are merged into one segment. “Any label” takes the segments of every label together.',
    'Attributes: Krippendorff’s α (Krippendorff 2011) over the aligned units that at least two annotators marked with the attribute’s ' +
      'label and gave a value; nominal for text, yes/no and one-of-a-list attributes, ordinal for a list marked as a scale (ranked as ' +
      'listed), interval for numbers. Text values are compared as written, without surrounding spaces.',
    'Links: Krippendorff’s α (nominal) over every pair of aligned units any annotator linked, each annotator’s value being the type of ' +
      'their link between the two (with its direction for directed types) or “no link” when they marked both units but did not link ' +
      'them (no value when they did not mark both); and pairwise link F1, a match being a link between the same two units with the same type.',
    'Clusters: the same/paraphrase links of each annotator form clusters of units (their connected components); two annotators’ ' +
      'clusterings are compared with MUC (Vilain et al. 1995), B³ (Bagga & Baldwin 1998), CEAF-e (Luo 2005), their mean, the CoNLL ' +
      'F1 (Pradhan et al. 2012), and LEA (Moosavi & Strube 2016), as the CoNLL reference scorer computes them; mentions are the units in ' +
      'a cluster (no singletons). With more than two annotators each figure is the mean over every pair.',
    'A figure shown as “—” is undefined: there was nothing to compare, or no variation at all (chance agreement cannot be estimated).',
  ];
}
