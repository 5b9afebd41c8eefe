import { useCallback, useState } from 'react';

interface Action {
  /** True while the action runs: its button is disabled so a double click sends once. */
  busy: boolean;
  /** What the last run threw, until the next run starts. */
  error: unknown;
  run: (action: () => Promise<void>) => Promise<void>;
  clearError: () => void;
}

/** Runs a form's submit action, keeping its busy flag and its error for display. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();

  const run = useCallback(async (action: () => Promise<void>) => {
    setBusy(true);
    setError(undefined);
    try {
      await action();
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  }, []);

  const clearError = useCallback(() => setError(undefined), []);
  return { busy, error, run, clearError };
}
