import { lazy, useState, type ComponentType } from 'react';

/** A component whose code is its own chunk, which can be asked for before it first renders. */
export type Preloadable<P extends object> = ComponentType<P> & {
  /** Fetches the code (never fails: a failed fetch is the component's to report when it renders). */
  preload(): Promise<void>;
};

/**
 * React.lazy that can be preloaded, and that renders at once once its code is in. React.lazy suspends on
 * its first render even when its chunk has arrived, and React reveals a Suspense boundary's content no
 * sooner than 300 ms after its fallback appeared (it batches reveals): a page fetched while the console
 * started would still wait behind the spinner. Mounted after `preload` settled, it does not suspend.
 */
export function preloadable<P extends object>(load: () => Promise<ComponentType<P>>): Preloadable<P> {
  let loaded: ComponentType<P> | undefined;
  const fetch = () =>
    load().then((component) => {
      loaded = component;
      return { default: component };
    });
  const Lazy = lazy(fetch);
  function PreloadableComponent(props: P) {
    // Chosen once per mount: turning from the lazy component to the loaded one would remount it.
    const [Loaded] = useState(() => loaded);
    return Loaded ? <Loaded {...props} /> : <Lazy {...props} />;
  }
  return Object.assign(PreloadableComponent, {
    preload: () =>
      fetch().then(
        () => undefined,
        () => undefined,
      ),
  });
}
