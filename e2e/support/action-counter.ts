import type { Locator, Page } from '@playwright/test';
import { selectWithMouse } from './workbench-fixture.js';

/** What a person did with the mouse or the keyboard: the unit an action count counts. */
export type ActionKind = 'click' | 'key' | 'typed string' | 'drag' | 'pick';

/** One action, in the step it belongs to. */
export interface CountedAction {
  step: string;
  kind: ActionKind;
  /** What it was done on or with, for reading where a step's actions went. */
  what: string;
}

/**
 * Does what a person does to the page (clicks, key presses, typed strings, drags to select, picks in
 * a list or a file chooser) and counts each as one action in the step under way, so a workflow's
 * cost can be read and compared with a target. Anything a test only reads or waits for is left to
 * plain Playwright and costs nothing.
 */
export class ActionCounter {
  private step = 'setup';
  private readonly done: CountedAction[] = [];

  constructor(private readonly page: Page) {}

  /** Counts what follows under `step` (a new name starts its count at zero). */
  startStep(step: string): void {
    this.step = step;
  }

  /** Every action so far, in order. */
  get actions(): readonly CountedAction[] {
    return this.done;
  }

  /** How many actions `step` took. */
  countOf(step: string): number {
    return this.done.filter((a) => a.step === step).length;
  }

  /** The steps in the order they were started, each with its action count. */
  counts(): { step: string; actions: number }[] {
    const steps = [...new Set(this.done.map((a) => a.step))];
    return steps.map((step) => ({ step, actions: this.countOf(step) }));
  }

  /** A step's actions as one readable line per action. */
  describe(step: string): string {
    return this.done
      .filter((a) => a.step === step)
      .map((a, i) => `${i + 1}. ${a.kind}: ${a.what}`)
      .join('\n');
  }

  /** One click on `target`. */
  async click(target: Locator, what: string): Promise<void> {
    this.count('click', what);
    await target.click();
  }

  /** One key press (a chord such as Control+z is one press). */
  async press(key: string): Promise<void> {
    this.count('key', key);
    await this.page.keyboard.press(key);
  }

  /** A string typed into what has the keyboard focus: one action, whatever its length. */
  async type(text: string): Promise<void> {
    this.count('typed string', text);
    await this.page.keyboard.type(text);
  }

  /** Clicks into a text field and types `text` over what it holds: two actions. */
  async fillField(field: Locator, text: string, what: string): Promise<void> {
    this.count('click', what);
    this.count('typed string', text);
    await field.fill(text);
  }

  /**
   * Selects `exact` with one mouse drag, in the open article or the article text matched by `root`
   * (the compared one); returns what the browser selected.
   */
  async drag(exact: string, occurrence = 0, root?: string): Promise<string> {
    this.count('drag', exact);
    return selectWithMouse(this.page, exact, occurrence, root);
  }

  /** Opens a drop-down list and picks the option labelled `option`: two actions. */
  async pickOption(select: Locator, option: string, what: string): Promise<void> {
    this.count('click', what);
    this.count('pick', option);
    await select.selectOption({ label: option });
  }

  /** Clicks a button that opens the system's file chooser and picks `files` there: two actions. */
  async chooseFiles(button: Locator, files: string[], what: string): Promise<void> {
    this.count('click', what);
    const chooser = this.page.waitForEvent('filechooser');
    await button.click();
    this.count('pick', files.map((f) => f.split('/').at(-1)).join(', '));
    await (await chooser).setFiles(files);
  }

  private count(kind: ActionKind, what: string): void {
    this.done.push({ step: this.step, kind, what });
  }
}
