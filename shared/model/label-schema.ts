import { z } from 'zod';
import { limitedText, storedText, type TextFieldRule } from './text-limits.js';

/** A colour as `#rrggbb`, the one form every export format and CSS understand. */
export const HexColourSchema = z.string().regex(/^#[0-9a-f]{6}$/i, 'a colour is written #rrggbb');

/** The attribute definition schema with its text fields given by `text`. */
function attributeDefinitionSchema(text: TextFieldRule) {
  const name = text('attributeName').min(1);
  const description = text('attributeDescription');
  return z.discriminatedUnion('type', [
    z.object({ name, type: z.literal('text'), description }),
    z.object({ name, type: z.literal('boolean'), description }),
    z.object({ name, type: z.literal('number'), description }),
    z.object({
      name,
      type: z.literal('choice'),
      description,
      options: z.array(text('attributeOption').min(1)).min(1),
      /**
       * Whether the options are in rank order, lowest first (a scale such as low, medium, high):
       * agreement then compares values as ordinal data rather than nominal. Absent: not ordered.
       */
      ordered: z.boolean().optional(),
    }),
  ]);
}

/** One attribute an annotation of a label may carry, with the kind of value it takes (as stored). */
export const AttributeDefinitionSchema = attributeDefinitionSchema(storedText);
/** One attribute an annotation of a label may carry. */
export type AttributeDefinition = z.infer<typeof AttributeDefinitionSchema>;

/** The label schema with its text fields given by `text`. */
function labelSchema(text: TextFieldRule) {
  return z.object({
    /** Stable identifier; annotations refer to a label by it, so renaming never touches them. */
    id: text('labelId').regex(/^[a-z0-9][a-z0-9_-]*$/, 'a label id is lower-case letters, digits, - and _'),
    name: text('labelName').min(1),
    colour: HexColourSchema,
    /** The single key that applies this label to the current selection. */
    hotkey: z.string().max(1),
    description: text('labelDescription'),
    attributes: z.array(attributeDefinitionSchema(text)),
  });
}

/** A label annotators put on spans (claim, quote, fact, …): the workspace's span vocabulary, as stored. */
export const LabelSchema = labelSchema(storedText);
/** A label as the services accept it: every text field within its limit (`TEXT_LIMITS`). */
export const LabelInputSchema = labelSchema(limitedText);
/** A label annotators put on spans. */
export type Label = z.infer<typeof LabelSchema>;

/** The link type schema with its text fields given by `text`. */
function linkTypeSchema(text: TextFieldRule) {
  return z.object({
    id: text('linkTypeId').regex(/^[a-z0-9][a-z0-9_-]*$/),
    name: text('linkTypeName').min(1),
    colour: HexColourSchema,
    /** Directed links read source → target (supports); undirected ones are symmetric (same). */
    directed: z.boolean(),
    description: text('linkTypeDescription'),
    /** Label ids a link of this type may connect; empty means any label. */
    allowedLabels: z.array(text('labelId')),
  });
}

/** A kind of link between two annotations (same, paraphrase, supports, contradicts, …), as stored. */
export const LinkTypeSchema = linkTypeSchema(storedText);
/** A link type as the services accept it: every text field within its limit. */
export const LinkTypeInputSchema = linkTypeSchema(limitedText);
/** A kind of link between two annotations. */
export type LinkType = z.infer<typeof LinkTypeSchema>;

/** The labels a new workspace starts with: claim `1`, quote `2`, fact `3`. */
export const defaultLabels: readonly Label[] = [
  {
    id: 'claim',
    name: 'Claim',
    colour: '#f59e0b',
    hotkey: '1',
    description: 'An assertion that can be checked.',
    attributes: [
      { name: 'claimant', type: 'text', description: 'Who makes the claim.' },
      {
        name: 'verdict',
        type: 'choice',
        description: 'What checking found.',
        options: ['true', 'false', 'misleading', 'unverifiable'],
      },
    ],
  },
  {
    id: 'quote',
    name: 'Quote',
    colour: '#3b82f6',
    hotkey: '2',
    description: 'Words reported as somebody’s own.',
    attributes: [
      { name: 'speaker', type: 'text', description: 'Who is quoted.' },
      { name: 'verbatim', type: 'boolean', description: 'Whether the wording is exact.' },
    ],
  },
  {
    id: 'fact',
    name: 'Fact',
    colour: '#10b981',
    hotkey: '3',
    description: 'A stated fact: a number, a place, a time, an outcome.',
    attributes: [
      { name: 'status', type: 'choice', description: 'Whether outlets agree.', options: ['consistent', 'disputed'] },
    ],
  },
];

/** The link types a new workspace starts with. */
export const defaultLinkTypes: readonly LinkType[] = [
  { id: 'same', name: 'Same', colour: '#6366f1', directed: false, description: 'Identical content.', allowedLabels: [] },
  {
    id: 'paraphrase',
    name: 'Paraphrase',
    colour: '#8b5cf6',
    directed: false,
    description: 'Same content, different wording.',
    allowedLabels: [],
  },
  { id: 'supports', name: 'Supports', colour: '#22c55e', directed: true, description: 'Source supports target.', allowedLabels: [] },
  {
    id: 'contradicts',
    name: 'Contradicts',
    colour: '#ef4444',
    directed: false,
    description: 'The two cannot both be true.',
    allowedLabels: [],
  },
];
