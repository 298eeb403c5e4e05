// A stand-in build: copies src/ into .next-like output.
import { cpSync, mkdirSync } from 'node:fs';

mkdirSync('build', { recursive: true });
cpSync('src', 'build', { recursive: true });
