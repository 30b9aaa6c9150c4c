/**
 * What the article shows of an annotation's links: a badge after its last fragment with the number
 * of links and a swatch per link type, and, on hover, one sentence per link naming the other end.
 * The article view only draws these; which links an annotation has is worked out from the cached
 * links of its article (`client/link-marks.ts`).
 */

/** A link type as a badge shows it: its id (the `link-type-<id>` class) and its colour. */
export interface LinkTypeSwatch {
  id: string;
  /** `#rrggbb`, set on the swatch itself (each workspace chooses its link types and colours). */
  colour: string;
}

/** One link of an annotation, read from this annotation's side. */
export interface LinkReading {
  linkId: string;
  type: LinkTypeSwatch;
  /** The link in plain words from here, e.g. `supports “…” in Some article` or `“…” in Some article supports this`. */
  text: string;
}

/** The links of one annotation, as the article marks them. */
export interface LinkMark {
  /** How many links the annotation has. */
  count: number;
  /** The types of those links, each once, in the order of the workspace's link types. */
  types: readonly LinkTypeSwatch[];
  /** One reading per link. */
  readings: readonly LinkReading[];
}

/** Link marks by annotation id. */
export type LinkMarks = ReadonlyMap<string, LinkMark>;

/** No annotation is linked. */
export const NO_LINK_MARKS: LinkMarks = new Map();

/**
 * What the badge draws of a mark (the count and the types): two marks with the same key draw the
 * same badge, so an annotation is repainted only when its key changes.
 */
export function linkBadgeKey(mark: LinkMark | undefined): string {
  return mark ? `${mark.count}:${mark.types.map((t) => `${t.id}${t.colour}`).join(',')}` : '';
}
