import { describe, expect, it } from 'vitest';
import { previewOf, safeSnippet, uiStatusOf } from './desktop.presenter.js';

describe('uiStatusOf (product spec 2.2, exclusive tabs)', () => {
  it.each([
    ['OPEN', null, 'NEW'],
    ['WAITING', null, 'NEW'],
    ['CLOSED', null, 'CLOSED'],
    ['OPEN', 'agent-1', 'OPEN'],
    ['WAITING', 'agent-1', 'WAITING'],
    ['CLOSED', 'agent-1', 'CLOSED'],
  ] as const)('%s with agent %s is %s', (status, agentId, expected) => {
    expect(uiStatusOf(status, agentId)).toBe(expected);
  });
});

describe('previewOf', () => {
  it.each([
    [null, ''],
    ['', ''],
    ['  hello\n\n  world\t ', 'hello world'],
    ['a'.repeat(140), 'a'.repeat(140)],
    ['a'.repeat(141), `${'a'.repeat(139)}…`],
    [`${'word '.repeat(40)}`, `${'word '.repeat(28).slice(0, 139).trimEnd()}…`],
  ])('%j → %j', (text, expected) => {
    const preview = previewOf(text);
    expect(preview).toBe(expected);
    expect(preview.length).toBeLessThanOrEqual(140);
  });
});

describe('safeSnippet', () => {
  it.each([
    ['plain <mark>word</mark>', 'plain <mark>word</mark>'],
    ['&lt;b&gt; <mark>x</mark>', '&lt;b&gt; <mark>x</mark>'],
    ['<img src=x onerror=alert(1)> <mark>y</mark>', '&lt;img src=x onerror=alert(1)&gt; <mark>y</mark>'],
    ['<mark >z</mark>', '&lt;mark &gt;z</mark>'],
  ])('%j → %j', (input, expected) => {
    expect(safeSnippet(input)).toBe(expected);
  });
});
