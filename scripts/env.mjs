// Shared by the scripts: the repository root and a PATH that includes
// cargo's bin folder (where `cargo install` puts wasm-bindgen).

import { homedir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const cargoBin = join(process.env.CARGO_HOME ?? join(homedir(), '.cargo'), 'bin');
const path = (process.env.PATH ?? '').split(delimiter);
if (!path.includes(cargoBin)) process.env.PATH = [...path, cargoBin].join(delimiter);
