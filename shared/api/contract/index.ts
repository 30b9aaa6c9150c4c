import type { z } from 'zod';
import { agreementContract } from './agreement.js';
import { annotationsContract } from './annotations.js';
import { assignmentsContract } from './assignments.js';
import { curationContract } from './curation.js';
import { documentsContract } from './documents.js';
import { exportsContract } from './exports.js';
import { historyContract } from './history.js';
import { importsContract } from './imports.js';
import { labelsContract } from './labels.js';
import { linksContract } from './links.js';
import { syncContract } from './sync.js';
import { teamContract } from './team.js';
import { workspaceContract } from './workspace.js';

export type { MethodSpec } from './ids.js';
export * from './agreement.js';
export * from './annotations.js';
export * from './assignments.js';
export * from './curation.js';
export * from './documents.js';
export * from './sync.js';
export * from './history.js';
export * from './team.js';
export * from './workspace.js';

/**
 * The one contract between the UI and the workspace services, one domain per file of this folder.
 * The Electron preload, the IPC handlers, the browser host's HTTP routes and the renderer's client are
 * all derived from this object: adding a method to its domain's file plus its implementation in the
 * domain's service is the whole change.
 */
export const workbenchContract = {
  ...workspaceContract,
  ...documentsContract,
  ...assignmentsContract,
  ...annotationsContract,
  ...linksContract,
  ...labelsContract,
  ...importsContract,
  ...exportsContract,
  ...teamContract,
  ...syncContract,
  ...historyContract,
  ...agreementContract,
  ...curationContract,
};


/** The contract's type. */
export type WorkbenchContract = typeof workbenchContract;
/** The name of a contract method. */
export type MethodName = keyof WorkbenchContract;
/** What a method accepts. */
export type MethodInput<K extends MethodName> = z.input<WorkbenchContract[K]['input']>;
/** What a method resolves to. */
export type MethodOutput<K extends MethodName> = z.output<WorkbenchContract[K]['output']>;

/**
 * The workbench API as both sides see it: one async function per contract method (methods without
 * input may be called without an argument).
 */
export type WorkbenchApi = {
  [K in keyof WorkbenchContract]: Record<never, never> extends MethodInput<K>
    ? (input?: MethodInput<K>) => Promise<MethodOutput<K>>
    : (input: MethodInput<K>) => Promise<MethodOutput<K>>;
};

/** Every method name, in contract order. */
export const methodNames = Object.keys(workbenchContract) as MethodName[];

/** Whether a string names a contract method. */
export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(workbenchContract, name);
}
