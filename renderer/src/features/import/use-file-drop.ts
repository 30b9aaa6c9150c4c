import { useCallback, useState, type DragEvent } from 'react';
import { droppedFiles } from './dropped-files.js';
import type { ImportSource } from './import-plan.js';

/**
 * Makes an element a drop target for files and folders: while files are dragged over it `active` is
 * true; a drop hands the dropped files (folders walked) to `onFiles`. Drags of anything else (text
 * selected in the article) are left alone.
 */
export function useFileDrop(onFiles: (sources: ImportSource[]) => void) {
  const [active, setActive] = useState(false);
  const carriesFiles = (event: DragEvent) => Array.from(event.dataTransfer?.types ?? []).includes('Files');
  const onDragOver = useCallback((event: DragEvent) => {
    if (!carriesFiles(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setActive(true);
  }, []);
  const onDragLeave = useCallback((event: DragEvent) => {
    if (event.currentTarget === event.target) setActive(false);
  }, []);
  const onDrop = useCallback(
    (event: DragEvent) => {
      if (!carriesFiles(event)) return;
      event.preventDefault();
      setActive(false);
      void droppedFiles(event.dataTransfer).then((sources) => {
        if (sources.length > 0) onFiles(sources);
      });
    },
    [onFiles],
  );
  return { active, handlers: { onDragOver, onDragLeave, onDrop } };
}
