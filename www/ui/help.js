// The page's help and "Om IPLOS-sjekk" sections: what the two files are,
// the deadline and the receiver, what each verdict means, how to see that
// nothing leaves the machine; then the engine's version, where the rules
// come from and how sure they are, who runs this copy (set at build time:
// eier-oppsett.js, written by scripts/build-embed.mjs from IPLOS_OWNER,
// IPLOS_CONTACT and IPLOS_A11Y_STATEMENT_URL) and the offline single file.
//
// Links here only navigate when the user follows them: nothing is loaded
// from another origin, and no request is made after the page has loaded.

import * as ownerSettings from '../eier-oppsett.js';
import { dl, el, withCode } from './dom.js';

/** The verdict keys, in the order the help explains them. */
export const VERDICTS = ['klar', 'feil_i_poster', 'avvises', 'kan_ikke_kontrolleres'];

/** The offline single file the build writes next to index.html. */
export const OFFLINE_FILE = 'iplos-sjekk.html';

/** How many of the rules are confirmed by a source, and how many are our reading (`rules`: the engine's Map). */
export function confidenceCounts(rules) {
  const counts = { confirmed: 0, inferred: 0 };
  for (const rule of rules?.values?.() ?? []) {
    if (rule.confidence === 'inferred') counts.inferred++;
    else counts.confirmed++;
  }
  return counts;
}

/**
 * The rule catalogue as the page shows it: a source the rule texts call
 * "(sikkert)" reads "(bekreftet)", a word that cannot be taken for
 * "probably". The engine's own texts (CLI, docs) are left as they are.
 */
export function plainRules(rules) {
  const plain = (text) => (typeof text === 'string' ? text.replaceAll('(sikkert)', '(bekreftet)') : text);
  return new Map([...(rules ?? new Map())].map(([code, rule]) => [code, { ...rule, why: plain(rule.why), fix: plain(rule.fix) }]));
}

/** A link for the contact setting: an e-mail address or a web address; otherwise null (plain text). */
export function contactHref(contact) {
  const text = String(contact ?? '').trim();
  if (/^[^\s@<>()]+@[^\s@<>()]+\.[^\s@<>()]+$/.test(text)) return `mailto:${text}`;
  if (/^https?:\/\/\S+$/i.test(text)) return text;
  return null;
}

const outLink = (href, text) => el('a', { className: 'ds-link', href, text, target: '_blank', rel: 'noopener noreferrer' });

/**
 * The two sections. `offline` says whether to link the single file (a
 * page on a web server; not the file itself opened from disk, not an
 * embedding host). `settings` is who runs this copy (default: the build's).
 * Returns {nodes, update(t, {version, rules})}: update re-renders the
 * text in the page's language and keeps what the user has opened.
 */
export function createHelp({ offline = true, settings = ownerSettings } = {}) {
  const topic = (id) => el('details', { id, className: 'ds-details hjelp-emne' });
  const topics = ['hjelp-filer', 'hjelp-frist', 'hjelp-vurdering', 'hjelp-personvern'].map(topic);
  const helpHeading = el('h2', { id: 'hjelp-tittel', className: 'ds-heading', 'data-size': 'md' });
  const help = el('section', { id: 'hjelp', className: 'hjelp', 'aria-labelledby': 'hjelp-tittel' }, helpHeading, topics);
  const aboutHeading = el('h2', { id: 'om-tittel', className: 'ds-heading', 'data-size': 'md' });
  const aboutBody = el('div');
  const about = el('section', { id: 'om', className: 'om', 'aria-labelledby': 'om-tittel' }, aboutHeading, aboutBody);
  const p = (...children) => el('p', { className: 'ds-paragraph' }, ...children);

  function update(t, { version = '', rules } = {}) {
    helpHeading.textContent = t('helpHeading');
    const [files, deadline, verdicts, privacy] = topics;
    const fill = (details, key, ...content) => details.replaceChildren(el('summary', { text: t(key) }), el('div', {}, ...content));
    fill(files, 'helpFilesTitle', p(t('helpFagmelding')), p(t('helpIdentmelding')), p(t('helpWhere')));
    fill(deadline, 'helpDeadlineTitle', p(t('helpDeadline')), p(t('helpReceiver')), p(t('helpDutyInResult')));
    fill(
      verdicts,
      'helpVerdictsTitle',
      dl(VERDICTS.map((v) => [t('helpVerdictName')[v], el('span', { 'data-verdict-help': v, text: t('helpVerdict')[v] })]), 'fakta hjelp-vurderinger'),
    );
    fill(privacy, 'helpPrivacyTitle', el('ol', { className: 'ds-list' }, t('helpPrivacySteps').map((s) => el('li', { text: s }))));

    aboutHeading.textContent = t('aboutHeading');
    const counts = confidenceCounts(rules);
    const total = counts.confirmed + counts.inferred;
    const owner = settings.owner ? settings.owner : null;
    const contact = settings.contact ? (contactHref(settings.contact) ? outLink(contactHref(settings.contact), settings.contact) : settings.contact) : null;
    const statement = settings.a11yStatementUrl ? outLink(settings.a11yStatementUrl, t('aboutA11yLink')) : null;
    const anyOwner = Boolean(owner || contact || statement);
    const offlinePart = offline
      ? el('span', {}, el('a', { id: 'last-ned-frakoblet', className: 'ds-link', href: OFFLINE_FILE, download: OFFLINE_FILE, text: t('aboutOfflineLink') }), ` ${t('aboutOfflineText')}`)
      : t('aboutOfflineHere');
    aboutBody.replaceChildren(
      p(t('aboutIntro')),
      dl(
        [
          [t('aboutVersion'), version ? `IPLOS-sjekk ${version}` : t('aboutVersionLoading')],
          [t('aboutRules'), el('span', {}, ...withCode(t('aboutRulesSource')))],
          [t('aboutConfidence'), total ? t('aboutConfidenceCounts', t.number(total), t.number(counts.confirmed), t.number(counts.inferred)) : '–'],
          [t('aboutOwner'), el('span', { id: 'om-eier', text: owner ?? t('aboutNotSet') })],
          [t('aboutContact'), el('span', { id: 'om-kontakt' }, contact ?? t('aboutNotSet'))],
          [t('aboutA11y'), el('span', { id: 'om-erklaering' }, statement ?? t('aboutNotSet'))],
          [t('aboutOffline'), offlinePart],
        ],
        'fakta om-fakta',
      ),
      anyOwner ? null : p(el('span', { id: 'om-ikke-satt', text: t('aboutHostMustFill') })),
      p(t('aboutConfidenceText')),
    );
  }

  return { nodes: [help, about], update };
}
