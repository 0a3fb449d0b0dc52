import { configure } from '@testing-library/react';

// findBy and waitFor give up after 1 s by default: antd's motion and a first render take longer while CI's
// two cores also run the PostgreSQL 15 suites beside these tests.
configure({ asyncUtilTimeout: 5000 });

// antd reads these browser APIs that jsdom does not implement.
if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}

// antd's Avatar, Table, List, Descriptions and ellipsis measure themselves with a ResizeObserver.
globalThis.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
