// Test child for the crash test of the upgrade to layers: opens a workspace from before layers with
// the store (which upgrades it), printing `step <what>` as each step of the upgrade is done, then
// `opened`, and keeps it open until killed. Usage: layer-upgrader.ts <workspaceDir> <annotatorId> <name> <email>
import { WorkspaceStore } from '../../workspace/workspace-store.js';

const [workspaceDir, id, name, email] = process.argv.slice(2);
if (workspaceDir === undefined || id === undefined || name === undefined || email === undefined) {
  throw new Error('usage: layer-upgrader.ts <workspaceDir> <annotatorId> <name> <email>');
}

await WorkspaceStore.open(workspaceDir, {
  holder: 'cli',
  annotator: { id, name, email },
  onMigrationStep: (step) => process.stdout.write(`step ${step}\n`),
});
process.stdout.write('opened\n');
setInterval(() => undefined, 60_000);
