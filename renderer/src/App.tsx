import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useCache, useWorkbenchState } from './client/workbench-context.js';
import type { DocumentViewHandle } from './document-view/DocumentView.js';
import { applyLabelStyles } from './document-view/label-styles.js';
import type { OverlayRanges } from './document-view/overlay-decorations.js';
import { ArticleList } from './features/articles/ArticleList.js';
import { useOpenArticle } from './features/articles/use-open-article.js';
import { AnnotationSide } from './features/workbench/AnnotationSide.js';
import { ArticleReader } from './features/annotate/ArticleReader.js';
import { FindBar } from './features/find/FindBar.js';
import { useArticleFind } from './features/find/use-article-find.js';
import { WorkspaceSearch } from './features/find/WorkspaceSearch.js';
import { useEdits } from './features/history/use-edits.js';
import { useFileDrop } from './features/import/use-file-drop.js';
import { useWorkbenchKeys } from './features/keyboard/use-workbench-keys.js';
import { ComparePane } from './features/linking/ComparePane.js';
import { LinkConnectors } from './features/linking/LinkConnectors.js';
import { LayeredArticle } from './features/team/LayeredArticle.js';
import { LinkPrompt } from './features/linking/LinkPrompt.js';
import { useLinking } from './features/linking/use-linking.js';
import { useArticlePanes, type ArticlePane } from './features/annotate/use-article-panes.js';
import { EmptyWorkspace } from './features/workbench/EmptyWorkspace.js';
import { useSaveTracker } from './features/workbench/SaveStatus.js';
import { useNotice } from './features/workbench/use-notice.js';
import { StatusLines } from './features/workbench/StatusLines.js';
import { TopBar, type WorkbenchView } from './features/workbench/TopBar.js';
import { WorkbenchDialogs, type WorkbenchDialog } from './features/workbench/WorkbenchDialogs.js';
import { WorkbenchOverview } from './features/workbench/WorkbenchOverview.js';
import { RecoveredEditsOffer } from './features/workbench/RecoveredEditsOffer.js';
import { WorkspaceNotReady } from './features/workbench/WorkspaceNotReady.js';
import { WorkspaceProblems } from './features/workbench/WorkspaceProblems.js';

/**
 * The workbench's layout: top bar; article list and search; the open article (or the clusters or
 * contradictions view); the compared article; the annotation panel; and the dialogs. Each capability's
 * state and actions live in its feature folder; this only puts them on the screen.
 */
export function App() {
  const cache = useCache();
  const workspace = useWorkbenchState((state) => state.workspace);
  const documents = useWorkbenchState((state) => state.documents);
  const [notice, setNotice] = useNotice();
  const [view, setView] = useState<WorkbenchView>('articles');
  const [compareOpen, setCompareOpen] = useState(false);
  const [snapWords, setSnapWords] = useState(true);
  const [dialog, setDialog] = useState<WorkbenchDialog | null>(null);
  const viewHandle = useRef<DocumentViewHandle | null>(null);
  const detailsField = useRef<HTMLSelectElement | null>(null);
  const workspaceSearchInput = useRef<HTMLInputElement | null>(null);

  // Opening another article starts its per-article state afresh (set below, once those hooks exist).
  const onSwitch = useRef<() => void>(() => undefined);
  const article = useOpenArticle(useCallback(() => onSwitch.current(), []));
  const { opened } = article;
  const labels = workspace?.labels ?? [];
  const saves = useSaveTracker(cache.api, {
    onRefused: setNotice,
    // The services kept the edit in memory and keep retrying: show what they hold.
    onKeptUnsaved: () => void (opened && cache.reloadAnnotations(opened.meta.id)),
  });
  const edits = useEdits(saves.track, setNotice);
  const find = useArticleFind(opened?.text ?? null, viewHandle);
  const comparing = compareOpen && view === 'articles' && opened !== null;
  const panes = useArticlePanes({ opened, comparing, labels, edits, snapWords, notice: setNotice, mainView: viewHandle });
  const annotating = panes.main.annotating;
  const linking = useLinking({ cache, linkTypes: workspace?.linkTypes ?? [], focused: panes.active.annotating.focused, edits, setNotice });
  const clickIn = (pane: ArticlePane) => panes.clickHandler(pane, linking.offerLink);
  onSwitch.current = () => {
    annotating.clear();
    find.reset();
    setNotice(null);
  };
  const drop = useFileDrop(useCallback((dropped) => setDialog((current) => current ?? { kind: 'import', dropped }), []));
  useLayoutEffect(() => applyLabelStyles(labels), [labels]);

  // A search hit chosen in another article is selected once that article is shown.
  useEffect(() => {
    const range = opened && article.takeRangeToReveal();
    if (range) viewHandle.current?.selectRange(range, true);
  }, [opened?.meta.id]);

  const { pending, saving } = annotating;
  const overlay = useMemo<OverlayRanges>(() => ({ searchHits: find.hits, currentHit: find.current, pending, saving }), [find.hits, find.current, pending, saving]);

  useWorkbenchKeys({
    labels,
    articlesShown: view === 'articles',
    panes,
    linking,
    find,
    edits,
    workspaceSearch: workspaceSearchInput,
    detailsField,
    showHelp: () => setDialog({ kind: 'help' }),
    notice: setNotice,
  });

  /** Opens an article (if it is not open) at one of its annotations: from links, clusters, contradictions. */
  const openAnnotation = async (documentId: string, annotationId: string) => {
    setView('articles');
    panes.activate('main');
    if (opened?.meta.id !== documentId) await article.open(documentId);
    annotating.focusOn(annotationId, true);
  };
  /** Shows an article from the list, leaving the clusters or contradictions for it (Curate stays, for the new article). */
  const openArticle = (documentId: string) => {
    setView((shown) => (shown === 'curation' ? shown : 'articles'));
    return article.open(documentId);
  };
  const openDialog = async (kind: 'import' | 'labels' | 'link-types' | 'help') => {
    if (kind === 'import' || kind === 'help') return setDialog(kind === 'import' ? { kind, dropped: null } : { kind });
    const stats = await cache.api.getStats();
    setDialog({ kind, usage: kind === 'labels' ? stats.annotationsByLabel : stats.linksByType });
  };

  if (article.loadError !== null || !workspace) return <WorkspaceNotReady error={article.loadError} />;

  return (
    <div className={`workbench${drop.active ? ' drop-target-active' : ''}${comparing ? ' compare-open' : ''}`} {...drop.handlers}>
      <TopBar
        view={view}
        onView={(next) => (setView(next), setNotice(null))}
        compareOpen={compareOpen}
        onToggleCompare={() => setCompareOpen((open) => !open)}
        edits={edits}
        snapWords={snapWords}
        onSnapWords={setSnapWords}
        onOpenDialog={(kind) => void openDialog(kind)}
        saveState={saves.state}
        onTeamFilesChanged={() => void article.reload(opened?.meta.id)}
      />
      <div className="sidebar">
        <WorkspaceSearch
          inputRef={workspaceSearchInput}
          onOpenHit={(documentId, range) =>
            opened?.meta.id === documentId ? viewHandle.current?.selectRange(range, true) : article.openAt(documentId, range)
          }
        />
        <ArticleList documents={documents} openId={opened?.meta.id ?? null} onOpen={(id) => void openArticle(id)} />
      </div>
      {/* The find bar above and the status lines below the scrolling article: neither ever covers its text. */}
      <main className="reader-column" onFocus={() => panes.activate('main')}>
        {view === 'articles' && find.open && opened && (
          <FindBar find={find} labels={labels} onLabelAll={(labelId) => annotating.labelAll(labelId, find.hits)} />
        )}
        <div className="reader">
          <WorkspaceProblems workspace={workspace} onRestored={(message) => void article.reload().then(() => setNotice(message))} />
          <RecoveredEditsOffer workspace={workspace} onResolved={(message) => void article.reload().then(() => setNotice(message))} />
          {view !== 'articles' && <WorkbenchOverview {...{ view, edits, opened, track: saves.track, notice: setNotice }} onOpenAnnotation={(d, a) => void openAnnotation(d, a)} onOpenArticle={(d) => void openArticle(d)} />}
          {view !== 'articles' ? null : opened ? (
            <LayeredArticle opened={opened} labels={labels} notice={setNotice} onFocusMine={(id) => annotating.focusOn(id, true)}>
              <ArticleReader {...{ opened, labels, annotating, overlay }} readOnly={workspace.readOnly} view={viewHandle} onAnnotationClick={clickIn(panes.main)} />
            </LayeredArticle>
          ) : (
            documents.length === 0 && (
              <EmptyWorkspace
                workspace={workspace}
                onImport={() => void openDialog('import')}
                track={saves.track}
                onSamplesAdded={(message) => void article.reload().then(() => setNotice(message))}
              />
            )
          )}
        </div>
        <StatusLines pending={panes.active.annotating.pending} linking={linking} linkTypeCount={workspace.linkTypes.length} notice={notice} />
      </main>
      {comparing && panes.compared && (
        <ComparePane
          leftDocumentId={opened.meta.id}
          leftFocused={annotating.focused}
          pane={panes.compared}
          compared={panes.comparedArticle}
          onFocusLeft={(annotationId) => annotating.focusOn(annotationId, true)}
          onAnnotationClick={clickIn(panes.compared)}
          onActivate={() => panes.activate('compared')}
          onClose={() => setCompareOpen(false)}
        />
      )}
      {comparing && <LinkConnectors leftDocumentId={opened.meta.id} />}
      <AnnotationSide
        labels={labels}
        pane={panes.active}
        linking={linking}
        detailsField={detailsField}
        onOpenAnnotation={(d, a) => void openAnnotation(d, a)}
        onChooseAnnotation={(annotationId, at) => clickIn(panes.active)(annotationId, at)}
      />
      <LinkPrompt linking={linking} linkTypes={workspace.linkTypes} onDone={() => panes.active.view.current?.focus()} />
      <WorkbenchDialogs
        dialog={dialog}
        edits={edits}
        linking={linking}
        onImported={(result) => void article.reload(result.replaced[0]?.documentId ?? result.added[0]?.documentId)}
        onClose={() => setDialog(null)}
      />
    </div>
  );
}
