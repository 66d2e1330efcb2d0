import { describe, expect, it } from 'vitest';
import { keysetPages } from './keyset-stream.js';

/** A fake table of `total` rows that records every page read. */
function table(total: number) {
  const reads: { after: number | null; limit: number }[] = [];
  const readPage = async (after: number | null, limit: number) => {
    reads.push({ after, limit });
    const from = after === null ? 0 : after + 1;
    return Array.from({ length: Math.max(0, Math.min(limit, total - from)) }, (_, i) => from + i);
  };
  return { reads, readPage };
}

describe('keysetPages', () => {
  it('reads one page at a time, only when the consumer asks for more', async () => {
    const { reads, readPage } = table(10_000);
    const pages = keysetPages({ readPage, keyOf: (n) => n, render: (rows) => rows.join(','), pageSize: 100 });
    const first = await pages.next();
    expect(first.value).toBe(Array.from({ length: 100 }, (_, i) => i).join(','));
    // However large the result, holding the first page has read exactly one page.
    expect(reads).toEqual([{ after: null, limit: 100 }]);
    await pages.next();
    expect(reads).toEqual([
      { after: null, limit: 100 },
      { after: 99, limit: 100 },
    ]);
    await pages.return(undefined);
    expect(reads).toHaveLength(2);
  });

  it('continues after the last key and stops on a short page', async () => {
    const { reads, readPage } = table(250);
    const out: string[] = [];
    for await (const page of keysetPages({
      readPage,
      keyOf: (n) => n,
      render: (rows) => `${rows.length}`,
      pageSize: 100,
    })) {
      out.push(String(page));
    }
    expect(out).toEqual(['100', '100', '50']);
    expect(reads.map((r) => r.after)).toEqual([null, 99, 199]);
  });

  it('yields nothing for an empty result, and reads once more after an exactly full last page', async () => {
    const empty = table(0);
    const none: unknown[] = [];
    for await (const page of keysetPages({ ...empty, keyOf: (n) => n, render: String, pageSize: 10 })) none.push(page);
    expect(none).toEqual([]);
    const full = table(20);
    const pages: unknown[] = [];
    for await (const page of keysetPages({ ...full, keyOf: (n) => n, render: String, pageSize: 10 })) pages.push(page);
    expect(pages).toHaveLength(2);
    expect(full.reads.map((r) => r.after)).toEqual([null, 9, 19]);
  });
});
