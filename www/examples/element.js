// The host's own script: loads the element and shows what the
// iplos-result event carries (the summary only).
import '../iplos-sjekk.js';

const checker = document.querySelector('iplos-sjekk');
checker.addEventListener('iplos-result', (event) => {
  document.getElementById('vurdering').value = event.detail.verdict;
  document.getElementById('sammendrag').textContent = JSON.stringify(event.detail, null, 2);
});
checker.addEventListener('iplos-error', (event) => {
  document.getElementById('vurdering').value = `feil: ${event.detail.message}`;
});
