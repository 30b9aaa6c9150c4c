import { Schema } from 'prosemirror-model';

/**
 * The ProseMirror schema of an article as shown for annotating: sections of paragraphs of plain
 * text. Sections exist for speed (decoration building and position lookups scan top-level children,
 * docs/PERFORMANCE.md); they have no meaning in the text. A paragraph is one line of the stored text;
 * `gap` marks a paragraph followed by a blank line.
 */
export const articleSchema = new Schema({
  nodes: {
    doc: { content: 'section+' },
    section: {
      content: 'paragraph+',
      toDOM: () => ['div', { class: 'article-section' }, 0],
      parseDOM: [{ tag: 'div.article-section' }],
    },
    paragraph: {
      content: 'text*',
      attrs: { gap: { default: false } },
      toDOM: (node) => ['p', { class: node.attrs.gap ? 'article-paragraph gap-after' : 'article-paragraph' }, 0],
      parseDOM: [{ tag: 'p' }],
    },
    text: {},
  },
  marks: {},
});
