/** The JSON-LD context every Web Annotation names. */
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';

/** A TextQuoteSelector: the exact text plus context on each side (W3C §4.2.4). */
export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix?: string;
  suffix?: string;
}

/** A TextPositionSelector: code-point offsets into the source's text, end exclusive (§4.2.5). */
export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** A selector we write. */
export type WebAnnotationSelector = TextQuoteSelector | TextPositionSelector;

/** A SpecificResource target: a part of a document (§4). */
export interface SpecificResourceTarget {
  type: 'SpecificResource';
  /** The text the selectors index: `urn:sha256:<hex>` of its UTF-8 bytes. */
  source: string;
  /** The Corroborate document the text belongs to (an IRI). */
  scope: string;
  selector: WebAnnotationSelector[];
}

/** An embedded TextualBody (§3.2.4) with the purpose it serves. */
export interface TextualBody {
  type: 'TextualBody';
  id?: string;
  purpose: 'classifying' | 'describing' | 'commenting' | 'tagging';
  value: string;
  format?: string;
}

/** Who made an annotation: a person, or (the curated layer) the team that agreed on it. */
export interface WebAnnotationAgent {
  /** The annotator's IRI (`annotatorIri`), written when the export holds the curated or every layer. */
  id?: string;
  type: 'Person' | 'Organization';
  name: string;
  /** The annotator's id in the workspace (whose layer it comes from). */
  nickname?: string;
}

/** One Web Annotation as we write it. */
export interface WebAnnotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: 'classifying' | 'linking';
  created?: string;
  modified?: string;
  creator?: WebAnnotationAgent;
  body: TextualBody[];
  target: SpecificResourceTarget | SpecificResourceTarget[] | string[];
}
