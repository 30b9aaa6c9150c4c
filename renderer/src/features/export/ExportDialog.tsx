import { useEffect, useId, useRef, useState } from 'react';
import type { WorkbenchApi } from '../../../../shared/api/contract/index.js';
import type { ExportOptions, ExportProgress } from '../../../../shared/api/export-schemas.js';
import type { ExportFormatId } from '../../../../shared/formats/export-formats.js';
import type { DocumentSummary } from '../../../../shared/model/document.js';
import type { Label } from '../../../../shared/model/label-schema.js';
import { describeProgress, formatNames, progressFraction } from './export-progress-text.js';
import { ExportSummaryView } from './ExportSummaryView.js';
import { defaultLayerChoice, ExportLayerField, layerRequest, type LayerChoiceState } from './ExportLayerField.js';
import './export-dialog.css';
import { useCache, useWorkbenchState } from '../../client/workbench-context.js';

/** What the export dialog offers to export. */
interface ExportDialogProps {
  api: WorkbenchApi;
  documents: readonly DocumentSummary[];
  labels: readonly Label[];
}

const NO_LABELS: readonly Label[] = [];

/** How often a running export is polled. */
const POLL_INTERVAL_MS = 150;

type Scope = 'workspace' | 'documents' | 'labels';

/** The top bar's "Export…" button; opens the export dialog. */
export function ExportButton() {
  const [open, setOpen] = useState(false);
  const { api } = useCache();
  const documents = useWorkbenchState((state) => state.documents);
  const labels = useWorkbenchState((state) => state.workspace?.labels ?? NO_LABELS);
  return (
    <>
      <button type="button" className="export-button" onClick={() => setOpen(true)}>
        Export…
      </button>
      {open && <ExportDialog api={api} documents={documents} labels={labels} onClose={() => setOpen(false)} />}
    </>
  );
}

/**
 * Export: choose a format, a scope (whole workspace, selected articles or selected labels), the
 * layers (the curated layer, one annotator's, or every annotator's) and a destination folder
 * (suggested under the workspace's `exports/`), then watch the progress (and cancel it) and read
 * the summary of what was written, with the full path.
 */
function ExportDialog({ api, documents, labels, onClose }: ExportDialogProps & { onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [options, setOptions] = useState<ExportOptions | null>(null);
  const [format, setFormat] = useState<ExportFormatId>('native');
  const [scope, setScope] = useState<Scope>('workspace');
  const [documentIds, setDocumentIds] = useState<string[]>([]);
  const [labelIds, setLabelIds] = useState<string[]>([]);
  const [layer, setLayer] = useState<LayerChoiceState | null>(null);
  const [destination, setDestination] = useState('');
  const [destinationEdited, setDestinationEdited] = useState(false);
  const [overwrite, setOverwrite] = useState(false);
  const [jobId, setJobId] = useState<string | null>(null);
  const [progress, setProgress] = useState<ExportProgress | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    dialog.current?.showModal();
    api.getExportOptions().then(
      (loaded) => {
        setOptions(loaded);
        setLayer(defaultLayerChoice(loaded.layers));
        setDestination(loaded.defaultDestinations.native ?? '');
      },
      (e: unknown) => setError((e as Error).message),
    );
  }, [api]);

  useEffect(() => {
    if (!jobId) return;
    let stopped = false;
    const poll = async () => {
      try {
        const next = await api.getExportProgress({ jobId });
        if (stopped) return;
        setProgress(next);
        if (next.state === 'running') timer = setTimeout(() => void poll(), POLL_INTERVAL_MS);
      } catch (e) {
        if (!stopped) setError((e as Error).message);
      }
    };
    let timer = setTimeout(() => void poll(), 0);
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [api, jobId]);

  const chooseFormat = (next: ExportFormatId) => {
    setFormat(next);
    // A format that cannot hold every layer takes the choice back to where the dialog started.
    if (layer?.kind === 'all' && options?.formats.find((f) => f.id === next)?.refusesAllLayers) {
      setLayer({ ...layer, kind: defaultLayerChoice(options.layers).kind });
    }
    if (!destinationEdited && options) setDestination(options.defaultDestinations[next] ?? destination);
  };

  const start = async () => {
    setError(null);
    setProgress(null);
    try {
      const chosen =
        scope === 'documents' ? { documentIds } : scope === 'labels' ? { labelIds } : undefined;
      const started = await api.startExport({
        format,
        destination: destination.trim(),
        overwrite,
        ...(chosen ? { scope: chosen } : {}),
        ...(layer ? { layer: layerRequest(layer) } : {}),
      });
      setJobId(started.jobId);
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const cancel = async () => {
    if (!jobId) return;
    try {
      setProgress(await api.cancelExport({ jobId }));
    } catch (e) {
      setError((e as Error).message);
    }
  };

  const backToForm = () => {
    setJobId(null);
    setProgress(null);
  };

  const running = jobId !== null && (progress === null || progress.state === 'running');
  const finished = progress !== null && progress.state !== 'running' ? progress : null;
  const formatInfo = options?.formats.find((f) => f.id === format);
  const scopeIncomplete = (scope === 'documents' && documentIds.length === 0) || (scope === 'labels' && labelIds.length === 0);

  return (
    <dialog ref={dialog} className="export-dialog" aria-labelledby={titleId} onCancel={(e) => running && e.preventDefault()} onClose={onClose}>
      <h2 id={titleId}>Export</h2>
      {!jobId && (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void start();
          }}
        >
          <label className="export-field">
            Format
            <select value={format} onChange={(e) => chooseFormat(e.target.value as ExportFormatId)} disabled={!options}>
              {(options?.formats ?? []).map((f) => (
                <option key={f.id} value={f.id}>
                  {formatNames[f.id]}
                </option>
              ))}
            </select>
          </label>
          {formatInfo && (
            <p className="export-hint">
              {formatInfo.description} Offsets: {formatInfo.offsetUnit}.
            </p>
          )}
          <fieldset className="export-field">
            <legend>What to export</legend>
            <label>
              <input type="radio" name="scope" checked={scope === 'workspace'} onChange={() => setScope('workspace')} /> Whole workspace
            </label>
            <label>
              <input type="radio" name="scope" checked={scope === 'documents'} onChange={() => setScope('documents')} /> Selected articles
            </label>
            <label>
              <input type="radio" name="scope" checked={scope === 'labels'} onChange={() => setScope('labels')} /> Selected labels
            </label>
            {scope === 'documents' && (
              <ChoiceList
                label="Articles to export"
                items={documents.map((d) => ({ id: d.id, name: d.title || d.id }))}
                chosen={documentIds}
                onChange={setDocumentIds}
              />
            )}
            {scope === 'labels' && (
              <ChoiceList label="Labels to export" items={labels.map((l) => ({ id: l.id, name: l.name }))} chosen={labelIds} onChange={setLabelIds} />
            )}
          </fieldset>
          {options && layer && (
            <ExportLayerField layers={options.layers} refusesAllLayers={formatInfo?.refusesAllLayers ?? null} value={layer} onChange={setLayer} />
          )}
          <label className="export-field">
            Destination folder
            <input
              type="text"
              value={destination}
              spellCheck={false}
              onChange={(e) => {
                setDestination(e.target.value);
                setDestinationEdited(true);
              }}
            />
          </label>
          <p className="export-hint">A new folder on this computer; the export is written there only once it is complete.</p>
          <label className="export-check">
            <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> Replace the folder if it exists and is not
            empty
          </label>
          {error && (
            <p className="export-error" role="alert">
              {error}
            </p>
          )}
          <div className="export-actions">
            <button type="button" onClick={() => dialog.current?.close()}>
              Close
            </button>
            <button type="submit" className="primary" disabled={!options || !destination.trim() || scopeIncomplete}>
              Export
            </button>
          </div>
        </form>
      )}
      {running && (
        <div className="export-running">
          <progress
            aria-label="Export progress"
            max={1}
            {...(progress && progressFraction(progress) !== null ? { value: progressFraction(progress)! } : {})}
          />
          <p role="status">{progress ? describeProgress(progress) : 'Starting…'}</p>
          <div className="export-actions">
            <button type="button" onClick={() => void cancel()}>
              Cancel export
            </button>
          </div>
        </div>
      )}
      {finished && (
        <div className="export-finished">
          {finished.state === 'done' && finished.summary && <ExportSummaryView summary={finished.summary} />}
          {finished.state === 'cancelled' && <p role="status">The export was cancelled; nothing was written.</p>}
          {finished.state === 'failed' && (
            <p className="export-error" role="alert">
              {finished.error}
            </p>
          )}
          <div className="export-actions">
            <button type="button" onClick={backToForm}>
              {finished.state === 'done' ? 'Export again' : 'Change and retry'}
            </button>
            <button type="button" className="primary" onClick={() => dialog.current?.close()}>
              Close
            </button>
          </div>
        </div>
      )}
      {error && jobId && (
        <p className="export-error" role="alert">
          {error}
        </p>
      )}
    </dialog>
  );
}

/** A list of checkboxes choosing some of `items`. */
function ChoiceList({
  label,
  items,
  chosen,
  onChange,
}: {
  label: string;
  items: ReadonlyArray<{ id: string; name: string }>;
  chosen: readonly string[];
  onChange: (ids: string[]) => void;
}) {
  return (
    <ul className="export-choices" aria-label={label}>
      {items.map((item) => (
        <li key={item.id}>
          <label>
            <input
              type="checkbox"
              checked={chosen.includes(item.id)}
              onChange={(e) => onChange(e.target.checked ? [...chosen, item.id] : chosen.filter((id) => id !== item.id))}
            />{' '}
            {item.name}
          </label>
        </li>
      ))}
    </ul>
  );
}
