/**
 * A yield to the event loop paced by the clock: long synchronous work (building the download)
 * calls the returned function between chunks, and it lets queued messages in (a cancel, progress
 * going out) at the first call and then only once `everyMs` milliseconds have passed since the
 * last yield ended. A yield per chunk costs more than the chunk's wait: a worker's nested
 * `setTimeout(0)` waits at least 4 ms, about a second of the 1,048,575-row download's 250 chunks.
 */
export function pacedYield(
  yieldNow: () => Promise<void>,
  everyMs: number,
  now: () => number = () => performance.now(),
): () => Promise<void> {
  let last = -Infinity;
  return async () => {
    if (now() - last < everyMs) return;
    await yieldNow();
    last = now();
  };
}
