/**
 * Runs `task` every `ms` in the background, never two at once (a slow run skips the next tick),
 * without keeping the process alive; a failed run is reported and the next one tries again.
 * Returns the stop function.
 */
export function every(ms: number, task: () => Promise<void>, onError: (error: Error) => void): () => void {
  let running = false;
  const timer = setInterval(async () => {
    if (running) return;
    running = true;
    try {
      await task();
    } catch (error) {
      onError(error as Error);
    } finally {
      running = false;
    }
  }, ms);
  timer.unref();
  return () => clearInterval(timer);
}
