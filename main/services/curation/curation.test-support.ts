import { join } from 'node:path';
import { makeTempDir } from '../../storage/test-support.js';
import { openWorkbench, type OpenWorkbench } from '../open-workbench.js';
import { annotatorIdOf } from '../../../shared/model/annotator.js';

/** A person who annotates or curates in a test, as the CLI and the app name them. */
export interface TestPerson {
  annotator: string;
  email: string;
}

/**
 * A temp workspace for curation tests and the workbenches opened on it, each person on their own
 * machine (their own app data): `openAs` opens one, `close` closes it, `dispose` closes what is left
 * and removes the folder.
 */
export async function curationWorkspace(name: string) {
  const { dir: root, remove } = await makeTempDir(name);
  const workspaceDir = join(root, 'ws');
  const open: OpenWorkbench[] = [];
  const openAs = async (who: TestPerson): Promise<OpenWorkbench> => {
    const workbench = await openWorkbench({ workspaceDir, env: { CORROBORATE_APP_DATA: join(root, `appdata-${who.email}`) }, ...who });
    open.push(workbench);
    return workbench;
  };
  const close = async (workbench: OpenWorkbench): Promise<void> => {
    open.splice(open.indexOf(workbench), 1);
    await workbench.close();
  };
  const dispose = async (): Promise<void> => {
    for (const workbench of open.splice(0)) await workbench.close();
    await remove();
  };
  return { root, workspaceDir, openAs, close, dispose };
}

/** The first annotator of the curation tests. */
export const ANA: TestPerson = { annotator: 'Ana López', email: 'ana@example.org' };
/** The second annotator of the curation tests. */
export const BOB: TestPerson = { annotator: 'Bob Stone', email: 'bob@example.org' };
/** The curator of the curation tests. */
export const CY: TestPerson = { annotator: 'Cy Curator', email: 'cy@example.org' };
/** The annotator id the workspace gives `who`. */
export const idOf = (who: TestPerson): string => annotatorIdOf({ name: who.annotator, email: who.email });
