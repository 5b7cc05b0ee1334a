/**
 * Suggestions for the searchable input of a long list (engine/fields/search-select.ts). The page
 * works without this: the server matches what was typed. With it, typing fills a native
 * `<datalist>` with up to ten matches from the service's JSON endpoint, so browsers and screen
 * readers offer them as the input's own suggestions. A suggestion reads "Name (code)", which the
 * server takes as exactly that entry. The list itself never comes to the browser.
 *
 * Delegated on the form, so an input revealed later (a question shown by an earlier answer) gets
 * suggestions too.
 */
const DELAY_MS = 150;
const MIN_LENGTH = 2;

interface State {
  list: HTMLDataListElement;
  timer: ReturnType<typeof setTimeout> | undefined;
  asked: string;
  controller: AbortController | undefined;
}

export function enhanceSearch(form: HTMLFormElement): void {
  const states = new WeakMap<HTMLInputElement, State>();

  const stateOf = (input: HTMLInputElement): State => {
    let state = states.get(input);
    if (!state) {
      const list = document.createElement('datalist');
      list.id = `${input.id}-suggestions`;
      input.after(list);
      input.setAttribute('list', list.id);
      state = { list, timer: undefined, asked: '', controller: undefined };
      states.set(input, state);
    }
    return state;
  };

  const ask = async (input: HTMLInputElement, state: State) => {
    const query = input.value.trim();
    if (query.length < MIN_LENGTH || query === state.asked) return;
    state.asked = query;
    state.controller?.abort();
    const controller = new AbortController();
    state.controller = controller;
    const url = new URL(input.dataset.awOptions ?? '', window.location.href);
    url.searchParams.set('q', query);
    try {
      const response = await fetch(url, {
        signal: controller.signal,
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!response.ok) return;
      const data = (await response.json()) as { matches?: Array<{ label: string }> };
      state.list.replaceChildren(
        ...(data.matches ?? []).map((m) => {
          const option = document.createElement('option');
          option.value = m.label;
          return option;
        }),
      );
    } catch {
      // Aborted by newer typing, or offline: the server still matches the text on submit.
    }
  };

  form.addEventListener('input', (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement) || input.dataset.awOptions === undefined) return;
    const state = stateOf(input);
    clearTimeout(state.timer);
    state.timer = setTimeout(() => void ask(input, state), DELAY_MS);
  });
}
