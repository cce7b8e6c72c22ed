// The embedding module, bundled by scripts/build-embed.mjs into one file,
// dist/iplos-sjekk.js, that needs no other: the UI (ui/*.js), the worker as
// a classic-worker source with the wasm bytes inside, the CSS and the
// built-in profiles are all in it. It defines <iplos-sjekk> and exports
// check() and summarize().
//
//   <iplos-sjekk year="2025" lang="nb" profile="iplos-csv" compact>
//
// Attributes: year (reporting year), lang (nb | en), profile (a built-in
// profile's name or a profile's JSON text), compact (form, verdict, findings
// and duties only), allow-full-identities (the host's opt-in to the export
// with full identity numbers; without it the element has no such button,
// and with it the export runs only on the user's own clicks). Reflected:
// verdict (the latest verdict key), data-engine ("ready" once the engine
// runs). Events (bubbling, composed):
//   iplos-progress {bytesDone, total, persons}
//   iplos-result   the summary (summary.js): never findings or identity numbers
//   iplos-error    {message}, masked
//
// What a host page's scripts can reach is in the README ("Hva vertssiden
// når"): never a full identity number through the events, attributes,
// properties or check(); the findings (masked) in the open shadow root.
// Theming: --iplos-* custom properties (see element.css) and ::part names
// app, header, form, drop-zone, file-input, ident-input, year, progress,
// status, result, verdict, counts.

import { checkWith, resolveProfile } from '../api.js';
import { engine } from '../engine.js';
import * as example from '../example.js';
import { maskIdentities } from '../mask.js';
import { summarize } from '../summary.js';
import { mount } from '../ui/page.js';
import css from 'iplos:css';
import profiles from 'iplos:profiles';

export { summarize };

/** The names of the built-in format profiles (`profile` attribute or option). */
export const builtInProfiles = Object.freeze(Object.keys(profiles));

/**
 * Checks a file without any UI. `input` is a File, Blob, ArrayBuffer or
 * Uint8Array; options {year, ident, identName, name, profile, kommune,
 * checkedAt, chunkSize, onProgress, signal}; no other option reaches the
 * engine, so identity numbers are always masked. Resolves to the whole
 * report.
 */
export function check(input, options = {}) {
  return checkWith(engine, input, options, profiles);
}

let sheet = null;
function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}

export class IplosSjekkElement extends HTMLElement {
  static observedAttributes = ['year', 'lang', 'profile', 'compact', 'allow-full-identities'];
  #ui = null;
  #summary = null;

  /** The latest verdict key, or null. */
  get verdict() {
    return this.#summary?.verdict ?? null;
  }

  /** The latest summary (as in the iplos-result event), or null. */
  get summary() {
    return this.#summary;
  }

  /**
   * The host's opt-in to the export with full identity numbers (reflects the
   * allow-full-identities attribute). Even on, the export runs only when the
   * user clicks its button and confirms the warning.
   */
  get allowFullIdentities() {
    return this.hasAttribute('allow-full-identities');
  }

  set allowFullIdentities(on) {
    this.toggleAttribute('allow-full-identities', Boolean(on));
  }

  connectedCallback() {
    if (this.#ui) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    shadow.adoptedStyleSheets = [styleSheet()];
    const root = document.createElement('div');
    root.className = 'app';
    root.setAttribute('part', 'app');
    // No browser translation of the findings (mount() marks the root too);
    // on the element itself unless the host has said otherwise.
    if (!this.hasAttribute('translate')) this.setAttribute('translate', 'no');
    shadow.replaceChildren(root);
    this.#ui = mount(root, {
      engine,
      example,
      lang: this.#lang(),
      standalone: false,
      embedded: true,
      year: this.getAttribute('year'),
      profile: this.#profile(),
      compact: this.hasAttribute('compact'),
      fullIdentities: () => this.hasAttribute('allow-full-identities'),
      onProgress: (detail) => this.#emit('iplos-progress', detail),
      onResult: (report) => {
        this.#summary = summarize(report);
        if (this.#summary.verdict) this.setAttribute('verdict', this.#summary.verdict);
        this.#emit('iplos-result', this.#summary);
      },
      onError: (message) => this.#emit('iplos-error', { message: maskIdentities(message) }),
      onClear: () => {
        this.#summary = null;
        this.removeAttribute('verdict');
      },
    });
    engine.ensure().then(
      () => this.setAttribute('data-engine', 'ready'),
      () => this.setAttribute('data-engine', 'failed'),
    );
  }

  attributeChangedCallback(name, before, after) {
    if (!this.#ui || before === after) return;
    if (name === 'year') this.#ui.setYear(after);
    else if (name === 'lang') this.#ui.setLang(this.#lang());
    else if (name === 'profile') this.#ui.setProfile(this.#profile());
    else if (name === 'compact') this.#ui.setCompact(after !== null);
    else if (name === 'allow-full-identities') this.#ui.refresh();
  }

  #lang() {
    return this.getAttribute('lang') === 'en' ? 'en' : 'nb';
  }

  #profile() {
    try {
      return resolveProfile(this.getAttribute('profile'), profiles);
    } catch (e) {
      queueMicrotask(() => this.#emit('iplos-error', { message: e.message }));
      return null;
    }
  }

  #emit(type, detail) {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get('iplos-sjekk')) customElements.define('iplos-sjekk', IplosSjekkElement);
