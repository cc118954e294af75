/**
 * Works through `items` in order, `concurrency` at a time. Before each item, `mayStart` decides whether it may
 * start; the first refusal stops every lane from starting more. Returns how many items were started (a prefix).
 */
export async function inLanes<T>(
  items: readonly T[],
  concurrency: number,
  mayStart: (item: T) => boolean,
  work: (item: T) => Promise<void>
): Promise<number> {
  let next = 0
  let stopped = false
  const lane = async (): Promise<void> => {
    while (!stopped && next < items.length) {
      const item = items[next] as T
      if (!mayStart(item)) {
        stopped = true
        return
      }
      next++
      await work(item)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, items.length)) }, lane))
  return next
}
