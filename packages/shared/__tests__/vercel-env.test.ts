import { describe, expect, it } from '@jest/globals';
import { applicableVariables, readVariable, type ProjectEnv } from '../src/clients/vercel.js';

const env = (variable: Partial<ProjectEnv> & { key: string }): ProjectEnv => ({ type: 'plain', value: 'v', target: ['preview'], ...variable });

describe("which of a Vercel project's variables a deployment gets", () => {
  const all = [
    env({ key: 'API_URL', value: 'general' }),
    env({ key: 'API_URL', value: 'on-branch', gitBranch: 'feature/x' }),
    env({ key: 'API_URL', value: 'other-branch', gitBranch: 'feature/y' }),
    env({ key: 'PROD_ONLY', target: 'production' }),
  ];

  it('a preview variable tied to the branch wins over the general one on that branch, in whatever order Vercel lists them', () => {
    expect(applicableVariables(all, 'preview', 'feature/x').get('API_URL')?.value).toBe('on-branch');
    expect(applicableVariables([...all].reverse(), 'preview', 'feature/x').get('API_URL')?.value).toBe('on-branch');
    expect(applicableVariables(all, 'preview', 'main').get('API_URL')?.value).toBe('general');
    expect(applicableVariables(all, 'preview', undefined).get('API_URL')?.value).toBe('general');
  });

  it('only variables whose target includes the environment (one target or several)', () => {
    expect([...applicableVariables(all, 'preview', 'main').keys()]).toEqual(['API_URL']);
    expect([...applicableVariables(all, 'production', 'main').keys()]).toEqual(['PROD_ONLY']);
  });
});

describe('which values Vercel gives back', () => {
  it('plain and decrypted encrypted values; never sensitive, secret, system, undecrypted or unknown types', () => {
    expect(readVariable(env({ key: 'A', type: 'plain', value: 'x' }))).toEqual({ kind: 'value', value: 'x' });
    expect(readVariable(env({ key: 'A', type: 'encrypted', value: 'x', decrypted: true }))).toEqual({ kind: 'value', value: 'x' });
    for (const type of ['sensitive', 'secret', 'system', 'new-type']) expect(readVariable(env({ key: 'A', type, value: 'x' })).kind).toBe('unreadable');
    expect(readVariable(env({ key: 'A', type: 'encrypted', value: 'ciphertext', decrypted: false }))).toEqual({ kind: 'unreadable', reason: 'an encrypted variable Vercel did not decrypt' });
    expect(readVariable(env({ key: 'A', type: 'sensitive', value: '' }))).toEqual({ kind: 'unreadable', reason: 'a sensitive variable in Vercel: its value cannot be read back' });
  });
});
