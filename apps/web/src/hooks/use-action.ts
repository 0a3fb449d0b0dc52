import type { TypedDocumentNode } from '@apollo/client';
import { useMutation } from '@apollo/client/react';
import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useI18n } from '../i18n/i18n';
import type { MessageKey } from '../i18n/zh';
import { toApiError, type ApiError } from '../lib/api-error';
import { mapFieldErrors } from '../lib/field-errors';

export interface ActionOptions {
  /** Shown when the mutation succeeds. */
  success?: MessageKey;
  /** The form whose fields receive the API's `extensions.fields` problems. */
  form?: FormInstance;
  /** Queries (by operation name) to refetch once it succeeds, before `run` resolves. */
  refetch?: string[];
}

/** `form` puts field problems on that form (e.g. a dialog's), instead of the hook's. */
export type RunAction<TData, TVariables> = (
  variables: TVariables,
  form?: FormInstance,
) => Promise<TData | null>;

/**
 * A mutation as a user action: `loading` for the button's progress, the API's message on failure
 * (field problems on the form's fields), and null instead of a throw so callers stay simple.
 */
export function useAction<TData, TVariables extends Record<string, unknown>>(
  document: TypedDocumentNode<TData, TVariables>,
  options: ActionOptions = {},
): [RunAction<TData, TVariables>, { loading: boolean; error: ApiError | null }] {
  const { message } = App.useApp();
  const { t } = useI18n();
  const [mutate, state] = useMutation(document, {
    refetchQueries: options.refetch ?? [],
    awaitRefetchQueries: true,
  });
  const { success, form } = options;
  const run = useCallback<RunAction<TData, TVariables>>(
    async (variables, formOverride) => {
      const target = formOverride ?? form;
      try {
        // The generic mutate signature cannot be satisfied for an open TVariables; the call is exact.
        const call = mutate as unknown as (options: {
          variables: TVariables;
        }) => Promise<{ data?: TData | null }>;
        const result = await call({ variables });
        // A field keeps an error set from an earlier refusal until its own rules run again, which
        // fields without rules never do: once the action succeeds, none of them is still wrong.
        if (target) {
          const stale = target.getFieldsError().filter((field) => field.errors.length > 0);
          if (stale.length) target.setFields(stale.map((field) => ({ name: field.name, errors: [] })));
        }
        if (success) message.success(t(success));
        return (result.data ?? null) as TData | null;
      } catch (error) {
        const apiError = toApiError(error);
        if (target) {
          const names = target.getFieldsError().map((field) => field.name);
          const mapped = mapFieldErrors(apiError.fields, names);
          target.setFields(mapped.fields);
          message.error(
            mapped.fields.length && !mapped.unmatched.length ? t('common.fixFields') : apiError.message,
          );
        } else {
          message.error(apiError.message);
        }
        return null;
      }
    },
    [form, message, mutate, success, t],
  );
  return [run, { loading: state.loading, error: state.error ? toApiError(state.error) : null }];
}
