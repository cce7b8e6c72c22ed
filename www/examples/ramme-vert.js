// The host side of the iframe protocol (see ramme.js). Here the frame is
// served from the other loopback name (localhost vs 127.0.0.1: a different
// origin on the same server); in a portal it is wherever IPLOS-sjekk is
// hosted.
const here = new URL(location.href);
const frameOrigin = `${here.protocol}//${here.hostname === 'localhost' ? '127.0.0.1' : 'localhost'}${here.port ? `:${here.port}` : ''}`;
const src = new URL('/ramme.html', frameOrigin);
// The frame answers only origins on its build-time list (IPLOS_FRAME_ORIGINS);
// ?origins= can narrow that list, never add to it.
src.searchParams.set('origins', here.searchParams.get('origins') ?? location.origin);
src.searchParams.set('kompakt', '');

const frame = document.getElementById('ramme');
const input = document.getElementById('fil');
const state = document.getElementById('tilstand');
const verdict = document.getElementById('vurdering');
let next = 1;

window.addEventListener('message', (event) => {
  if (event.origin !== frameOrigin || event.source !== frame.contentWindow) return;
  const m = event.data;
  switch (m?.type) {
    case 'iplos-sjekk:ready':
      input.disabled = false;
      state.value = `klar (motor ${m.version})`;
      document.body.dataset.ramme = 'klar';
      break;
    case 'iplos-sjekk:progress':
      state.value = `${m.bytesDone} av ${m.total} byte lest`;
      break;
    case 'iplos-sjekk:result':
      state.value = 'ferdig';
      verdict.value = m.summary.verdict;
      verdict.dataset.verdict = m.summary.verdict;
      document.getElementById('sammendrag').textContent = JSON.stringify(m.summary, null, 2);
      break;
    case 'iplos-sjekk:error':
      state.value = `feil: ${m.message}`;
      break;
    default:
  }
});

input.addEventListener('change', () => {
  const file = input.files[0];
  if (!file) return;
  delete verdict.dataset.verdict;
  // A File goes by structured clone: nothing is uploaded anywhere.
  frame.contentWindow.postMessage({ type: 'iplos-sjekk:check', id: next++, file, year: 2025 }, frameOrigin);
});

frame.src = src.href;
