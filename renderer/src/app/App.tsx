import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { OpenedDocument, WorkbenchApi, WorkspaceInfo } from '../../../shared/api/contract.js';
import type { ImportResult } from '../../../shared/api/import-schemas.js';
import type { Annotation, TextRange } from '../../../shared/model/annotation.js';
import type { DocumentSummary } from '../../../shared/model/document.js';
import type { Label } from '../../../shared/model/label-schema.js';
import { DocumentView, type DocumentViewHandle, type FocusRequest, type ScreenPoint } from '../document-view/DocumentView.js';
import { applyLabelStyles } from '../document-view/label-styles.js';
import type { OverlayRanges } from '../document-view/overlay-decorations.js';
import { nextGraphemeBoundary, previousGraphemeBoundary, snapSelection } from '../document-view/selection-snapping.js';
import * as commands from '../editing/annotation-commands.js';
import { ExportButton } from '../export/ExportDialog.js';
import { RecoveredEditsOffer } from '../recovery/RecoveredEditsOffer.js';
import { DocumentDetails } from '../import/DocumentDetails.js';
import type { ImportSource } from '../import/import-plan.js';
import { ImportDialog } from '../import/ImportDialog.js';
import { OrphanedAnnotations } from '../import/OrphanedAnnotations.js';
import { ClustersView } from '../linking/ClustersView.js';
import { ContradictionsView } from '../linking/ContradictionsView.js';
import { ComparePane } from '../linking/ComparePane.js';
import { LinksPanel } from '../linking/LinksPanel.js';
import { LinkTypesDialog } from '../linking/LinkTypesDialog.js';
import { useLinking } from '../linking/use-linking.js';
import { useFileDrop } from '../import/use-file-drop.js';
import { EditHistory, type EditCommand, type EditHistoryState } from '../editing/edit-history.js';
import { putInDocumentOrder } from '../editing/annotation-order.js';
import { useKeyboardWorkflow } from '../editing/keyboard-workflow.js';
import { AnnotationDetails } from './AnnotationDetails.js';
import { AnnotationPanel } from './AnnotationPanel.js';
import { ArticleList } from './ArticleList.js';
import { FindBar } from './FindBar.js';
import { LabelSchemaDialog } from './LabelSchemaDialog.js';
import { OverlapChooser } from './OverlapChooser.js';
import { useSaveTracker } from './SaveStatus.js';
import { TopBar, type WorkbenchView } from './TopBar.js';
import { useArticleFind } from './use-article-find.js';
import { ShortcutHelp } from './ShortcutHelp.js';
import { WorkspaceProblems } from './WorkspaceProblems.js';
import { WorkspaceSearch } from './WorkspaceSearch.js';

/** Props of the workbench UI. */
export interface AppProps {
  api: WorkbenchApi;
}

const lastDocumentKey = (workspacePath: string) => `corroborate.lastDocument:${workspacePath}`;


/** Most matches labelled in one step (the contract's batch limit). */
const MAX_LABEL_ALL = 10_000;

/** The workbench: article list and search, the open article, its annotations and their details. */
export function App({ api }: AppProps) {
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [labels, setLabels] = useState<readonly Label[]>([]);
  const [documents, setDocuments] = useState<DocumentSummary[]>([]);
  const [opened, setOpened] = useState<OpenedDocument | null>(null);
  const [annotations, setAnnotations] = useState<Annotation[]>([]);
  const [focus, setFocus] = useState<FocusRequest>({ annotationId: null, scroll: false });
  const [notice, setNotice] = useState<string | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [historyState, setHistoryState] = useState<EditHistoryState>({ undo: null, redo: null });
  const [pending, setPending] = useState<TextRange[]>([]);
  const [saving, setSaving] = useState<OverlayRanges['saving']>([]);
  const [chooser, setChooser] = useState<{ annotationIds: string[]; at: ScreenPoint } | null>(null);
  const [helpOpen, setHelpOpen] = useState(false);
  const [schemaUsage, setSchemaUsage] = useState<Record<string, number> | null>(null);
  const [snapWords, setSnapWords] = useState(true);
  const [view, setView] = useState<WorkbenchView>('articles');
  const [compareOpen, setCompareOpen] = useState(false);
  const [linkTypeUsage, setLinkTypeUsage] = useState<Record<string, number> | null>(null);
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

  const viewHandle = useRef<DocumentViewHandle | null>(null);
  const find = useArticleFind(opened?.text ?? null, viewHandle);
  const detailsField = useRef<HTMLSelectElement | null>(null);
  const workspaceSearchInput = useRef<HTMLInputElement | null>(null);
  const openedId = useRef<string | null>(null);
  /** The open article's annotations as last saved: edits queued behind others start from these. */
  const known = useRef(new Map<string, Annotation>());
  /**
   * The focused annotation's id as queued edits should see it: a key pressed right after labelling
   * (before the save finished) acts on the new annotation once it exists.
   */
  const focusedId = useRef<string | null>(null);
  focusedId.current = focus.annotationId;
  const revealAfterOpen = useRef<TextRange | null>(null);
  const history = useMemo(() => new EditHistory(setHistoryState), []);

  const target = useMemo<commands.EditTarget>(
    () => ({
      api,
      put: (list) => {
        const mine = list.filter((a) => a.documentId === openedId.current);
        if (mine.length === 0) return;
        for (const a of mine) known.current.set(a.id, a);
        setAnnotations((current) => putInDocumentOrder(current, mine));
      },
      drop: (list) => {
        const ids = new Set(list.map((a) => a.id));
        for (const id of ids) known.current.delete(id);
        setAnnotations((current) => current.filter((a) => !ids.has(a.id)));
        setFocus((current) => (current.annotationId && ids.has(current.annotationId) ? { annotationId: null, scroll: false } : current));
      },
      setLabels: (next) => {
        applyLabelStyles(next);
        setLabels(next);
      },
    }),
    [api],
  );

  const refreshCounts = useCallback(async () => setDocuments(await api.listDocuments()), [api]);

  const openDocument = useCallback(
    async (documentId: string, workspacePath: string) => {
      const document = await api.openDocument({ documentId });
      setDocuments((docs) => docs.map((d) => (d.id === documentId ? { ...d, annotationCount: document.annotations.length } : d)));
      openedId.current = documentId;
      known.current = new Map(document.annotations.map((a) => [a.id, a]));
      setOpened(document);
      setAnnotations(document.annotations);
      setFocus({ annotationId: null, scroll: false });
      setPending([]);
      setChooser(null);
      find.reset();
      setNotice(null);
      localStorage.setItem(lastDocumentKey(workspacePath), documentId);
    },
    [api],
  );

  const load = useCallback(async () => {
    const [info, docs] = await Promise.all([api.getWorkspace(), api.listDocuments()]);
    applyLabelStyles(info.labels);
    setWorkspace(info);
    setLabels(info.labels);
    setDocuments(docs);
    document.title = `${info.name} — Corroborate`;
    const remembered = localStorage.getItem(lastDocumentKey(info.path));
    const first = docs.find((d) => d.id === remembered) ?? docs[0];
    if (first) await openDocument(first.id, info.path);
  }, [api, openDocument]);

  useEffect(() => {
    load().catch((error: unknown) => setLoadError((error as Error).message));
  }, [load]);

  // A search hit chosen in another article is selected once that article is shown.
  useEffect(() => {
    const range = revealAfterOpen.current;
    if (opened && range && viewHandle.current) {
      revealAfterOpen.current = null;
      viewHandle.current.selectRange(range, true);
    }
  }, [opened]);

  /** Runs an undoable edit, showing "Saving…" until it is durable, then refreshes the article counts. */
  const runEdit = (edit: () => Promise<EditCommand | null>) =>
    saves.track(async () => {
      await history.run(edit);
      await refreshCounts();
      linking.linksChanged();
    });
  const undo = () =>
    saves.track(async () => {
      if (!(await history.undo())) setNotice('Nothing to undo.');
      await refreshCounts();
      linking.linksChanged();
    });
  const redo = () =>
    saves.track(async () => {
      if (!(await history.redo())) setNotice('Nothing to redo.');
      await refreshCounts();
      linking.linksChanged();
    });

  const hits = find.hits;
  const overlay = useMemo<OverlayRanges>(
    () => ({ searchHits: hits, currentHit: find.current, pending, saving }),
    [hits, find.current, pending, saving],
  );

  const labelName = (labelId: string) => labels.find((l) => l.id === labelId)?.name ?? labelId;
  const focused = annotations.find((a) => a.id === focus.annotationId) ?? null;
  // Orphaned annotations are listed apart and never painted: their offsets belong to an older text.
  const placed = useMemo(() => annotations.filter((a) => !a.orphaned), [annotations]);
  const linking = useLinking({
    api,
    linkTypes: workspace?.linkTypes ?? [],
    focused,
    openedTitle: opened?.meta.title ?? '',
    runEdit,
    runEditOrThrow: async (edit) => {
      await history.run(edit);
    },
    annotateIn: async (documentId, labelId, range) => {
      const { command, created } = await commands.createAnnotations(
        target,
        { documentId, items: [{ labelId, ranges: [range] }] },
        `Label as ${labelName(labelId).toLowerCase()}`,
      );
      return { command, annotationId: created[0]!.id };
    },
    showLinkTypes: (linkTypes) => setWorkspace((w) => (w ? { ...w, linkTypes: [...linkTypes] } : w)),
    setNotice,
  });

  const createFromSelection = (label: Label, range: TextRange, exact: boolean) => {
    if (!opened) return;
    const text = opened.text;
    const snapped = [...pending, range].flatMap((r) => snapSelection(text, r, { words: snapWords && !exact }) ?? []);
    const ranges = mergeRanges(snapped);
    viewHandle.current?.collapseSelection();
    setPending([]);
    if (ranges.length === 0) {
      setNotice('Only white space was selected; select some words first.');
      return;
    }
    const documentId = opened.meta.id;
    const provisional = { labelId: label.id, ranges };
    setSaving((list) => [...list, provisional]);
    void runEdit(async () => {
      const { command, created } = await commands.createAnnotations(
        target,
        { documentId, items: [{ labelId: label.id, ranges }] },
        `Label as ${label.name.toLowerCase()}`,
      );
      focusedId.current = created[0]!.id;
      setFocus({ annotationId: created[0]!.id, scroll: false });
      return command;
    }).finally(() => setSaving((list) => list.filter((p) => p !== provisional)));
    setNotice(null);
  };

  /**
   * Changes an annotation. The changes are worked out when the edit runs, from the annotation as
   * the edit before it left it, so quick successive keys never undo each other.
   */
  const update = (
    annotationId: string | (() => string | null),
    changesFor: (current: Annotation) => commands.AnnotationChanges | null,
    description: string,
  ) =>
    runEdit(async () => {
      const id = typeof annotationId === 'function' ? annotationId() : annotationId;
      const current = id ? known.current.get(id) : undefined;
      const changes = current && changesFor(current);
      return current && changes ? commands.updateAnnotation(target, current, changes, description) : null;
    });

  const remove = (annotationId: string | (() => string | null)) =>
    runEdit(async () => {
      const id = typeof annotationId === 'function' ? annotationId() : annotationId;
      const current = id ? known.current.get(id) : undefined;
      if (!current) return null;
      // Links go with the annotation: say how many, and that undo brings them back.
      const touching = (await api.listLinks({ documentId: current.documentId })).filter(
        (l) => l.link.source.annotationId === current.id || l.link.target.annotationId === current.id,
      ).length;
      const command = await commands.deleteAnnotations(target, [current], `Delete ${labelName(current.labelId).toLowerCase()}`);
      if (touching > 0) {
        setNotice(`Deleted the ${labelName(current.labelId).toLowerCase()} and its ${touching} ${touching === 1 ? 'link' : 'links'}. Ctrl+Z brings them back.`);
        linking.linksChanged();
      }
      return command;
    });

  const resize = (annotationId: string | (() => string | null), edge: 'start' | 'end', direction: -1 | 1) => {
    if (!opened) return;
    const text = opened.text;
    void update(
      annotationId,
      (current) => {
        const ranges = current.fragments.map(({ start, end }) => ({ start, end }));
        const piece = edge === 'start' ? ranges[0]! : ranges[ranges.length - 1]!;
        const step = direction < 0 ? previousGraphemeBoundary : nextGraphemeBoundary;
        if (edge === 'start') piece.start = step(text, piece.start);
        else piece.end = step(text, piece.end);
        if (piece.end <= piece.start || ranges.some((r, i) => i > 0 && r.start < ranges[i - 1]!.end)) return null;
        return { ranges };
      },
      edge === 'start' ? 'Move start' : 'Move end',
    );
  };

  const moveFocus = (direction: 1 | -1) => {
    const annotations = placed;
    if (annotations.length === 0) return;
    const index = annotations.findIndex((a) => a.id === focus.annotationId);
    const next = index < 0 ? (direction > 0 ? 0 : annotations.length - 1) : Math.min(Math.max(index + direction, 0), annotations.length - 1);
    setFocus({ annotationId: annotations[next]!.id, scroll: true });
  };

  const imported = (result: ImportResult) => {
    const first = result.replaced[0]?.documentId ?? result.added[0]?.documentId;
    if (workspace && first) localStorage.setItem(lastDocumentKey(workspace.path), first);
    void load().catch((error: unknown) => setLoadError((error as Error).message));
  };

  /** Opens an article (if it is not open) at one of its annotations: from links, clusters, contradictions. */
  const openAnnotation = async (documentId: string, annotationId: string) => {
    setView('articles');
    if (opened?.meta.id !== documentId && workspace) await openDocument(documentId, workspace.path);
    setFocus({ annotationId, scroll: true });
  };

  const labelAllHits = (labelId: string) => {
    if (!opened || hits.length === 0) return;
    const label = labels.find((l) => l.id === labelId)!;
    const chosen = hits.slice(0, MAX_LABEL_ALL);
    const documentId = opened.meta.id;
    void runEdit(async () => {
      const { command } = await commands.createAnnotations(
        target,
        { documentId, items: chosen.map((hit) => ({ labelId, ranges: [hit] })) },
        `Label ${chosen.length} matches as ${label.name.toLowerCase()}`,
      );
      return command;
    });
    setNotice(
      hits.length > MAX_LABEL_ALL
        ? `Labelled the first ${MAX_LABEL_ALL} of ${hits.length} matches as ${label.name.toLowerCase()}.`
        : `Labelled ${chosen.length} ${chosen.length === 1 ? 'match' : 'matches'} as ${label.name.toLowerCase()}.`,
    );
  };

  const openSchemaDialog = async () => {
    const stats = await api.getStats();
    setSchemaUsage(stats.annotationsByLabel);
  };

  useKeyboardWorkflow({
    labels,
    articleShown: opened !== null && view === 'articles',
    selection: () => viewHandle.current?.selectedRange() ?? null,
    pending,
    hasFocused: focused !== null || saving.length > 0,
    linkingKey: linking.handleKey,
    label: (label, range, exact) => createFromSelection(label, range, exact),
    relabelFocused: (label) =>
      void update(() => focusedId.current, (current) => (current.labelId === label.id ? null : { labelId: label.id }), `Relabel as ${label.name.toLowerCase()}`),
    addPiece: (selection) => {
      const piece = opened && snapSelection(opened.text, selection.range, { words: snapWords && !selection.altHeld });
      if (piece) setPending((list) => mergeRanges([...list, piece]));
      viewHandle.current?.collapseSelection();
      setNotice('Piece added. Select the next piece and press + again, or press a label key to finish.');
    },
    moveFocus,
    openDetails: () => {
      if (!focused) return false;
      detailsField.current?.focus();
      return true;
    },
    deleteFocused: () => void remove(() => focusedId.current),
    resizeFocused: (edge, direction) => resize(() => focusedId.current, edge, direction),
    undo: () => void undo(),
    redo: () => void redo(),
    openFind: find.show,
    focusWorkspaceSearch: () => workspaceSearchInput.current?.focus(),
    showHelp: () => setHelpOpen(true),
    escape: () => {
      if (find.open) return find.close();
      setChooser(null);
      setPending([]);
      setFocus({ annotationId: null, scroll: false });
    },
    notice: setNotice,
  });

  if (loadError) {
    return (
      <div className="load-error" role="alert">
        <h1>Corroborate could not open the workspace</h1>
        <p>{loadError}</p>
      </div>
    );
  }
  if (!workspace) return <p className="loading">Opening the workspace…</p>;

  const chooserAnnotations = chooser ? chooser.annotationIds.flatMap((id) => annotations.find((a) => a.id === id) ?? []) : [];
  const importButton = (className: string) =>
    !workspace.readOnly && (
      <button type="button" className={className} onClick={() => setImporting({ dropped: null })}>
        Import articles…
      </button>
    );
  return (
    <div
      className={`workbench${drop.active ? ' drop-target-active' : ''}${compareOpen && view === 'articles' && opened ? ' compare-open' : ''}`}
      {...drop.handlers}
    >
      <TopBar
        workspace={workspace}
        view={view}
        onView={setView}
        compareOpen={compareOpen}
        onToggleCompare={() => setCompareOpen((open) => !open)}
        canCompare={documents.length >= 2}
        importButton={importButton('import-button')}
        exportButton={<ExportButton api={api} documents={documents} labels={labels} />}
        labels={labels}
        history={historyState}
        onUndo={() => void undo()}
        onRedo={() => void redo()}
        snapWords={snapWords}
        onSnapWords={setSnapWords}
        onEditLabels={() => void openSchemaDialog()}
        onEditLinkTypes={() => void api.getStats().then((stats) => setLinkTypeUsage(stats.linksByType))}
        onShowHelp={() => setHelpOpen(true)}
        saveState={saves.state}
      />
      <div className="sidebar">
        <WorkspaceSearch
          api={api}
          inputRef={workspaceSearchInput}
          onOpenHit={(documentId, range) => {
            if (opened?.meta.id === documentId) viewHandle.current?.selectRange(range, true);
            else {
              revealAfterOpen.current = range;
              void openDocument(documentId, workspace.path);
            }
          }}
        />
        <ArticleList documents={documents} openId={opened?.meta.id ?? null} onOpen={(id) => void openDocument(id, workspace.path)} />
      </div>
      <main className="reader">
        <WorkspaceProblems
          api={api}
          workspace={workspace}
          onRestored={(message) => {
            void load().then(() => setNotice(message));
          }}
        />
        <RecoveredEditsOffer api={api} workspace={workspace} onResolved={(message) => void load().then(() => setNotice(message))} />
        {view === 'clusters' && (
          <section className="overview" aria-labelledby="clusters-title">
            <h1 id="clusters-title">Clusters</h1>
            <ClustersView key={linking.linksVersion} api={api} onOpenAnnotation={(d, a) => void openAnnotation(d, a)} track={saves.track} />
          </section>
        )}
        {view === 'contradictions' && (
          <section className="overview" aria-labelledby="contradictions-title">
            <h1 id="contradictions-title">Contradictions</h1>
            <ContradictionsView key={linking.linksVersion} api={api} onOpenAnnotation={(d, a) => void openAnnotation(d, a)} />
          </section>
        )}
        {view === 'articles' && find.open && opened && (
          <FindBar
            query={find.query}
            hitCount={hits.length}
            current={find.current}
            labels={labels}
            onQuery={find.search}
            onStep={find.step}
            onLabelAll={labelAllHits}
            onClose={find.close}
          />
        )}
        {view !== 'articles' ? null : opened ? (
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
            <OrphanedAnnotations annotations={annotations.filter((a) => a.orphaned)} labels={labels} />
            <p id="article-keys-hint" className="visually-hidden">
              Read-only article. Select text and press a label key: {labels.map((l) => `${l.hotkey} for ${l.name}`).join(', ')}. Press
              question mark for all shortcuts.
            </p>
            <DocumentView
              key={opened.meta.id}
              text={opened.text}
              labels={labels}
              annotations={placed}
              focus={focus}
              overlay={overlay}
              handleRef={viewHandle}
              onFocusAnnotation={(annotationId) => setFocus({ annotationId, scroll: false })}
              onChooseAmong={(annotationIds, at) => setChooser({ annotationIds, at })}
            />
          </article>
        ) : (
          <div className="empty-workspace">
            <h1>This workspace has no articles yet</h1>
            {importButton('primary')}{' '}
            {workspace.canAddSampleArticles && (
              <button
                type="button"
                className="primary"
                onClick={() =>
                  void saves.track(async () => {
                    const { added } = await api.addSampleArticles();
                    await load();
                    setNotice(`Added ${added} sample ${added === 1 ? 'article' : 'articles'}.`);
                  })
                }
              >
                Add the sample articles
              </button>
            )}
          </div>
        )}
        {pending.length > 0 && (
          <p className="pending-status" role="status">
            {pending.length} {pending.length === 1 ? 'piece' : 'pieces'} collected for one annotation: select the last piece and press a label key (Escape
            clears).
          </p>
        )}
        {linking.linkSource && (
          <p className="pending-status link-status" role="status">
            Linking from “{linking.linkSource.text.slice(0, 60)}” ({linking.linkSource.documentTitle.slice(0, 40)}): focus the other annotation, here or in another
            article, then choose the link type (keys 1–{workspace.linkTypes.length}). Escape cancels.
          </p>
        )}
        {notice && (
          <p className="notice" role="status">
            {notice}
          </p>
        )}
      </main>
      {compareOpen && view === 'articles' && opened && (
        <ComparePane
          api={api}
          documents={documents}
          leftDocumentId={opened.meta.id}
          labels={labels}
          linkTypes={workspace.linkTypes}
          leftFocused={focused}
          linkSource={linking.linkSource}
          linksVersion={linking.linksVersion}
          onStartLink={linking.startLinkFrom}
          onCreateLink={linking.createLink}
          onFocusLeft={(annotationId) => setFocus({ annotationId, scroll: true })}
          onClose={() => setCompareOpen(false)}
        />
      )}
      <AnnotationPanel
        annotations={placed}
        labels={labels}
        focusedId={focus.annotationId}
        details={
          focused && (
            <>
              <AnnotationDetails
                annotation={focused}
                labels={labels}
                firstFieldRef={detailsField}
                onChange={(changesFor, description) => void update(focused.id, changesFor, description)}
                onLeave={() => viewHandle.current?.focus()}
              />
              <LinksPanel
                api={api}
                focused={focused}
                focusedDocumentTitle={opened?.meta.title ?? ''}
                linkTypes={workspace.linkTypes}
                linkSource={linking.linkSource}
                refreshKey={linking.linksVersion}
                onStartLink={() => linking.startLink(focused)}
                onCancelLink={linking.cancelLink}
                onCreateLink={linking.createLink}
                onDeleteLink={linking.deleteLink}
                onEditNote={linking.editNote}
                onLinkSighting={linking.linkSighting}
                onOpenAnnotation={(d, a) => void openAnnotation(d, a)}
              />
            </>
          )
        }
        onFocus={(annotationId) => setFocus({ annotationId, scroll: true })}
        onDelete={(annotation) => void remove(annotation.id)}
      />
      {chooser && chooserAnnotations.length > 0 && (
        <OverlapChooser
          annotations={chooserAnnotations}
          labels={labels}
          at={chooser.at}
          onChoose={(annotationId) => {
            setChooser(null);
            setFocus({ annotationId, scroll: false });
            viewHandle.current?.focus();
          }}
          onClose={() => setChooser(null)}
        />
      )}
      {importing && <ImportDialog api={api} dropped={importing.dropped} onImported={imported} onClose={() => setImporting(null)} />}
      {linkTypeUsage && (
        <LinkTypesDialog
          linkTypes={workspace.linkTypes}
          labels={labels}
          usage={linkTypeUsage}
          onClose={() => setLinkTypeUsage(null)}
          onSave={linking.saveLinkTypes}
        />
      )}
      {helpOpen && <ShortcutHelp labels={labels} onClose={() => setHelpOpen(false)} />}
      {schemaUsage && (
        <LabelSchemaDialog
          labels={labels}
          usage={schemaUsage}
          onClose={() => setSchemaUsage(null)}
          onSave={async (next, deleteInUse) => {
            await history.run(() => commands.saveLabels(target, labels, next, deleteInUse));
            await refreshCounts();
          }}
        />
      )}
    </div>
  );
}

/** Sorts ranges and joins those that overlap or touch, so one annotation's pieces never overlap. */
function mergeRanges(ranges: readonly TextRange[]): TextRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const merged: TextRange[] = [];
  for (const range of sorted) {
    const last = merged[merged.length - 1];
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end);
    else merged.push({ ...range });
  }
  return merged;
}
