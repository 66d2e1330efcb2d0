/**
 * Read a result set page by page and yield each page rendered, reading the next page only when the consumer asks
 * for more. Memory holds one page whatever the result's size, and a slow client holds no database connection
 * between pages (a cursor would pin one for the whole download).
 */
export async function* keysetPages<TRow, TKey>(options: {
  readPage: (after: TKey | null, limit: number) => Promise<TRow[]>;
  keyOf: (row: TRow) => TKey;
  render: (rows: TRow[]) => string | Buffer;
  pageSize: number;
}): AsyncGenerator<string | Buffer> {
  let after: TKey | null = null;
  for (;;) {
    const rows = await options.readPage(after, options.pageSize);
    if (rows.length) yield options.render(rows);
    if (rows.length < options.pageSize) return;
    after = options.keyOf(rows[rows.length - 1] as TRow);
  }
}
