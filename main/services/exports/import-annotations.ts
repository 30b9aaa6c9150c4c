import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { AnnotationImportFormatId, AnnotationImportSummary, ImportProblem } from '../../../shared/api/export-schemas.js';
import { WorkbenchError } from '../../../shared/api/workbench-error.js';
import { parseBratCrossDocumentLinks, parseBratStandoff, type ParsedBratDocument } from '../../../shared/formats/brat-parse.js';
import { CROSS_DOCUMENT_LINKS_FILE } from '../../../shared/formats/cross-document-links.js';
import { assignDocumentFileNames } from '../../../shared/formats/document-file-names.js';
import type { FormatProblem } from '../../../shared/formats/format-problem.js';
import { parseW3cAnnotations } from '../../../shared/formats/web-annotation-parse.js';
import type { Annotation } from '../../../shared/model/annotation.js';
import type { DocumentMeta } from '../../../shared/model/document.js';
import type { Link, LinkEnd } from '../../../shared/model/link.js';
import { contentHash } from '../../../shared/text/content-hash.js';
import { validateNewLink } from '../links/link-editing.js';
import type { WorkspaceStore } from '../../workspace/workspace-store.js';
import type { ImportProvenance } from '../../../shared/formats/import-provenance.js';

/** Who and when imported annotations are attributed to when the file says nothing, and the layer they go to. */
export type { ImportProvenance };

/** Annotations and links read from files, before they are checked against the workspace. */
interface ReadAnnotations {
  annotations: Annotation[];
  links: Link[];
  problems: ImportProblem[];
}

/** Largest file read for an import. */
const MAX_IMPORT_FILE_BYTES = 512 * 1024 * 1024;

/**
 * Imports annotations (and links) exported in W3C Web Annotation (a `.jsonld`/`.json` collection or
 * `.jsonl` file) or brat standoff (a folder of `NAME.txt`/`NAME.ann`, with
 * `cross-document-links.tsv`) onto documents already in the workspace: W3C targets are matched by
 * content hash (`urn:sha256:`) or document IRI, brat documents by the text of `NAME.txt` (its
 * hash) or else by NAME. Offsets are converted to UTF-16 and verified against the stored text.
 * All or nothing: any problem (a mismatched offset, an unknown label, a text that differs, a
 * conflicting id, …) is reported with its file, line and item, and nothing is written; so is a file
 * or folder with nothing to import (empty, white space only, no annotation at all) or a JSON file
 * nested deeper than any export. Annotations identical to ones already there (same label, same
 * fragments) and links identical to existing ones are counted as already present, so importing the
 * same file twice adds nothing.
 */
export async function importAnnotations(
  store: WorkspaceStore,
  format: AnnotationImportFormatId,
  path: string,
  provenance: ImportProvenance,
): Promise<AnnotationImportSummary> {
  if (store.readOnlyReason) throw new WorkbenchError('read-only', `This workspace is open read-only: ${store.readOnlyReason}`);
  const source = resolve(path);
  const documents = await Promise.all(
    store.workspace.documents.map(async (meta) => ({ meta, text: await store.readText(meta.id), annotations: [...(await store.readAnnotations(meta.id))] })),
  );
  const read =
    format === 'w3c' ? await readW3c(source, documents, store, provenance) : await readBrat(source, documents, store, provenance);
  const summary: AnnotationImportSummary = { imported: false, annotationsAdded: 0, linksAdded: 0, alreadyPresent: 0, documentsTouched: 0, problems: read.problems };

  // Match what was read against what is there.
  const byDocument = new Map(documents.map((d) => [d.meta.id, d]));
  const added = new Map<string, Annotation[]>();
  const idMap = new Map<string, string>();
  for (const annotation of read.annotations) {
    const document = byDocument.get(annotation.documentId)!;
    const same = document.annotations.find((a) => a.id === annotation.id || sameSpan(a, annotation));
    if (same && sameSpan(same, annotation)) {
      summary.alreadyPresent++;
      idMap.set(annotation.id, same.id);
      continue;
    }
    if (same || added.get(annotation.documentId)?.some((a) => a.id === annotation.id)) {
      summary.problems.push({ file: source, line: null, itemId: annotation.id, reason: 'an annotation with this id is already in the workspace with another span or label' });
      continue;
    }
    idMap.set(annotation.id, annotation.id);
    let list = added.get(annotation.documentId);
    if (!list) added.set(annotation.documentId, (list = []));
    list.push(annotation);
  }
  const annotationOf = (end: LinkEnd): Annotation | undefined => {
    const document = byDocument.get(end.documentId);
    return document?.annotations.find((a) => a.id === end.annotationId) ?? added.get(end.documentId)?.find((a) => a.id === end.annotationId);
  };
  const links: Link[] = [];
  const allLinks = [...store.linkLayer.links];
  const linkIds = new Set(allLinks.map((l) => l.id));
  for (const read_ of read.links) {
    const source_ = { documentId: read_.source.documentId, annotationId: idMap.get(read_.source.annotationId) ?? read_.source.annotationId };
    const target = { documentId: read_.target.documentId, annotationId: idMap.get(read_.target.annotationId) ?? read_.target.annotationId };
    const link: Link = { ...read_, id: linkIds.has(read_.id) ? randomUUID() : read_.id, source: source_, target };
    try {
      validateNewLink(link, { linkTypes: store.workspace.linkTypes, links: allLinks, source: annotationOf(source_), target: annotationOf(target) });
    } catch (error) {
      if (error instanceof WorkbenchError && error.code === 'conflict') {
        summary.alreadyPresent++;
        continue;
      }
      summary.problems.push({ file: source, line: null, itemId: read_.id, reason: `${(error as Error).message} The link is not imported.` });
      continue;
    }
    links.push(link);
    allLinks.push(link);
    linkIds.add(link.id);
  }
  if (summary.problems.length > 0) return summary;

  // Nothing wrong: write every document's new annotations, then the links.
  for (const [documentId, list] of added) {
    await store.updateAnnotations(documentId, (current) => [...current, ...list]);
    summary.annotationsAdded += list.length;
  }
  if (links.length > 0) {
    await store.updateLinkLayer((layer) => {
      layer.links.push(...links);
    });
  }
  summary.linksAdded = links.length;
  summary.documentsTouched = added.size;
  summary.imported = true;
  return summary;
}

type DocumentWithText = { meta: DocumentMeta; text: string; annotations: Annotation[] };

async function readW3c(file: string, documents: readonly DocumentWithText[], store: WorkspaceStore, provenance: ImportProvenance): Promise<ReadAnnotations> {
  const text = await readImportFile(file);
  const parsed = parseW3cAnnotations(text, file, {
    labels: store.workspace.labels,
    linkTypes: store.workspace.linkTypes,
    documents,
    knownAnnotations: documents.flatMap((d) => d.annotations.map((a) => ({ documentId: d.meta.id, annotationId: a.id }))),
    author: provenance.author,
    timestamp: provenance.timestamp,
    ...(provenance.annotator === undefined ? {} : { annotator: provenance.annotator }),
  });
  if (!parsed.ok) return { annotations: [], links: [], problems: [toImportProblem(parsed.error)] };
  return { ...parsed.value, problems: parsed.problems.map((p) => toImportProblem(p)) };
}

async function readBrat(folder: string, documents: readonly DocumentWithText[], store: WorkspaceStore, provenance: ImportProvenance): Promise<ReadAnnotations> {
  let names: string[];
  try {
    if (!(await stat(folder)).isDirectory()) throw Object.assign(new Error('not a folder'), { code: 'ENOTDIR' });
    names = (await readdir(folder)).sort();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkbenchError('invalid-input', `${folder}: ${code === 'ENOENT' ? 'no such folder' : code === 'ENOTDIR' ? 'a brat import is a folder of NAME.txt and NAME.ann files' : (error as Error).message}.`);
  }
  const problems: ImportProblem[] = [];
  const byHash = new Map(documents.map((d) => [d.meta.contentHash, d]));
  const fileNames = assignDocumentFileNames(documents.map((d) => d.meta));
  const byName = new Map(documents.map((d) => [fileNames.get(d.meta.id)!, d]));
  const parsedDocuments: ParsedBratDocument[] = [];
  const annotations: Annotation[] = [];
  const links: Link[] = [];
  const annFiles = names.filter((n) => n.endsWith('.ann'));
  if (annFiles.length === 0) problems.push({ file: folder, line: null, itemId: null, reason: 'there is no .ann file in this folder' });
  const matched = new Set<string>();
  for (const annFile of annFiles) {
    const name = annFile.slice(0, -'.ann'.length);
    const txtPath = join(folder, `${name}.txt`);
    if (!names.includes(`${name}.txt`)) {
      problems.push({ file: join(folder, annFile), line: null, itemId: null, reason: `there is no ${name}.txt beside it, so its offsets cannot be checked` });
      continue;
    }
    const txt = await readImportFile(txtPath);
    const document = byHash.get(contentHash(txt)) ?? byName.get(name);
    if (!document) {
      problems.push({ file: txtPath, line: null, itemId: null, reason: 'no document of the workspace has this text (or this name); import the article first' });
      continue;
    }
    if (document.text !== txt) {
      problems.push({ file: txtPath, line: null, itemId: null, reason: `its text differs from the workspace's text of "${document.meta.title}", so its offsets would not fit` });
      continue;
    }
    if (matched.has(document.meta.id)) {
      problems.push({ file: txtPath, line: null, itemId: null, reason: `another .txt in the folder is also the text of "${document.meta.title}"` });
      continue;
    }
    matched.add(document.meta.id);
    const parsed = parseBratStandoff(
      { name, txt, ann: await readImportFile(join(folder, annFile)) },
      {
        labels: store.workspace.labels,
        linkTypes: store.workspace.linkTypes,
        documentId: document.meta.id,
        author: provenance.author,
        timestamp: provenance.timestamp,
        ...(provenance.annotator === undefined ? {} : { annotator: provenance.annotator }),
        newId: () => randomUUID(),
      },
    );
    if (!parsed.ok) {
      problems.push(toImportProblem(parsed.error, folder));
      continue;
    }
    problems.push(...parsed.problems.map((p) => toImportProblem(p, folder)));
    parsedDocuments.push(parsed.value);
    annotations.push(...parsed.value.annotations);
    links.push(...parsed.value.links);
  }
  if (names.includes(CROSS_DOCUMENT_LINKS_FILE)) {
    const file = join(folder, CROSS_DOCUMENT_LINKS_FILE);
    const cross = parseBratCrossDocumentLinks(await readImportFile(file), file, parsedDocuments, provenance);
    if (!cross.ok) problems.push(toImportProblem(cross.error));
    else {
      problems.push(...cross.problems.map((p) => toImportProblem(p)));
      links.push(...cross.value);
    }
  }
  if (annFiles.length > 0 && problems.length === 0 && annotations.length === 0 && links.length === 0) {
    problems.push({ file: folder, line: null, itemId: null, reason: 'its .ann files hold no annotations and no links; there is nothing to import' });
  }
  return { annotations, links, problems };
}

async function readImportFile(file: string): Promise<string> {
  try {
    const { size } = await stat(file);
    if (size > MAX_IMPORT_FILE_BYTES) throw new WorkbenchError('invalid-input', `${file}: the file is ${size} bytes, over the ${MAX_IMPORT_FILE_BYTES}-byte limit.`);
    const bytes = await readFile(file);
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch (error) {
    if (error instanceof WorkbenchError) throw error;
    if (error instanceof TypeError) throw new WorkbenchError('invalid-input', `${file}: the file is not valid UTF-8 text.`);
    const code = (error as NodeJS.ErrnoException).code;
    throw new WorkbenchError('invalid-input', `${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}.`);
  }
}

function toImportProblem(problem: FormatProblem, folder?: string): ImportProblem {
  return {
    file: folder === undefined ? problem.fileName : join(folder, problem.fileName),
    line: problem.line ?? null,
    itemId: problem.itemId ?? null,
    reason: problem.reason,
  };
}

/** Whether two annotations mark the same pieces of the same document with the same label. */
function sameSpan(a: Annotation, b: Annotation): boolean {
  return (
    a.documentId === b.documentId &&
    a.labelId === b.labelId &&
    a.fragments.length === b.fragments.length &&
    a.fragments.every((f, i) => f.start === b.fragments[i]!.start && f.end === b.fragments[i]!.end)
  );
}
