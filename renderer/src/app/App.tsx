import { useCallback, useEffect, useRef, useState } from 'react';
import type { OpenedDocument, WorkbenchApi, WorkspaceInfo } from '../../../shared/api/contract.js';
import type { ImportResult } from '../../../shared/api/import-schemas.js';
import type { Annotation, TextRange } from '../../../shared/model/annotation.js';
import type { DocumentSummary } from '../../../shared/model/document.js';
import type { Label } from '../../../shared/model/label-schema.js';
import { DocumentView, type FocusRequest } from '../document-view/DocumentView.js';
import { applyLabelStyles } from '../document-view/label-styles.js';
import { ExportButton } from '../export/ExportDialog.js';
import { DocumentDetails } from '../import/DocumentDetails.js';
import type { ImportSource } from '../import/import-plan.js';
import { ImportDialog } from '../import/ImportDialog.js';
import { OrphanedAnnotations } from '../import/OrphanedAnnotations.js';
import { useFileDrop } from '../import/use-file-drop.js';
import { AnnotationPanel } from './AnnotationPanel.js';
import { ArticleList } from './ArticleList.js';
import { SaveStatus, useSaveTracker } from './SaveStatus.js';
import { WorkspaceProblems } from './WorkspaceProblems.js';

/** Props of the workbench UI. */
export interface AppProps {
  api: WorkbenchApi;
}

const lastDocumentKey = (workspacePath: string) => `corroborate.lastDocument:${workspacePath}`;

/** The workbench: article list, the open article, and its annotations. */
export function App({ api }: AppProps) {
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [opened, setOpened] = useState<OpenedDocument | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [focus, setFocus] = useState<FocusRequest>({ annotationId: null, scroll: false });
  const [notice, setNotice] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const openedId = useRef<string | null>(null);
  openedId.current = opened?.meta.id ?? null;
  const saves = useSaveTracker(api, {
    onRefused: setNotice,
    // The services kept the edit in memory and keep retrying: show what they hold.
    onKeptUnsaved: () => {
      const documentId = openedId.current;
      if (documentId) void api.openDocument({ documentId }).then((document) => setAnnotations(document.annotations));
    },
  });
  const [importing, setImporting] = useState<{ dropped: ImportSource[] | null } | null>(null);
  // A drop while the import dialog is open is ignored rather than starting a second import.
  const drop = useFileDrop(useCallback((dropped: ImportSource[]) => setImporting((current) => current ?? { dropped }), []));

  const openDocument = useCallback(
    async (documentId: string, workspacePath: string) => {
      const document = await api.openDocument({ documentId });
      setDocuments((docs) => docs.map((d) => (d.id === documentId ? { ...d, annotationCount: document.annotations.length } : d)));
      setOpened(document);
      setAnnotations(document.annotations);
      setFocus({ annotationId: null, scroll: false });
      setNotice(null);
      localStorage.setItem(lastDocumentKey(workspacePath), documentId);
    },
    [api],
  );

  const load = useCallback(async () => {
    const [info, docs] = await Promise.all([api.getWorkspace(), api.listDocuments()]);
    applyLabelStyles(info.labels);
    setWorkspace(info);
    setDocuments(docs);
    document.title = `${info.name} — Corroborate`;
    const remembered = localStorage.getItem(lastDocumentKey(info.path));
    const first = docs.find((d) => d.id === remembered) ?? docs[0];
    if (first) await openDocument(first.id, info.path);
  }, [api, openDocument]);

  useEffect(() => {
    load().catch((error: unknown) => setLoadError((error as Error).message));
  }, [load]);

  const countChanged = (documentId: string, delta: number) =>
    setDocuments((docs) =>
      docs.map((d) => (d.id === documentId && d.annotationCount !== null ? { ...d, annotationCount: d.annotationCount + delta } : d)),
    );

  const createAnnotation = (labelId: string, range: TextRange) => {
    if (!opened) return;
    const documentId = opened.meta.id;
    void saves.track(async () => {
      const created = await api.createAnnotation({ documentId, labelId, ranges: [range] });
      setAnnotations((list) => insertInOrder(list, created));
      setFocus({ annotationId: created.id, scroll: false });
      countChanged(documentId, 1);
      setNotice(null);
    });
  };

  const deleteAnnotation = (annotation: Annotation) => {
    void saves.track(async () => {
      await api.deleteAnnotation({ documentId: annotation.documentId, annotationId: annotation.id });
      setAnnotations((list) => list.filter((a) => a.id !== annotation.id));
      setFocus((current) => (current.annotationId === annotation.id ? { annotationId: null, scroll: false } : current));
      countChanged(annotation.documentId, -1);
    });
  };

  const addSamples = () => {
    void saves.track(async () => {
      const { added } = await api.addSampleArticles();
      await load();
      setNotice(`Added ${added} sample ${added === 1 ? 'article' : 'articles'}.`);
    });
  };

  const imported = (result: ImportResult) => {
    const first = result.replaced[0]?.documentId ?? result.added[0]?.documentId;
    if (workspace && first) localStorage.setItem(lastDocumentKey(workspace.path), first);
    void load().catch((error: unknown) => setLoadError((error as Error).message));
  };

  if (loadError) {
    return (
      <div className="load-error" role="alert">
        <h1>Corroborate could not open the workspace</h1>
        <p>{loadError}</p>
      </div>
    );
  }
  if (!workspace) return <p className="loading">Opening the workspace…</p>;

  const focusedAnnotation = annotations.find((a) => a.id === focus.annotationId) ?? null;
  // Orphaned annotations are listed apart and never painted: their offsets belong to an older text.
  const placedAnnotations = annotations.filter((a) => !a.orphaned);
  const importButton = (className: string) =>
    !workspace.readOnly && (
      <button type="button" className={className} onClick={() => setImporting({ dropped: null })}>
        Import articles…
      </button>
    );
  return (
    <div className={`workbench${drop.active ? ' drop-target-active' : ''}`} {...drop.handlers}>
      <header className="top-bar">
        <span className="app-name">Corroborate</span>
        <span className="workspace-name" title={workspace.path}>
          {workspace.name}
        </span>
        {importButton('import-button')}
        <LabelLegend labels={workspace.labels} />
        <SaveStatus state={saves.state} />
        <ExportButton api={api} documents={documents} labels={workspace.labels} />
      </header>
      <ArticleList documents={documents} openId={opened?.meta.id ?? null} onOpen={(id) => void openDocument(id, workspace.path)} />
      <main className="reader">
        <WorkspaceProblems
          api={api}
          workspace={workspace}
          onRestored={(message) => {
            void load().then(() => setNotice(message));
          }}
        />
        {opened ? (
          <article aria-labelledby="article-title">
            <h1 id="article-title" className="article-heading">
              {opened.meta.title}
            </h1>
            <DocumentDetails
              api={api}
              meta={opened.meta}
              readOnly={workspace.readOnly}
              onSaved={(meta) => {
                setOpened((current) => (current && current.meta.id === meta.id ? { ...current, meta } : current));
                setDocuments((docs) => docs.map((d) => (d.id === meta.id ? { ...d, title: meta.title, outlet: meta.outlet, date: meta.date } : d)));
              }}
            />
            <OrphanedAnnotations annotations={annotations.filter((a) => a.orphaned)} labels={workspace.labels} />
            <DocumentView
              key={opened.meta.id}
              text={opened.text}
              labels={workspace.labels}
              annotations={placedAnnotations}
              focus={focus}
              onLabelSelection={createAnnotation}
              onNothingSelected={(label) => setNotice(`Select some text first, then press ${label.hotkey} to mark it as ${label.name.toLowerCase()}.`)}
              onFocusAnnotation={(annotationId) => setFocus({ annotationId, scroll: false })}
              onDeleteFocused={() => focusedAnnotation && deleteAnnotation(focusedAnnotation)}
            />
          </article>
        ) : (
          <div className="empty-workspace">
            <h1>This workspace has no articles yet</h1>
            {importButton('primary')}{' '}
            {workspace.canAddSampleArticles && (
              <button type="button" className="primary" onClick={addSamples}>
                Add the sample articles
              </button>
            )}
          </div>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
      </main>
      <AnnotationPanel
        annotations={placedAnnotations}
        labels={workspace.labels}
        focusedId={focus.annotationId}
        onFocus={(annotationId) => setFocus({ annotationId, scroll: true })}
        onDelete={deleteAnnotation}
      />
      {importing && <ImportDialog api={api} dropped={importing.dropped} onImported={imported} onClose={() => setImporting(null)} />}
    </div>
  );
}

/** The labels and their keys, always visible: colour is never the only signal. */
function LabelLegend({ labels }: { labels: readonly Label[] }) {
  return (
    <ul className="label-legend" aria-label="Labels">
      {labels.map((label) => (
        <li key={label.id} className={`label-swatch label-${label.id}`} title={label.description}>
          <kbd>{label.hotkey}</kbd> {label.name}
        </li>
      ))}
    </ul>
  );
}

function insertInOrder(list: readonly Annotation[], annotation: Annotation): Annotation[] {
  const key = (a: Annotation) => [a.fragments[0]!.start, a.fragments[0]!.end] as const;
  const [start, end] = key(annotation);
  const index = list.findIndex((a) => {
    const [s, e] = key(a);
    return s > start || (s === start && e > end);
  });
  return index < 0 ? [...list, annotation] : [...list.slice(0, index), annotation, ...list.slice(index)];
}
