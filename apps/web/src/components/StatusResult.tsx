import type { ResultProps } from 'antd';
import { lazy, Suspense } from 'react';

// antd's Result draws its 403 and 404 pictures as inline SVG (about 9 KB compressed): loaded only
// when a page refuses or is not found, not with every page.
const AntResult = lazy(() => import('antd/es/result'));

/** antd's Result (403, 404 …), downloaded when first shown. */
export function StatusResult(props: ResultProps) {
  return (
    <Suspense fallback={null}>
      <AntResult {...props} />
    </Suspense>
  );
}
