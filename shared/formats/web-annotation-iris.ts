const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const OUR_ANNOTATION = 'urn:corroborate:annotation:';

/**
 * The IRI of an annotation or link in Web Annotation exports: `urn:uuid:<id>` for our UUID ids
 * (all ids the app makes), `urn:corroborate:annotation:<percent-encoded id>` for any other id.
 * Stable: the same id always gives the same IRI, and `idFromIri` gives the id back.
 */
export function itemIri(id: string): string {
  return UUID.test(id) ? `urn:uuid:${id.toLowerCase()}` : `${OUR_ANNOTATION}${encodeURIComponent(id)}`;
}

/** The id an `itemIri` stands for, or the IRI itself for IRIs we did not make. */
export function idFromIri(iri: string): string {
  if (iri.startsWith('urn:uuid:')) return iri.slice('urn:uuid:'.length);
  if (iri.startsWith(OUR_ANNOTATION)) return decodeURIComponent(iri.slice(OUR_ANNOTATION.length));
  return iri;
}

/** The IRI of a document (the `scope` of a target): `urn:corroborate:document:<id>`. */
export function documentIri(documentId: string): string {
  return `urn:corroborate:document:${encodeURIComponent(documentId)}`;
}

/** The document id a `documentIri` stands for, or null. */
export function documentIdFromIri(iri: string): string | null {
  const prefix = 'urn:corroborate:document:';
  return iri.startsWith(prefix) ? decodeURIComponent(iri.slice(prefix.length)) : null;
}

/** The IRI of a text by content hash (the `source` of a target): `urn:sha256:<hex>`. */
export function textSourceIri(contentHash: string): string {
  return `urn:${contentHash}`;
}

/** The IRI naming an annotator (the `id` of a creator): `urn:corroborate:annotator:<id>`. */
export function annotatorIri(annotatorId: string): string {
  return `urn:corroborate:annotator:${encodeURIComponent(annotatorId)}`;
}

/** The IRI naming a label in a classifying body: `urn:corroborate:label:<id>`. */
export function labelIri(labelId: string): string {
  return `urn:corroborate:label:${labelId}`;
}

/** The IRI naming a link type in a link's body: `urn:corroborate:link-type:<id>`. */
export function linkTypeIri(typeId: string): string {
  return `urn:corroborate:link-type:${typeId}`;
}

/** The label or link type id in a `labelIri`/`linkTypeIri`, or null. */
export function schemaIdFromIri(iri: string, kind: 'label' | 'link-type'): string | null {
  const prefix = `urn:corroborate:${kind}:`;
  return iri.startsWith(prefix) ? iri.slice(prefix.length) : null;
}
