// `node --import ./bench/register-ts.mjs file.ts` runs a TypeScript entry point of this repository.
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
