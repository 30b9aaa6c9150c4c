import { z } from 'zod';

/**
 * The longest each free-text field may be, in characters (UTF-16 code units), when the services are
 * asked to store it: names short enough to show in a list, descriptions and notes of some tens of
 * KB. The one place these limits are set; the contract's input schemas take them from here.
 */
export const TEXT_LIMITS = {
  labelId: 100,
  labelName: 200,
  labelDescription: 20_000,
  attributeName: 200,
  attributeDescription: 20_000,
  attributeOption: 200,
  attributeValue: 20_000,
  linkTypeId: 100,
  linkTypeName: 200,
  linkTypeDescription: 20_000,
  annotationNote: 50_000,
  linkNote: 50_000,
  clusterName: 200,
  canonicalText: 20_000,
  documentTitle: 2_000,
  documentOutlet: 500,
  documentDate: 100,
  documentUrl: 2_000,
  documentAuthor: 500,
  annotatorName: 200,
  annotatorEmail: 254,
} as const;

/** A free-text field with a length limit. */
export type TextField = keyof typeof TEXT_LIMITS;

/** How messages name each field. */
const FIELD_NAMES: Record<TextField, string> = {
  labelId: 'a label id',
  labelName: 'a label name',
  labelDescription: 'a label description',
  attributeName: 'an attribute name',
  attributeDescription: 'an attribute description',
  attributeOption: 'an attribute option',
  attributeValue: 'an attribute value',
  linkTypeId: 'a link type id',
  linkTypeName: 'a link type name',
  linkTypeDescription: 'a link type description',
  annotationNote: 'an annotation note',
  linkNote: 'a link note',
  clusterName: 'a cluster name',
  canonicalText: 'a canonical text',
  documentTitle: 'an article title',
  documentOutlet: 'an outlet',
  documentDate: 'a date',
  documentUrl: 'a URL',
  documentAuthor: 'an author',
  annotatorName: 'a name',
  annotatorEmail: 'an email address',
};

/** Gives the string schema of one text field; model schemas are built with either rule below. */
export type TextFieldRule = (field: TextField) => z.ZodString;

/**
 * Text as the services accept it: at most the field's limit, refused with a message naming the field
 * and the limit ("a label name may be at most 200 characters; this one has 15,728,640").
 */
export const limitedText: TextFieldRule = (field) => {
  const max = TEXT_LIMITS[field];
  return z.string().max(max, {
    error: (issue) =>
      `${FIELD_NAMES[field]} may be at most ${max.toLocaleString('en')} characters; this one has ${String(issue.input).length.toLocaleString('en')}`,
  });
};

/**
 * Text as stored: any length. Files are read with it, so a workspace saved before the limits (or
 * by another tool) always opens; only new input is held to the limits.
 */
export const storedText: TextFieldRule = () => z.string();
