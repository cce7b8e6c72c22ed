// The host reads the file itself and hands check() the bytes; the report is
// the whole JSON contract, of which this page shows only the summary.
import { check, summarize } from '../iplos-sjekk.js';

const main = document.getElementById('fil');
const ident = document.getElementById('identfil');
const verdict = document.getElementById('vurdering');
let controller = null;

async function run() {
  const file = main.files[0];
  if (!file) return;
  controller?.abort();
  controller = new AbortController();
  verdict.value = 'kontrollerer …';
  delete verdict.dataset.verdict;
  const identFile = ident.files[0];
  try {
    const report = await check(new Uint8Array(await file.arrayBuffer()), {
      name: file.name,
      year: 2025,
      ident: identFile ? new Uint8Array(await identFile.arrayBuffer()) : undefined,
      identName: identFile?.name,
      signal: controller.signal,
      onProgress: ({ bytesDone, total, persons }) => {
        document.getElementById('framdrift').value = `${bytesDone} av ${total} byte, ${persons} personer`;
      },
    });
    verdict.value = report.verdict;
    verdict.dataset.verdict = report.verdict;
    document.getElementById('sammendrag').textContent = JSON.stringify(summarize(report), null, 2);
  } catch (e) {
    verdict.value = e.name === 'AbortError' ? 'avbrutt' : `feil: ${e.message}`;
  }
}

main.addEventListener('change', run);
ident.addEventListener('change', run);
document.getElementById('avbryt').addEventListener('click', () => controller?.abort());
