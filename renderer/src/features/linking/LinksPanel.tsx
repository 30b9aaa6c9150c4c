import { useMemo, useState } from 'react';
import type { Annotation } from '../../../../shared/model/annotation.js';
import type { LinkEnd } from '../../../../shared/model/link.js';
import { useDocumentLinks } from '../../client/use-document-links.js';
import { useWorkbenchState } from '../../client/workbench-context.js';
import { annotationText } from '../annotate/AnnotationPanel.js';
import { SightingsList, useQuoteSightings } from './SightingsList.js';
import type { Linking } from './use-linking.js';
import { excerpt } from '../../../../shared/text/excerpt.js';

/** An annotation picked as the first end of a link being made. */
export interface LinkSource extends LinkEnd {
  text: string;
  documentTitle: string;
}

/** Props of the links panel. */
export interface LinksPanelProps {
  /** The annotation in focus, or null. */
  focused: Annotation | null;
  /** The linking workflow: the link being made and the link edits. */
  linking: Linking;
  onOpenAnnotation(documentId: string, annotationId: string): void;
}

/**
 * For the focused annotation: every linked span with its article, type and text (click to go
 * there), making a link to another annotation (pick this one, pick the other, choose the type —
 * also with the keys 1–4), and finding the same quote in other articles to link in one step.
 */
export function LinksPanel(props: LinksPanelProps) {
  const { focused, linking } = props;
  const { linkSource } = linking;
  const linkTypes = useWorkbenchState((state) => state.workspace?.linkTypes ?? []);
  const documentLinks = useDocumentLinks(focused?.documentId ?? null);
  const links = useMemo(
    () => (focused ? documentLinks.filter((l) => l.link.source.annotationId === focused.id || l.link.target.annotationId === focused.id) : []),
    [documentLinks, focused],
  );
  const sightings = useQuoteSightings(focused);

  if (!focused) {
    return (
      <section className="links-panel" aria-label="Links">
        <h2>Links</h2>
        <p className="hint">Select an annotation to see and make its links.</p>
      </section>
    );
  }
  const here: LinkEnd = { documentId: focused.documentId, annotationId: focused.id };
  const typeName = (id: string) => linkTypes.find((t) => t.id === id)?.name ?? id;
  // While the prompt at the click asks for the type, the same choice is not repeated here.
  const choosingTarget = linkSource !== null && linkSource.annotationId !== focused.id && linking.prompt === null;

  return (
    <section className="links-panel" aria-label="Links">
      <h2>
        Links <span className="count">{links.length}</span>
      </h2>
      {choosingTarget && (
        <div className="link-chooser" role="group" aria-label="Choose the link type">
          <p>
            Link “{excerpt(linkSource.text, 60)}” ({excerpt(linkSource.documentTitle, 40)}) to this annotation as:
          </p>
          {linkTypes.map((type, i) => (
            <button key={type.id} type="button" className={`link-type-button link-type-${type.id}`} onClick={() => linking.createLink(type.id, linkSource, here)}>
              <kbd>{i + 1}</kbd> {type.name}
            </button>
          ))}
          <button type="button" onClick={linking.cancelLink}>
            Cancel <kbd>Esc</kbd>
          </button>
          {linkTypes.some((t) => t.directed) && (
            <p className="link-direction-hint">
              One-way types read from the first annotation to this one:{' '}
              {linkTypes
                .filter((t) => t.directed)
                .map((t) => `“${excerpt(linkSource.text, 40)}” ${t.name.toLowerCase()} “${excerpt(annotationText(focused), 40)}”`)
                .join('; ')}
              .
            </p>
          )}
        </div>
      )}
      {linkSource?.annotationId === focused.id && (
        <p className="hint" role="status">
          Now click the other annotation (here, side by side or in another article), then choose the type.
        </p>
      )}
      {links.length > 0 && (
        <ul className="link-list">
          {links.map(({ link, source, target }) => {
            const other = source.annotationId === focused.id ? target : source;
            const type = linkTypes.find((t) => t.id === link.typeId);
            const direction = type?.directed ? (source.annotationId === focused.id ? '→' : '←') : '↔';
            return (
              <li key={link.id}>
                <span className={`link-type-chip link-type-${link.typeId}`}>
                  {direction} {typeName(link.typeId)}
                </span>
                <button type="button" className="link-button link-target" onClick={() => props.onOpenAnnotation(other.documentId, other.annotationId)}>
                  <span className="link-target-text">{other.text}</span>
                  <span className="article-details">{other.documentTitle}</span>
                </button>
                {/* Next to the link it deletes, on the link's first line (the note and reading wrap below). */}
                <button
                  type="button"
                  className="delete-annotation"
                  aria-label={`Delete ${typeName(link.typeId).toLowerCase()} link to “${excerpt(other.text, 40)}”`}
                  onClick={() => linking.deleteLink(link.id)}
                >
                  ×
                </button>
                <LinkNote key={`${link.id}:${link.note}`} note={link.note} label={`Note on the link to “${excerpt(other.text, 40)}”`} onSave={(note) => linking.editNote(link.id, link.note, note)} />
                {type?.directed && (
                  <p className="link-reading">
                    “{excerpt(source.text, 40)}” {typeName(link.typeId).toLowerCase()} “{excerpt(target.text, 40)}”{' '}
                    <button type="button" className="link-reverse" onClick={() => linking.reverseLink(link.id)}>
                      Reverse
                    </button>
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <div className="link-actions">
        {!linkSource && (
          <button type="button" onClick={() => linking.startLink(focused)}>
            Link to… <kbd>L</kbd>
          </button>
        )}
        <button type="button" onClick={() => void sightings.find()} disabled={sightings.searching}>
          {sightings.searching ? 'Searching…' : 'Find in other articles'}
        </button>
      </div>
      {sightings.sightings && (
        <SightingsList
          sightings={sightings.sightings}
          linked={sightings.linked}
          quote={focused.fragments.map((f) => f.exact)}
          linkTypes={linkTypes.filter((t) => t.id === 'same' || t.id === 'paraphrase')}
          onLink={(sighting, typeId) => {
            linking.linkSighting(sighting, typeId);
            sightings.remove(sighting);
          }}
        />
      )}
    </section>
  );
}

/** A link's note: shown, and edited in place (saved when the field is left or Enter is pressed). */
function LinkNote({ note, label, onSave }: { note: string; label: string; onSave(note: string): void }) {
  const [value, setValue] = useState(note);
  const save = () => {
    if (value.trim() !== note) onSave(value.trim());
  };
  return (
    <input
      className="link-note"
      aria-label={label}
      placeholder="Note"
      value={value}
      onChange={(e) => setValue(e.target.value)}
      onBlur={save}
      onKeyDown={(e) => {
        if (e.key === 'Enter') e.currentTarget.blur();
      }}
    />
  );
}
