/**
 * A keyboard-only citizen for browser tests: moves with Tab only, types, ticks with Space, picks
 * radios with the arrow keys, selects by typing, chooses a file with Space (the operating system's
 * dialog is answered by the test), and presses buttons with Enter. At every stop it measures the
 * focus indicator (support/focus.ts) and records any that falls short.
 */
import assert from 'node:assert/strict';
import type { FileChooser, Page } from 'playwright-core';
import { type FocusStop, focusStop, indicatorProblem } from './focus.ts';

type Text = string | RegExp;

/** What to do when focus reaches a control; `field` is its label or, in a group, its legend. */
export type Instruction =
  /** Type into a text input or textarea; `part` names one input of a group (a date's "Tag"). */
  | { field: Text; part?: string; type: string }
  /** A radio button of the group `field`, or the option of the select `field`. */
  | { field: Text; choose: string }
  /** Tick the checkbox labelled `tick` (in the group `field`, when given). */
  | { field?: Text; tick: Text }
  /** Choose a file for the file input `field`. */
  | { field: Text; upload: { name: string; mimeType: string; buffer: Buffer } }
  /** Press the button `press` (once every instruction before it on the page is done). */
  | { press: Text };

/** One page of a form: its heading and what to answer there. */
export interface PagePlan {
  heading: Text;
  answers: Instruction[];
}

const matches = (want: Text, got: string) => (typeof want === 'string' ? want === got : want.test(got));

function isFor(instruction: Instruction, stop: FocusStop): boolean {
  if ('press' in instruction) return stop.tag === 'button' && matches(instruction.press, stop.label);
  if ('tick' in instruction) {
    return (
      stop.type === 'checkbox' &&
      matches(instruction.tick, stop.label) &&
      (instruction.field === undefined || matches(instruction.field, stop.legend))
    );
  }
  if ('upload' in instruction) return stop.type === 'file' && matches(instruction.field, stop.label);
  if ('choose' in instruction) {
    if (stop.tag === 'select') return matches(instruction.field, stop.label);
    return stop.type === 'radio' && matches(instruction.field, stop.legend);
  }
  if (!['input', 'textarea'].includes(stop.tag) || ['radio', 'checkbox', 'file'].includes(stop.type))
    return false;
  return instruction.part === undefined
    ? matches(instruction.field, stop.label)
    : matches(instruction.field, stop.legend) && stop.label === instruction.part;
}

export interface KeyboardCitizen {
  /** Every focus stop seen so far. */
  readonly stops: number;
  /** Focus indicators that fell short, one line each (deduplicated). */
  readonly problems: string[];
  /** Presses Tab until the focused element satisfies `until`; returns it. */
  tabTo(until: (stop: FocusStop) => boolean, what: string): Promise<FocusStop>;
  /** Presses Enter on the focused element and waits for the page it leads to. */
  enter(): Promise<void>;
  /** Answers one page (and its reloads: questions revealed without JavaScript, uploads), then "Weiter". */
  answer(plan: PagePlan, check: (label: string) => Promise<void>): Promise<void>;
}

const MAX_TABS = 120;

export function keyboardCitizen(page: Page, javaScript: boolean): KeyboardCitizen {
  const problems = new Set<string>();
  let stops = 0;

  // The file chooser is intercepted from the start: `waitForEvent('filechooser')` turns
  // interception on only as it begins waiting, and a Space that reaches the browser first opens
  // the native dialog instead, which a loaded machine showed as a lost event.
  let onChooser: ((chooser: FileChooser) => void) | undefined;
  page.on('filechooser', (chooser) => onChooser?.(chooser));

  const tab = async (): Promise<FocusStop | null> => {
    await page.keyboard.press('Tab');
    const stop = await focusStop(page);
    if (stop) {
      stops++;
      const problem = indicatorProblem(stop);
      if (problem) problems.add(`${new URL(page.url()).pathname}: ${problem}`);
    }
    return stop;
  };

  const enter = async () => {
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    await settle();
  };

  // With JavaScript, a step page that checks answers in the browser is ready once enhanced.
  const settle = async () => {
    if (javaScript && (await page.locator('form[data-aw-definition]').count()) > 0) {
      await page.locator('form[data-aw-enhanced]').waitFor({ state: 'attached' });
    }
  };

  const heading = async () =>
    ((await page.locator('h1').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  const perform = async (instruction: Instruction, stop: FocusStop) => {
    if ('type' in instruction) {
      await page.keyboard.type(instruction.type);
    } else if ('tick' in instruction) {
      if (!stop.checked) await page.keyboard.press('Space');
    } else if ('upload' in instruction) {
      const chosen = new Promise<FileChooser>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`${stop.label}: Space opened no file chooser`)),
          20_000,
        );
        onChooser = (chooser) => {
          clearTimeout(timer);
          resolve(chooser);
        };
      });
      await page.keyboard.press('Space');
      const chooser = await chosen;
      onChooser = undefined;
      await chooser.setFiles(instruction.upload);
    } else if ('choose' in instruction && stop.tag === 'select') {
      // Down arrow on a closed select moves to the next option (typing would too, but a space
      // opens the list).
      const selected = () =>
        page.evaluate(
          `(() => { const o = document.activeElement.selectedOptions; return o && o[0] ? o[0].textContent.trim() : ''; })()`,
        );
      let chosen = await selected();
      for (let i = 0; i < 30 && chosen !== instruction.choose; i++) {
        await page.keyboard.press('ArrowDown');
        chosen = await selected();
      }
      assert.equal(chosen, instruction.choose, `the arrow keys select "${instruction.choose}"`);
    } else if ('choose' in instruction) {
      // The arrow keys move through the group and check as they go.
      let current = stop;
      for (let i = 0; i < 10 && current.label !== instruction.choose; i++) {
        await page.keyboard.press('ArrowDown');
        current = (await focusStop(page)) ?? current;
      }
      assert.equal(current.label, instruction.choose, `the arrow keys reach "${instruction.choose}"`);
      if (!current.checked) await page.keyboard.press('Space');
    }
  };

  return {
    get stops() {
      return stops;
    },
    get problems() {
      return [...problems];
    },
    async tabTo(until, what) {
      for (let i = 0; i < MAX_TABS; i++) {
        const stop = await tab();
        if (stop && until(stop)) return stop;
      }
      throw new Error(`${page.url()}: Tab never reached ${what}`);
    },
    enter,
    async answer(plan, check) {
      const title = await heading();
      assert.ok(matches(plan.heading, title), `on "${plan.heading}", found "${title}"`);
      const pending = [...plan.answers];
      for (let pass = 0; pass < 4; pass++) {
        await check(
          `${title} (pass ${pass + 1}${pending.length < plan.answers.length ? ', partly answered' : ''})`,
        );
        let submitted = false;
        for (let i = 0; i < MAX_TABS && !submitted; i++) {
          const stop = await tab();
          if (!stop) continue;
          const index = pending.findIndex((p) => isFor(p, stop));
          const instruction = pending[index];
          if (instruction && (!('press' in instruction) || index === 0)) {
            pending.splice(index, 1);
            await perform(instruction, stop);
            if ('press' in instruction) {
              await enter();
              submitted = true;
            }
          } else if (stop.tag === 'button' && stop.label === 'Weiter') {
            await enter();
            submitted = true;
          }
        }
        assert.ok(submitted, `${title}: Tab reached "Weiter"`);
        const next = await heading();
        if (next !== title) {
          assert.deepEqual(pending, [], `${title}: every answer was given before moving on`);
          return;
        }
        const errors = await page.locator('.aw-error-summary a').allTextContents();
        assert.deepEqual(errors, [], `${title}: no errors after answering`);
      }
      throw new Error(`${title}: still on the page after four passes (left: ${JSON.stringify(pending)})`);
    },
  };
}
