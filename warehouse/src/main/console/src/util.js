import { useEffect, useRef, useState } from 'preact/hooks';

/** Runs load() now and every intervalMs; returns [data, error, reload]. */
export function usePoll(load, intervalMs, deps = []) {
  const [data, setData] = useState(null);
  const [error, setError] = useState(null);
  const alive = useRef(true);
  const run = async () => {
    try {
      const value = await load();
      if (alive.current) {
        setData(value);
        setError(null);
      }
    } catch (failure) {
      if (alive.current) {
        setError(failure);
      }
    }
  };
  useEffect(() => {
    alive.current = true;
    run();
    const timer = setInterval(run, intervalMs);
    return () => {
      alive.current = false;
      clearInterval(timer);
    };
  }, deps);
  return [data, error, run];
}

/** 850 → "850 ms", 65000 → "1 min 5 s", 7200000 → "2 h 0 min". */
export function duration(millis) {
  if (millis === null || millis === undefined) {
    return '';
  }
  if (millis < 1000) {
    return `${Math.round(millis)} ms`;
  }
  const seconds = Math.floor(millis / 1000);
  if (seconds < 60) {
    return `${(millis / 1000).toFixed(1)} s`;
  }
  if (seconds < 3600) {
    return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
  }
  if (seconds < 86400) {
    return `${Math.floor(seconds / 3600)} h ${Math.floor((seconds % 3600) / 60)} min`;
  }
  return `${Math.floor(seconds / 86400)} d ${Math.floor((seconds % 86400) / 3600)} h`;
}
