import type { DefaultTreeAdapterTypes } from 'parse5';

/** A node of an inertly parsed HTML tree (parse5's default tree: plain objects, no live DOM). */
export type HtmlNode = DefaultTreeAdapterTypes.Node;
/** An element of an inertly parsed HTML tree. */
export type HtmlElement = DefaultTreeAdapterTypes.Element;
/** A node that has children: a document, a fragment or an element. */
export type HtmlParent = DefaultTreeAdapterTypes.ParentNode;

/** Whether a node is an element (as opposed to text, a comment or a doctype). */
export function isHtmlElement(node: HtmlNode): node is HtmlElement {
  return 'tagName' in node;
}

/** The value of an element's attribute (names are lower-case after parsing), or null. */
export function attributeOf(element: HtmlElement, name: string): string | null {
  return element.attrs.find((a) => a.name === name)?.value ?? null;
}

/** The children of a node that has them, else none. */
export function childrenOf(node: HtmlNode): readonly HtmlNode[] {
  return 'childNodes' in node ? node.childNodes : [];
}

/**
 * The elements under `root` (not `root` itself) that `wanted` accepts, in document order. Walks
 * with an explicit stack, so pathologically deep markup cannot overflow the call stack. Does not
 * look inside an accepted element when `descendIntoMatches` is false, nor inside `<template>`.
 */
export function findHtmlElements(
  root: HtmlNode,
  wanted: (element: HtmlElement) => boolean,
  descendIntoMatches = true,
): HtmlElement[] {
  const found: HtmlElement[] = [];
  const stack: HtmlNode[] = [...childrenOf(root)].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isHtmlElement(node)) continue;
    const match = wanted(node);
    if (match) found.push(node);
    if (match && !descendIntoMatches) continue;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return found;
}

/** The concatenated text of every text node under `root`, as written (no whitespace collapsing). */
export function rawTextOf(root: HtmlNode): string {
  let text = '';
  const stack: HtmlNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.nodeName === '#text' && 'value' in node) text += node.value;
    const children = childrenOf(node);
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
  return text;
}
