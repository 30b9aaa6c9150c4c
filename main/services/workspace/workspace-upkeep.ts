// What the command line and the desktop app need of the workspace store beyond the contract: checking
// every file, finding recovery files, where workspaces live, durable settings files. Re-exports only,
// so the faces reach the store through the services layer.
export { checkWorkspace } from '../../workspace/check-workspace.js';
export { ReadOnlyWorkspace, WorkspaceReadError } from '../../workspace/read-only-workspace.js';
export { describeRecoveryFile, findRecoveryFiles, recoveryDirOf } from '../../workspace/recovery-file.js';
export { WORKSPACE_FILE } from '../../workspace/workspace-folder.js';
export { appDataDir, defaultWorkspaceDir } from '../../workspace/app-data.js';
export type { ShutdownReport } from '../../workspace/shut-down-workspace.js';
export { readFileSnapshot } from '../../storage/read-file-snapshot.js';
export { JsonFileCodec, StoreFileError, writeFileDurably } from '../../storage/index.js';
