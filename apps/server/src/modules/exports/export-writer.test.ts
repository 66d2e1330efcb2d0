import { describe, expect, it } from 'vitest';
import { ChunkedLineWriter } from './export-writer.js';

describe('ChunkedLineWriter', () => {
  it('stores numbered chunks of bounded size that concatenate to the JSON Lines file', async () => {
    const stored: { chunkNo: number; content: Buffer }[] = [];
    const writer = new ChunkedLineWriter(async (chunkNo, content) => {
      stored.push({ chunkNo, content });
    }, 1000);
    const lines = Array.from({ length: 500 }, (_, i) => ({ id: `row-${i}`, text: 'é'.repeat(i % 7) }));
    let maxBuffered = 0;
    for (const line of lines) {
      await writer.writeLine(line);
      // Nothing accumulates past one chunk: at most a chunk's worth of lines is unflushed at any time.
      const flushedBytes = stored.reduce((n, c) => n + c.content.length, 0);
      const writtenBytes = lines
        .slice(0, lines.indexOf(line) + 1)
        .reduce((n, l) => n + Buffer.byteLength(`${JSON.stringify(l)}\n`), 0);
      maxBuffered = Math.max(maxBuffered, writtenBytes - flushedBytes);
    }
    await writer.close();
    expect(maxBuffered).toBeLessThan(1000);
    expect(stored.length).toBeGreaterThan(5);
    expect(stored.map((c) => c.chunkNo)).toEqual(stored.map((_, i) => i + 1));
    for (const chunk of stored.slice(0, -1)) {
      expect(chunk.content.length).toBeGreaterThanOrEqual(1000);
      expect(chunk.content.length).toBeLessThan(1100);
    }
    const text = Buffer.concat(stored.map((c) => c.content)).toString('utf8');
    expect(
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
    ).toEqual(lines);
  });

  it('stores nothing for an empty file', async () => {
    const stored: number[] = [];
    const writer = new ChunkedLineWriter(async (chunkNo) => {
      stored.push(chunkNo);
    });
    await writer.close();
    expect(stored).toEqual([]);
  });
});
