// Lets `node --experimental-transform-types` run the TypeScript sources as they are: NodeNext
// sources import './x.js', which is './x.ts' on disk. Usage:
//   node_modules/.bin/node --experimental-transform-types --import ./bench/deploy/register.mjs bench/deploy/index.ts
import { register } from 'node:module';

register(new URL('./resolve-ts.mjs', import.meta.url));
