// Binary min-heap helpers over an array, ordered by a caller's `before`.

export type TBefore<T = number> = (a: T, b: T) => boolean;

export function heapify<T>(heap: T[], before: TBefore<T>): void {
  for (let k = (heap.length >> 1) - 1; k >= 0; k--) siftDown(heap, k, heap[k] as T, before);
}

export function heapPush<T>(heap: T[], value: T, before: TBefore<T>): void {
  let k = heap.length;
  heap.push(value);
  while (k > 0) {
    const parent = (k - 1) >> 1;
    const p = heap[parent] as T;
    if (!before(value, p)) break;
    heap[k] = p;
    k = parent;
  }
  heap[k] = value;
}

export function heapPop<T>(heap: T[], before: TBefore<T>): T {
  const top = heap[0] as T;
  const last = heap.pop() as T;
  if (heap.length > 0) siftDown(heap, 0, last, before);
  return top;
}

/** Restores the order after the top's key got worse (heapPop then heapPush of the same value, in one sift). */
export function heapSiftTop<T>(heap: T[], before: TBefore<T>): void {
  if (heap.length > 1) siftDown(heap, 0, heap[0] as T, before);
}

/** heapPush(value) then heapPop() in one sift: `value` itself when it comes first. */
export function heapPushPop<T>(heap: T[], value: T, before: TBefore<T>): T {
  if (heap.length === 0 || !before(heap[0] as T, value)) return value;
  const top = heap[0] as T;
  siftDown(heap, 0, value, before);
  return top;
}

function siftDown<T>(heap: T[], from: number, value: T, before: TBefore<T>): void {
  const n = heap.length;
  let k = from;
  for (;;) {
    const left = 2 * k + 1;
    if (left >= n) break;
    const right = left + 1;
    let child = left;
    if (right < n && before(heap[right] as T, heap[left] as T)) child = right;
    const c = heap[child] as T;
    if (!before(c, value)) break;
    heap[k] = c;
    k = child;
  }
  heap[k] = value;
}
